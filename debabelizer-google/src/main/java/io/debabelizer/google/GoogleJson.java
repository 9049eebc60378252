package io.debabelizer.google;

import io.debabelizer.ProtocolException;
import io.debabelizer.spi.json.ProviderJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Google's proto3 JSON mapping: one mapper, {@code google.protobuf.Duration} strings, language tags. */
final class GoogleJson {

    static final JsonMapper MAPPER = ProviderJson.MAPPER;

    private GoogleJson() {
    }

    /** Parses a response body; anything that is not a JSON object is a {@link ProtocolException}. */
    static JsonNode parse(byte[] body, String requestId) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null || !n.isObject()) {
                throw new ProtocolException("the response is not a JSON object: " + abbreviate(body),
                        GoogleSettings.PROVIDER, requestId, null);
            }
            return n;
        } catch (JacksonException e) {
            throw new ProtocolException("the response is not JSON: " + abbreviate(body), GoogleSettings.PROVIDER,
                    requestId, e);
        }
    }

    /**
     * Seconds of a JSON {@code google.protobuf.Duration}: {@code "1.500s"}, {@code "0s"}, {@code "-0.5s"}, up to
     * nine fractional digits. A missing value (proto3 omits zero) is {@code fallback}.
     */
    static double seconds(JsonNode value, double fallback) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        String s = value.asString("");
        if (!s.endsWith("s")) {
            throw new ProtocolException("'" + s + "' is not a duration (like \"1.500s\")", GoogleSettings.PROVIDER,
                    null, null);
        }
        try {
            return new BigDecimal(s.substring(0, s.length() - 1)).doubleValue();
        } catch (NumberFormatException e) {
            throw new ProtocolException("'" + s + "' is not a duration (like \"1.500s\")", GoogleSettings.PROVIDER,
                    null, null);
        }
    }

    /** Google returns language codes lower-cased ({@code en-us}); the common API uses BCP-47 case. */
    static String languageTag(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return Locale.forLanguageTag(code.strip()).toLanguageTag();
    }

    private static String abbreviate(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8).strip();
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
