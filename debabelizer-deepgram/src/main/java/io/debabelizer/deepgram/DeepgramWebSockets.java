package io.debabelizer.deepgram;

import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.spi.http.HttpErrors;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Opening Deepgram WebSockets, with a rejected upgrade turned into the same typed errors as REST. */
final class DeepgramWebSockets {

    private DeepgramWebSockets() {
    }

    /**
     * Connects to {@code pathAndQuery} under the WebSocket base. A 4xx/5xx upgrade answer becomes the exception
     * its status means (its {@code dg-error} header or body as detail, {@code dg-request-id} as request id).
     */
    static WebSocket connect(DeepgramSettings settings, String pathAndQuery, WebSocket.Listener listener) {
        CompletableFuture<WebSocket> future = settings.httpClient().newWebSocketBuilder()
                .connectTimeout(settings.connectTimeout())
                .header("Authorization", settings.authorization())
                .buildAsync(settings.ws(pathAndQuery), listener);
        try {
            // The builder's timeout covers the handshake; the extra wait only guards against a client bug.
            return future.get(settings.connectTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException h) {
                HttpResponse<?> r = h.getResponse();
                Object body = r.body();
                byte[] bytes = body instanceof byte[] b ? b
                        : String.valueOf(body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
                throw DeepgramErrors.forResponse(r.statusCode(), r.headers(), bytes, settings.apiKey());
            }
            if (cause instanceof HttpTimeoutException) {
                throw new ProviderTimeoutException("no answer to the WebSocket handshake within "
                        + settings.connectTimeout(), DeepgramSettings.PROVIDER, null, cause);
            }
            throw HttpErrors.forTransportFailure(DeepgramSettings.PROVIDER, cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ProviderTimeoutException("no answer to the WebSocket handshake within "
                    + settings.connectTimeout(), DeepgramSettings.PROVIDER, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new ProviderUnavailableException("interrupted while connecting", DeepgramSettings.PROVIDER, null,
                    e);
        }
    }
}
