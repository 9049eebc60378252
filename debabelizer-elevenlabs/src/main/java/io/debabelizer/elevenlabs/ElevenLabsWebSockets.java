package io.debabelizer.elevenlabs;

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

/**
 * Opening ElevenLabs WebSockets with the key in the {@code xi-api-key} upgrade header (the spec and the docs
 * disagree on its name inside the first message, so it is never sent there); a rejected upgrade becomes the same
 * typed error as on REST.
 */
final class ElevenLabsWebSockets {

    private ElevenLabsWebSockets() {
    }

    static WebSocket connect(ElevenLabsSettings settings, String pathAndQuery, WebSocket.Listener listener) {
        CompletableFuture<WebSocket> future = settings.httpClient().newWebSocketBuilder()
                .connectTimeout(settings.connectTimeout())
                .header(ElevenLabsSettings.API_KEY_HEADER, settings.apiKey().reveal())
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
                throw ElevenLabsErrors.forResponse(r.statusCode(), r.headers(), bytes, settings.apiKey());
            }
            if (cause instanceof HttpTimeoutException) {
                throw new ProviderTimeoutException("no answer to the WebSocket handshake within "
                        + settings.connectTimeout(), ElevenLabsSettings.PROVIDER, null, cause);
            }
            throw HttpErrors.forTransportFailure(ElevenLabsSettings.PROVIDER, cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ProviderTimeoutException("no answer to the WebSocket handshake within "
                    + settings.connectTimeout(), ElevenLabsSettings.PROVIDER, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new ProviderUnavailableException("interrupted while connecting", ElevenLabsSettings.PROVIDER,
                    null, e);
        }
    }
}
