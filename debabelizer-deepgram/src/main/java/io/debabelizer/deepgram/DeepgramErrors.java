package io.debabelizer.deepgram;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.http.HttpErrors;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Deepgram's error bodies and close codes as typed exceptions. REST errors come in three shapes (legacy
 * {@code err_code/err_msg}, modern {@code category/message/details}, plain text; 503 uses the odd key
 * {@code error_code}); each may carry {@code request_id}, and every response carries {@code dg-request-id}.
 */
final class DeepgramErrors {

    static final String REQUEST_ID_HEADER = "dg-request-id";
    static final String ERROR_HEADER = "dg-error";

    private DeepgramErrors() {
    }

    /** What a body said: a one-line detail and the request id inside it, if any. */
    record Detail(String text, String requestId) {
    }

    static Detail parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new Detail(null, null);
        }
        String raw = new String(body, StandardCharsets.UTF_8).strip();
        JsonNode n;
        try {
            n = DeepgramJson.MAPPER.readTree(raw);
        } catch (JacksonException e) {
            return new Detail(raw, null);
        }
        if (n == null || !n.isObject()) {
            return new Detail(raw, null);
        }
        String code = firstText(n, "err_code", "error_code", "category");
        String message = firstText(n, "err_msg", "message", "error");
        String details = firstText(n, "details", "description");
        StringBuilder sb = new StringBuilder();
        if (code != null) {
            sb.append(code);
        }
        if (message != null) {
            sb.append(sb.isEmpty() ? "" : ": ").append(message);
        }
        if (details != null && !details.equals(message)) {
            sb.append(sb.isEmpty() ? "" : " (").append(details).append(sb.isEmpty() ? "" : ")");
        }
        return new Detail(sb.isEmpty() ? raw : sb.toString(), firstText(n, "request_id"));
    }

    private static String firstText(JsonNode n, String... names) {
        for (String name : names) {
            JsonNode v = n.get(name);
            if (v != null && v.isString() && !v.asString().isBlank()) {
                return v.asString();
            }
        }
        return null;
    }

    /** The exception for a non-2xx REST response (also a rejected WebSocket upgrade). */
    static DebabelizerException forResponse(int status, HttpHeaders headers, byte[] body, Secret key) {
        Detail d = parse(body);
        String text = d.text();
        String dgError = headers.firstValue(ERROR_HEADER).orElse(null);
        if ((text == null || text.isBlank()) && dgError != null) {
            text = dgError;
        }
        String requestId = headers.firstValue(REQUEST_ID_HEADER).orElse(d.requestId());
        return HttpErrors.forStatus(DeepgramSettings.PROVIDER, status, text, requestId,
                headers.firstValue("Retry-After").orElse(null), key);
    }

    /**
     * The exception for a close frame that ended a stream early. 1008 is Deepgram's "could not decode the audio"
     * ({@code DATA-0000}), 1011 its timeouts and internal failures ({@code NET-0000}, {@code NET-0001}).
     */
    static DebabelizerException forClose(int code, String reason, String requestId) {
        String why = reason == null || reason.isBlank() ? "" : " " + reason.strip();
        String message = "the server closed the stream (" + code + why + ")";
        return switch (code) {
            case 1008 -> new InvalidInputException(message + ": Deepgram could not use the data it was sent "
                    + "(check the encoding, sample rate and channels)", DeepgramSettings.PROVIDER, requestId, null);
            case 1011 -> new ProviderUnavailableException(message + describeNet(reason), DeepgramSettings.PROVIDER,
                    requestId, null);
            case 4001, 4003 -> new AuthenticationException(message, DeepgramSettings.PROVIDER, requestId, null);
            default -> new ProviderUnavailableException(message + " before the end of the results",
                    DeepgramSettings.PROVIDER, requestId, null);
        };
    }

    private static String describeNet(String reason) {
        if (reason == null) {
            return "";
        }
        if (reason.contains("NET-0001")) {
            return ": no audio or KeepAlive reached Deepgram for about 10 s";
        }
        if (reason.contains("NET-0000")) {
            return ": Deepgram could not deliver results in time or failed internally";
        }
        return "";
    }
}
