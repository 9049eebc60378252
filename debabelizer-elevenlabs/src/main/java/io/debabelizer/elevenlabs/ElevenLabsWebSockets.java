package io.debabelizer.elevenlabs;

import io.debabelizer.spi.http.WebSocketConnector;
import java.net.http.WebSocket;
import java.util.Map;

/**
 * Opening ElevenLabs WebSockets with the key in the {@code xi-api-key} upgrade header (the spec and the docs
 * disagree on its name inside the first message, so it is never sent there); a rejected upgrade becomes the same
 * typed error as on REST.
 */
final class ElevenLabsWebSockets {

    private ElevenLabsWebSockets() {
    }

    static WebSocket connect(ElevenLabsSettings settings, String pathAndQuery, WebSocket.Listener listener) {
        return WebSocketConnector.connect(settings.httpClient(), settings.ws(pathAndQuery),
                Map.of(ElevenLabsSettings.API_KEY_HEADER, settings.apiKey().reveal()), settings.connectTimeout(),
                listener, ElevenLabsSettings.PROVIDER,
                (status, headers, body) -> ElevenLabsErrors.forResponse(status, headers, body, settings.apiKey()));
    }
}
