package io.debabelizer.openai;

import io.debabelizer.ProtocolException;
import io.debabelizer.spi.json.ProviderJson;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON parsing and writing shared by the REST and Realtime sides. */
final class OpenAiJson {

    static final JsonMapper MAPPER = ProviderJson.MAPPER;
    private static final ProviderJson JSON = new ProviderJson(OpenAiSettings.PROVIDER, "OpenAI");

    private OpenAiJson() {
    }

    static JsonNode parse(byte[] body, String requestId) {
        return parse(new String(body, StandardCharsets.UTF_8), requestId);
    }

    /** A JSON object, or a {@link ProtocolException} naming the request. */
    static JsonNode parse(String text, String requestId) {
        return JSON.object(text, requestId);
    }

    static String write(Object value) {
        return JSON.write(value);
    }

    static double number(JsonNode n, double fallback) {
        return ProviderJson.number(n, fallback);
    }

    static String abbreviate(String s) {
        return ProviderJson.excerpt(s);
    }
}
