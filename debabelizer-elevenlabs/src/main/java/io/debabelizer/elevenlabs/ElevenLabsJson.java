package io.debabelizer.elevenlabs;

import io.debabelizer.ProtocolException;
import io.debabelizer.spi.json.ProviderJson;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON reading and writing shared by the REST and WebSocket sides. */
final class ElevenLabsJson {

    static final JsonMapper MAPPER = ProviderJson.MAPPER;
    private static final ProviderJson JSON = new ProviderJson(ElevenLabsSettings.PROVIDER, "ElevenLabs");

    private ElevenLabsJson() {
    }

    static JsonNode parse(byte[] body, String requestId) {
        return parse(new String(body, StandardCharsets.UTF_8), requestId);
    }

    /** A JSON value (object or array); anything that does not parse is a {@link ProtocolException}. */
    static JsonNode parse(String text, String requestId) {
        return JSON.objectOrArray(text, requestId);
    }

    static String write(Object value) {
        return JSON.write(value);
    }
}
