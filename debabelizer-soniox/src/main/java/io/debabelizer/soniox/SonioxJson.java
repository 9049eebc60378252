package io.debabelizer.soniox;

import io.debabelizer.ProtocolException;
import io.debabelizer.spi.json.ProviderJson;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The module's JSON mapper and strict parsing (anything but a JSON object is a protocol error). */
final class SonioxJson {

    static final JsonMapper MAPPER = ProviderJson.MAPPER;

    private SonioxJson() {
    }

    static JsonNode object(String provider, byte[] body, String what) {
        return object(provider, new String(body, StandardCharsets.UTF_8), what);
    }

    static JsonNode object(String provider, String text, String what) {
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n == null || !n.isObject()) {
                throw new ProtocolException(what + " is not a JSON object: " + abbreviate(text), provider, null,
                        null);
            }
            return n;
        } catch (JacksonException e) {
            throw new ProtocolException(what + " is not valid JSON: " + abbreviate(text), provider, null, e);
        }
    }

    static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
