package io.debabelizer.spi.http;

import io.debabelizer.DebabelizerException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens a provider WebSocket and turns every way the handshake can fail into a typed error: a rejected upgrade
 * (4xx/5xx answer) through the provider's own REST error mapping, no answer in time into
 * {@link ProviderTimeoutException}, anything else on the transport through {@link HttpErrors}.
 */
public final class WebSocketConnector {

    /** Maps a rejected upgrade (status, headers, body) to the exception the provider's REST API would give. */
    @FunctionalInterface
    public interface RejectionMapper {
        DebabelizerException map(int status, HttpHeaders headers, byte[] body);
    }

    /** Extra wait beyond the builder's own handshake timeout; it only guards against a client bug. */
    private static final long GRACE_MILLIS = 5_000;

    private WebSocketConnector() {
    }

    /**
     * Connects and waits for the handshake. Header values are sent as given, so callers pass secrets revealed
     * only here, at the point of use.
     */
    public static WebSocket connect(HttpClient client, URI uri, Map<String, String> headers, Duration connectTimeout,
                                    WebSocket.Listener listener, String provider, RejectionMapper onRejected) {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(connectTimeout);
        headers.forEach(builder::header);
        CompletableFuture<WebSocket> future = builder.buildAsync(uri, listener);
        try {
            return future.get(connectTimeout.toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException h) {
                HttpResponse<?> r = h.getResponse();
                Object body = r.body();
                byte[] bytes = body instanceof byte[] b ? b
                        : String.valueOf(body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
                throw onRejected.map(r.statusCode(), r.headers(), bytes);
            }
            if (cause instanceof HttpTimeoutException) {
                throw handshakeTimeout(provider, connectTimeout, cause);
            }
            throw HttpErrors.forTransportFailure(provider, cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw handshakeTimeout(provider, connectTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new ProviderUnavailableException("interrupted while connecting", provider, null, e);
        }
    }

    private static ProviderTimeoutException handshakeTimeout(String provider, Duration timeout, Throwable cause) {
        return new ProviderTimeoutException("no answer to the WebSocket handshake within " + timeout, provider, null,
                cause);
    }
}
