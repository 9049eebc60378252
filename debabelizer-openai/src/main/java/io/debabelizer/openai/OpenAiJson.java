package io.debabelizer.openai;

import io.debabelizer.ProtocolException;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON parsing and writing shared by the REST and Realtime sides. */
final class OpenAiJson {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private OpenAiJson() {
    }

    static JsonNode parse(byte[] body, String requestId) {
        return parse(new String(body, StandardCharsets.UTF_8), requestId);
    }

    /** A JSON object, or a {@link ProtocolException} naming the request. */
    static JsonNode parse(String text, String requestId) {
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n == null || !n.isObject()) {
                throw new ProtocolException("expected a JSON object from OpenAI, got: " + abbreviate(text),
                        OpenAiSettings.PROVIDER, requestId, null);
            }
            return n;
        } catch (JacksonException e) {
            throw new ProtocolException("OpenAI sent JSON that does not parse: " + e.getOriginalMessage(),
                    OpenAiSettings.PROVIDER, requestId, e);
        }
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static double number(JsonNode n, double fallback) {
        return n != null && n.isNumber() ? n.asDouble() : fallback;
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
