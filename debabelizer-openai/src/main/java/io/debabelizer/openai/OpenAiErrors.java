package io.debabelizer.openai;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.http.HttpErrors;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's error envelope {@code {"error":{"message","type","param","code"}}} as typed exceptions, with the
 * {@code x-request-id} every response carries. Realtime {@code error} events use the same inner object.
 */
final class OpenAiErrors {

    static final String REQUEST_ID_HEADER = "x-request-id";

    private OpenAiErrors() {
    }

    /** "code: message (param x)" from an error object, or null when it has none of them. */
    static String describe(JsonNode error) {
        if (error == null || !error.isObject()) {
            return null;
        }
        String code = text(error, "code");
        String type = text(error, "type");
        String message = text(error, "message");
        String param = text(error, "param");
        StringBuilder sb = new StringBuilder();
        String label = code != null ? code : type;
        if (label != null) {
            sb.append(label);
        }
        if (message != null) {
            sb.append(sb.isEmpty() ? "" : ": ").append(message);
        }
        if (param != null) {
            sb.append(" (param ").append(param).append(')');
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** The detail of a REST error body: the envelope's parts, or the raw text when it is not the envelope. */
    static String detail(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String raw = new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode n = OpenAiJson.MAPPER.readTree(raw);
            if (n != null && n.isObject()) {
                String d = describe(n.path("error"));
                if (d == null && n.path("error").isString()) {
                    d = n.path("error").asString();
                }
                return d != null ? d : raw;
            }
        } catch (JacksonException e) {
            // not JSON: an HTML page from a proxy, or plain text from a compatible server
        }
        return raw;
    }

    /** The exception for a non-2xx response (also a rejected WebSocket upgrade). */
    static DebabelizerException forResponse(int status, HttpHeaders headers, byte[] body, Secret key) {
        return HttpErrors.forResponse(OpenAiSettings.PROVIDER, status, headers, detail(body), REQUEST_ID_HEADER,
                key);
    }

    /**
     * A Realtime {@code error} event (or a failed transcription's {@code error}): authentication problems,
     * rate limits, server errors and invalid requests by their {@code type}/{@code code}.
     */
    static DebabelizerException forRealtimeError(JsonNode error, String requestId, Secret key) {
        String type = text(error, "type");
        String code = text(error, "code");
        String message = "Realtime error: " + HttpErrors.scrub(String.valueOf(describe(error)), key);
        String kind = (type == null ? "" : type) + " " + (code == null ? "" : code);
        if (kind.contains("authentication") || kind.contains("invalid_api_key") || kind.contains("permission")) {
            return new AuthenticationException(message, OpenAiSettings.PROVIDER, requestId, null);
        }
        if (kind.contains("rate_limit") || kind.contains("insufficient_quota")) {
            return new RateLimitedException(message, OpenAiSettings.PROVIDER, requestId, null);
        }
        if (kind.contains("server_error") || kind.contains("overloaded") || kind.contains("slow_down")) {
            return new ProviderUnavailableException(message, OpenAiSettings.PROVIDER, requestId, null);
        }
        return new InvalidInputException(message, OpenAiSettings.PROVIDER, requestId, null);
    }

    /** Whether a Realtime error ends the session: server failures and credential problems do, most others not. */
    static boolean isFatal(DebabelizerException e) {
        return e instanceof ProviderUnavailableException || e instanceof AuthenticationException
                || e instanceof RateLimitedException;
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = n == null ? null : n.get(name);
        return v != null && v.isString() && !v.asString().isBlank() ? v.asString() : null;
    }
}
