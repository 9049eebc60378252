package io.debabelizer.spi.json;

import io.debabelizer.ProtocolException;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading and writing a provider's JSON the same way in every provider module: one shared mapper, and a body that
 * is not the JSON object expected becomes a {@link ProtocolException} naming the provider, its request id and a
 * short excerpt of what came instead (never the whole body: error pages can be large).
 */
public final class ProviderJson {

    /** Jackson's mappers are thread-safe once configured; one for all providers. */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int EXCERPT_CHARS = 200;

    private final String provider;
    private final String displayName;

    /**
     * @param provider    the provider name errors carry (e.g. {@code azure})
     * @param displayName how messages name the vendor (e.g. {@code Azure})
     */
    public ProviderJson(String provider, String displayName) {
        this.provider = provider;
        this.displayName = displayName;
    }

    /** A JSON object; anything else (another JSON value, not JSON at all) is a {@link ProtocolException}. */
    public JsonNode object(String text, String requestId) {
        JsonNode n = tree(text, requestId);
        if (!n.isObject()) {
            throw new ProtocolException("expected a JSON object from " + displayName + ", got: " + excerpt(text),
                    provider, requestId, null);
        }
        return n;
    }

    public JsonNode object(byte[] body, String requestId) {
        return object(new String(body, StandardCharsets.UTF_8), requestId);
    }

    /** An object or an array (for APIs that answer some calls with a list). */
    public JsonNode objectOrArray(String text, String requestId) {
        JsonNode n = tree(text, requestId);
        if (!n.isObject() && !n.isArray()) {
            throw new ProtocolException("expected a JSON object or array from " + displayName + ", got: "
                    + excerpt(text), provider, requestId, null);
        }
        return n;
    }

    public String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** A number, or {@code fallback} when the field is missing or not numeric. */
    public static double number(JsonNode n, double fallback) {
        return n != null && n.isNumber() ? n.asDouble() : fallback;
    }

    /** At most the first 200 characters of {@code text}, for messages. */
    public static String excerpt(String text) {
        String s = text.strip();
        return s.length() <= EXCERPT_CHARS ? s : s.substring(0, EXCERPT_CHARS) + "…";
    }

    private JsonNode tree(String text, String requestId) {
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n == null || n.isMissingNode()) {
                throw new ProtocolException(displayName + " sent an empty body where JSON was expected", provider,
                        requestId, null);
            }
            return n;
        } catch (JacksonException e) {
            throw new ProtocolException(displayName + " sent JSON that does not parse: " + e.getOriginalMessage(),
                    provider, requestId, e);
        }
    }
}
