package io.debabelizer.azure;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.http.HttpErrors;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Azure's failures as typed exceptions. REST errors come as the Cognitive Services envelope
 * {@code {"error":{"code","message","innerError"?}}}, as plain text, or with an empty body (short-audio STT and TTS);
 * the gateway names the request in {@code apim-request-id}, the speech hosts in {@code X-RequestId}. Live streams end
 * with WebSocket close codes.
 */
final class AzureErrors {

    static final String APIM_REQUEST_ID = "apim-request-id";
    static final String X_REQUEST_ID = "X-RequestId";

    private AzureErrors() {
    }

    /** The request id a response carries, or null. */
    static String requestId(HttpHeaders headers) {
        return headers.firstValue(APIM_REQUEST_ID).or(() -> headers.firstValue(X_REQUEST_ID)).orElse(null);
    }

    /** The exception for a non-2xx REST response or a rejected WebSocket upgrade. */
    static DebabelizerException forResponse(int status, HttpHeaders headers, byte[] body, Secret key) {
        return forResponse(status, headers, body, key, null);
    }

    /** As {@link #forResponse(int, HttpHeaders, byte[], Secret)}, naming {@code fallbackId} when no header does. */
    static DebabelizerException forResponse(int status, HttpHeaders headers, byte[] body, Secret key,
                                            String fallbackId) {
        String id = requestId(headers);
        return HttpErrors.forStatus(AzureSettings.PROVIDER, status, detail(body), id == null ? fallbackId : id,
                headers.firstValue("Retry-After").orElse(null), key);
    }

    /** {@code code: message} from the error envelope, the raw text otherwise, null for an empty body. */
    static String detail(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String raw = new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode error = AzureJson.MAPPER.readTree(raw).path("error");
            if (error.isObject()) {
                String code = error.path("code").asString(null);
                String message = error.path("message").asString(null);
                if (message != null) {
                    return code == null ? message : code + ": " + message;
                }
            }
        } catch (JacksonException e) {
            // not JSON: keep the text
        }
        return raw;
    }

    /**
     * The exception for a result whose {@code RecognitionStatus} is a failure: {@code Error} (the service failed),
     * or the SDK's {@code TooManyRequests}, {@code BadRequest}, {@code Forbidden}.
     */
    static DebabelizerException forRecognitionStatus(String status, String requestId) {
        String message = "recognition failed: RecognitionStatus " + status;
        return switch (status) {
            case "TooManyRequests" -> new RateLimitedException(message, AzureSettings.PROVIDER, requestId, null);
            case "BadRequest" -> new InvalidInputException(message, AzureSettings.PROVIDER, requestId, null);
            case "Forbidden" -> new AuthenticationException(message, AzureSettings.PROVIDER,
                    requestId, null);
            case "Error" -> new ProviderUnavailableException(message, AzureSettings.PROVIDER, requestId, null);
            default -> new ProtocolException("unknown RecognitionStatus " + status, AzureSettings.PROVIDER,
                    requestId, null);
        };
    }

    /**
     * The exception for a close frame that ended a live stream before its last {@code turn.end}: 1007 bad framing,
     * audio or parameters; 1008 a policy (quota) violation; 1002 a protocol violation; 1011 a server failure.
     */
    static DebabelizerException forClose(int code, String reason, String connectionId) {
        String why = reason == null || reason.isBlank() ? "" : " " + reason.strip();
        String message = "the server closed the stream (" + code + why + ")";
        return switch (code) {
            case 1007 -> new InvalidInputException(message + ": the service rejected the audio or parameters",
                    AzureSettings.PROVIDER, connectionId, null);
            case 1008 -> new RateLimitedException(message + ": quota or concurrency limit", AzureSettings.PROVIDER,
                    connectionId, null);
            case 1002 -> new ProtocolException(message + ": the service did not accept a message",
                    AzureSettings.PROVIDER, connectionId, null);
            default -> new ProviderUnavailableException(message + " before the end of the results",
                    AzureSettings.PROVIDER, connectionId, null);
        };
    }
}
