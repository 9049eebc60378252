package io.debabelizer.deepgram;

import io.debabelizer.spi.http.WebSocketConnector;
import java.net.http.WebSocket;
import java.util.Map;

/** Opening Deepgram WebSockets, with a rejected upgrade turned into the same typed errors as REST. */
final class DeepgramWebSockets {

    private DeepgramWebSockets() {
    }

    /**
     * Connects to {@code pathAndQuery} under the WebSocket base. A 4xx/5xx upgrade answer becomes the exception
     * its status means (its {@code dg-error} header or body as detail, {@code dg-request-id} as request id).
     */
    static WebSocket connect(DeepgramSettings settings, String pathAndQuery, WebSocket.Listener listener) {
        return WebSocketConnector.connect(settings.httpClient(), settings.ws(pathAndQuery),
                Map.of("Authorization", settings.authorization()), settings.connectTimeout(), listener,
                DeepgramSettings.PROVIDER,
                (status, headers, body) -> DeepgramErrors.forResponse(status, headers, body, settings.apiKey()));
    }
}
