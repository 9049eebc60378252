package io.debabelizer.azure;

import io.debabelizer.ProtocolException;
import io.debabelizer.spi.json.ProviderJson;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON reading for every Azure API, and Azure's 100-nanosecond time unit. */
final class AzureJson {

    static final JsonMapper MAPPER = ProviderJson.MAPPER;
    private static final ProviderJson JSON = new ProviderJson(AzureSettings.PROVIDER, "Azure");
    /** Azure speech times ({@code Offset}, {@code Duration}) count 100 ns ticks. */
    static final double TICKS_PER_SECOND = 10_000_000.0;

    private AzureJson() {
    }

    static JsonNode parse(byte[] body, String requestId) {
        return parse(new String(body, StandardCharsets.UTF_8), requestId);
    }

    /** Parses a JSON object; anything else is a {@link ProtocolException}. */
    static JsonNode parse(String text, String requestId) {
        return JSON.object(text, requestId);
    }

    static String write(Object value) {
        return JSON.write(value);
    }

    /**
     * Seconds for a tick count, which real responses give as a JSON integer and the documentation's samples as a
     * quoted string; both are read. A missing value is 0.
     */
    static double ticksToSeconds(JsonNode ticks, String requestId) {
        if (ticks == null || ticks.isMissingNode() || ticks.isNull()) {
            return 0;
        }
        if (ticks.isIntegralNumber()) {
            return ticks.asLong() / TICKS_PER_SECOND;
        }
        if (ticks.isString() && ticks.asString().strip().matches("\\d{1,19}")) {
            return Long.parseLong(ticks.asString().strip()) / TICKS_PER_SECOND;
        }
        throw new ProtocolException("a time in ticks is not an integer: " + ticks, AzureSettings.PROVIDER,
                requestId, null);
    }

    /** Seconds for a millisecond count (fast transcription); missing is 0. */
    static double millisToSeconds(JsonNode millis, String requestId) {
        if (millis == null || millis.isMissingNode() || millis.isNull()) {
            return 0;
        }
        if (!millis.isNumber()) {
            throw new ProtocolException("a time in milliseconds is not a number: " + millis, AzureSettings.PROVIDER,
                    requestId, null);
        }
        return millis.asDouble() / 1000.0;
    }

    static double number(JsonNode n, double fallback) {
        if (n != null && n.isNumber()) {
            return n.asDouble();
        }
        if (n != null && n.isString()) {
            try {
                return Double.parseDouble(n.asString());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
