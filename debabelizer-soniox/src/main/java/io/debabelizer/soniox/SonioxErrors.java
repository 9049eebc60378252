package io.debabelizer.soniox;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.http.HttpErrors;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Soniox's two error shapes as typed exceptions: real-time {@code error_code} messages and REST error bodies. */
final class SonioxErrors {

    private SonioxErrors() {
    }

    /**
     * A real-time {@code {"error_code": N, "error_message": "..."}} message (it may come at any time, also right
     * after the upgrade). The codes are HTTP-like; 503 means the session cannot go on and the client should open a
     * new one and continue, replaying the audio not yet final.
     */
    static DebabelizerException forErrorCode(String provider, int code, String errorMessage, Secret key) {
        String detail = errorMessage == null || errorMessage.isBlank() ? ""
                : ": " + HttpErrors.scrub(errorMessage.strip(), key);
        String message = "error " + code + detail;
        return switch (code) {
            case 401, 403 -> new AuthenticationException(message, provider, null, null);
            case 402 -> new AuthenticationException(message + " (billing: the account cannot pay for this stream)",
                    provider, null, null);
            case 408 -> new ProviderTimeoutException(message + " (audio did not arrive in time)", provider, null,
                    null);
            case 429 -> new RateLimitedException(message + " (concurrency or rate limit)", provider, null, null);
            case 503 -> new ProviderUnavailableException(message + " (the session cannot continue: reconnect and "
                    + "continue, replaying the audio not yet final)", provider, null, null);
            default -> code >= 500
                    ? new ProviderUnavailableException(message, provider, null, null)
                    : new InvalidInputException(message, provider, null, null);
        };
    }

    /**
     * A REST error: {@code {"status_code", "error_type", "message", "validation_errors", "request_id"}} by the
     * OpenAPI; a body that is not that shape is used as plain text.
     */
    static DebabelizerException forRest(String provider, int status, HttpHeaders headers, byte[] body, Secret key) {
        String text = new String(body, StandardCharsets.UTF_8);
        String detail = text;
        String requestId = null;
        try {
            JsonNode n = SonioxJson.MAPPER.readTree(text);
            if (n != null && n.isObject() && n.path("message").isString()) {
                StringBuilder sb = new StringBuilder();
                String type = n.path("error_type").asString("");
                if (!type.isEmpty()) {
                    sb.append(type).append(": ");
                }
                sb.append(n.path("message").asString());
                for (JsonNode v : n.path("validation_errors")) {
                    sb.append("; ").append(v.path("location").asString("")).append(' ')
                            .append(v.path("message").asString(""));
                }
                detail = sb.toString();
                requestId = n.path("request_id").asString(null);
            }
        } catch (JacksonException e) {
            // not JSON: the text itself is the best detail there is
        }
        return HttpErrors.forStatus(provider, status, detail, requestId, headers.firstValue("Retry-After")
                .orElse(null), key);
    }
}
