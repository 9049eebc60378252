package io.debabelizer.elevenlabs;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.http.HttpErrors;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * ElevenLabs errors as typed exceptions. REST bodies are {@code {"detail":{"status","message"}}} (newer:
 * {@code type/code/message/request_id}), FastAPI validation arrays ({@code {"detail":[{"loc","msg"}]}}, 422) or a
 * bare string; the request id comes from the {@code request-id} header. The stream-input WebSocket reports
 * {@code {"message","error","code"}} and then closes with {@code code}.
 */
final class ElevenLabsErrors {

    static final String REQUEST_ID_HEADER = "request-id";

    private ElevenLabsErrors() {
    }

    /** The provider's error text and any request id inside the body. */
    record Detail(String text, String status, String requestId) {
    }

    static Detail parse(byte[] body) {
        String raw = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        if (raw.isEmpty()) {
            return new Detail(null, null, null);
        }
        JsonNode n;
        try {
            n = ElevenLabsJson.MAPPER.readTree(raw);
        } catch (JacksonException e) {
            return new Detail(raw, null, null);
        }
        if (n == null || !n.isObject()) {
            return new Detail(raw, null, null);
        }
        JsonNode detail = n.has("detail") ? n.get("detail") : n;
        if (detail.isString()) {
            return new Detail(detail.asString(), null, null);
        }
        if (detail.isArray()) {
            List<String> problems = new ArrayList<>();
            for (JsonNode d : detail) {
                List<String> loc = new ArrayList<>();
                d.path("loc").forEach(l -> loc.add(l.asString("")));
                String msg = d.path("msg").asString(d.toString());
                problems.add(loc.isEmpty() ? msg : String.join(".", loc) + ": " + msg);
            }
            return new Detail(String.join("; ", problems), "validation_error", null);
        }
        String status = text(detail, "status", "code", "type", "error");
        String message = text(detail, "message", "msg");
        if (message == null && detail.path("error").isObject()) {
            message = text(detail.path("error"), "message");
        }
        String text = status == null ? message : message == null ? status : status + ": " + message;
        return new Detail(text == null ? raw : text, status, text(detail, "request_id"));
    }

    private static String text(JsonNode n, String... names) {
        for (String name : names) {
            JsonNode v = n.get(name);
            if (v != null && v.isString() && !v.asString().isBlank()) {
                return v.asString();
            }
        }
        return null;
    }

    /** The exception for a non-2xx response (also a rejected WebSocket upgrade). */
    static DebabelizerException forResponse(int status, HttpHeaders headers, byte[] body, Secret key) {
        Detail d = parse(body);
        String requestId = headers.firstValue(REQUEST_ID_HEADER).orElse(d.requestId());
        return HttpErrors.forStatus(ElevenLabsSettings.PROVIDER, status, d.text(), requestId,
                headers.firstValue("Retry-After").orElse(null), key);
    }

    /**
     * The exception for an error message on the stream-input socket ({@code error} code, {@code message}, the close
     * {@code code} it announces).
     */
    static DebabelizerException forSocketError(String error, String message, int code, Secret key) {
        String e = error == null ? "" : error.toLowerCase(Locale.ROOT);
        String text = "ElevenLabs ended the stream" + (error == null ? "" : " (" + error + ")")
                + (message == null || message.isBlank() ? "" : ": " + HttpErrors.scrub(message.strip(), key));
        String p = ElevenLabsSettings.PROVIDER;
        if (e.contains("api_key") || e.contains("auth") || e.contains("quota") || e.contains("permission")
                || e.contains("unusual_activity")) {
            return new AuthenticationException(text, p, null, null);
        }
        if (e.contains("rate_limit") || e.contains("concurrent") || e.contains("system_busy")) {
            return new RateLimitedException(text, p, null, null);
        }
        if (e.contains("timeout")) {
            return new ProviderTimeoutException(text, p, null, null);
        }
        if (code == 1011 || e.contains("internal") || e.contains("unavailable")) {
            return new ProviderUnavailableException(text, p, null, null);
        }
        if (code == 1008 || code == 1007 || e.contains("invalid") || e.contains("not_found")) {
            return new InvalidInputException(text, p, null, null);
        }
        return new ProviderUnavailableException(text, p, null, null);
    }

    /** The exception for a close frame that ended a stream before its final message. */
    static DebabelizerException forClose(int code, String reason) {
        String why = reason == null || reason.isBlank() ? "" : " " + reason.strip();
        String message = "the server closed the stream (" + code + why + ") before the final message";
        String p = ElevenLabsSettings.PROVIDER;
        return switch (code) {
            case 1002, 1003, 1007 -> new ProtocolException(message, p, null, null);
            case 1008 -> new InvalidInputException(message, p, null, null);
            case 4001, 4003 -> new AuthenticationException(message, p, null, null);
            default -> new ProviderUnavailableException(message, p, null, null);
        };
    }
}
