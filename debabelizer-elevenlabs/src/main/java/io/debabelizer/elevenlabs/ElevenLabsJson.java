package io.debabelizer.elevenlabs;

import io.debabelizer.ProtocolException;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON reading and writing shared by the REST and WebSocket sides. */
final class ElevenLabsJson {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ElevenLabsJson() {
    }

    static JsonNode parse(byte[] body, String requestId) {
        return parse(new String(body, StandardCharsets.UTF_8), requestId);
    }

    /** A JSON value (object or array); anything that does not parse is a {@link ProtocolException}. */
    static JsonNode parse(String text, String requestId) {
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n == null || !(n.isObject() || n.isArray())) {
                throw new ProtocolException("expected a JSON object or array from ElevenLabs",
                        ElevenLabsSettings.PROVIDER, requestId, null);
            }
            return n;
        } catch (JacksonException e) {
            throw new ProtocolException("ElevenLabs sent JSON that does not parse: " + e.getOriginalMessage(),
                    ElevenLabsSettings.PROVIDER, requestId, e);
        }
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
