package io.debabelizer.google;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.StreamClosedException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.http.HttpErrors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Google's errors as typed exceptions. REST bodies are {@code google.rpc.Status} JSON
 * ({@code {"error":{"code","message","status","details":[...]}}}); gRPC carries the same in the status and its
 * {@code grpc-status-details-bin} trailer. {@code RetryInfo.retryDelay} becomes the retry-after of a
 * {@link RateLimitedException}; an invalid API key (HTTP 400, reason {@code API_KEY_INVALID}) is an
 * {@link AuthenticationException}.
 */
final class GoogleErrors {

    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";
    private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
    private static final Set<String> KEY_REASONS = Set.of("API_KEY_INVALID", "API_KEY_SERVICE_BLOCKED",
            "ACCESS_TOKEN_EXPIRED", "CREDENTIALS_MISSING");

    private GoogleErrors() {
    }

    /** The exception for a non-2xx REST response. */
    static DebabelizerException forResponse(int status, HttpHeaders headers, byte[] body, Secret... secrets) {
        JsonNode error = errorObject(body);
        String detail = error == null ? new String(body, StandardCharsets.UTF_8) : describe(error);
        Duration retryDelay = error == null ? null : retryDelay(error.path("details"));
        String reason = error == null ? null : reason(error.path("details"));
        DebabelizerException e = HttpErrors.forStatus(GoogleSettings.PROVIDER, status, detail, null,
                headers.firstValue("Retry-After").orElse(null), secrets);
        return refine(e, reason, retryDelay);
    }

    /** A {@code google.rpc.Status} JSON object (e.g. a failed operation's {@code error}) with a numeric gRPC code. */
    static DebabelizerException forRpcStatus(JsonNode status, String requestId, Secret... secrets) {
        int code = status.path("code").asInt(Status.Code.UNKNOWN.value());
        String message = HttpErrors.scrub(status.path("message").asString(""), secrets);
        DebabelizerException e = forCode(Status.fromCodeValue(code).getCode(), message, requestId,
                retryDelay(status.path("details")));
        return refine(e, reason(status.path("details")), null);
    }

    /** The exception for a gRPC call that ended with {@code status}. */
    static DebabelizerException forGrpc(Status status, Metadata trailers, String requestId, Secret... secrets) {
        if (status.getCause() instanceof DebabelizerException de) {
            return de; // e.g. the access token could not be fetched for the call
        }
        Duration retryDelay = null;
        String reason = null;
        com.google.rpc.Status details = StatusProto.fromStatusAndTrailers(status, trailers);
        if (details != null) {
            for (com.google.protobuf.Any any : details.getDetailsList()) {
                try {
                    if (any.is(RetryInfo.class)) {
                        com.google.protobuf.Duration d = any.unpack(RetryInfo.class).getRetryDelay();
                        retryDelay = Duration.ofSeconds(d.getSeconds(), d.getNanos());
                    } else if (any.is(ErrorInfo.class)) {
                        reason = any.unpack(ErrorInfo.class).getReason();
                    }
                } catch (InvalidProtocolBufferException e) {
                    // a detail we cannot read does not change what the status says
                }
            }
        }
        String description = HttpErrors.scrub(status.getDescription(), secrets);
        if (isUnreadableMessage(status)) {
            return new ProtocolException("Google sent a message that does not parse as a StreamingRecognizeResponse"
                    + (description == null ? "" : " (" + description + ")"), GoogleSettings.PROVIDER, requestId,
                    status.getCause());
        }
        return refine(forCode(status.getCode(), description, requestId, retryDelay), reason, null);
    }

    /** Whether a gRPC code means "try again on a new call" rather than "this request is wrong". */
    static boolean isRetryable(Status.Code code) {
        return code == Status.Code.UNAVAILABLE;
    }

    private static DebabelizerException forCode(Status.Code code, String description, String requestId,
                                                Duration retryDelay) {
        String message = code + (description == null || description.isBlank() ? "" : ": " + description);
        String p = GoogleSettings.PROVIDER;
        return switch (code) {
            case UNAUTHENTICATED, PERMISSION_DENIED -> new AuthenticationException(message, p, requestId, null);
            case RESOURCE_EXHAUSTED -> new RateLimitedException(message, p, requestId, retryDelay);
            case DEADLINE_EXCEEDED -> new ProviderTimeoutException(message, p, requestId, null);
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE, NOT_FOUND, ALREADY_EXISTS, UNIMPLEMENTED ->
                    new InvalidInputException(message, p, requestId, null);
            default -> new ProviderUnavailableException(message, p, requestId, null);
        };
    }

    /** An invalid key comes as 400; quota as 429 whose RetryInfo says when to retry. */
    private static DebabelizerException refine(DebabelizerException e, String reason, Duration retryDelay) {
        if (reason != null && KEY_REASONS.contains(reason) && !(e instanceof AuthenticationException)) {
            return new AuthenticationException(e.getMessage(), e.provider().orElse(null), e.requestId().orElse(null), null);
        }
        if (e instanceof RateLimitedException r && retryDelay != null) {
            return new RateLimitedException(r.getMessage(), r.provider().orElse(null), r.requestId().orElse(null), retryDelay);
        }
        return e;
    }

    /** The same error with {@code prefix} in front of its message (e.g. which endpoint failed). */
    static DebabelizerException withPrefix(DebabelizerException e, String prefix) {
        String m = prefix + e.getMessage();
        return switch (e) {
            case AuthenticationException a -> new AuthenticationException(m, a.provider().orElse(null), a.requestId().orElse(null), a);
            case RateLimitedException r -> new RateLimitedException(m, r.provider().orElse(null), r.requestId().orElse(null),
                    r.retryAfter().orElse(null));
            case ProviderTimeoutException t -> new ProviderTimeoutException(m, t.provider().orElse(null), t.requestId().orElse(null), t);
            case ProviderUnavailableException u -> new ProviderUnavailableException(m, u.provider().orElse(null), u.requestId().orElse(null), u);
            case StreamClosedException s -> s;
            default -> e;
        };
    }

    private static boolean isUnreadableMessage(Status status) {
        for (Throwable t = status.getCause(); t != null; t = t.getCause()) {
            if (t instanceof InvalidProtocolBufferException) {
                return true;
            }
        }
        return status.getDescription() != null && status.getDescription().contains("Failed to read message");
    }

    private static JsonNode errorObject(byte[] body) {
        try {
            JsonNode n = GoogleJson.MAPPER.readTree(body);
            JsonNode error = n == null ? null : n.get("error");
            return error != null && error.isObject() ? error : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code STATUS: message (REASON)}. */
    private static String describe(JsonNode error) {
        StringBuilder sb = new StringBuilder();
        String status = error.path("status").asString(null);
        if (status != null) {
            sb.append(status).append(": ");
        }
        sb.append(error.path("message").asString(""));
        String reason = reason(error.path("details"));
        if (reason != null) {
            sb.append(" (").append(reason).append(')');
        }
        return sb.toString();
    }

    private static String reason(JsonNode details) {
        for (JsonNode d : details) {
            if (ERROR_INFO.equals(d.path("@type").asString(null))) {
                return d.path("reason").asString(null);
            }
        }
        return null;
    }

    private static Duration retryDelay(JsonNode details) {
        for (JsonNode d : details) {
            if (RETRY_INFO.equals(d.path("@type").asString(null)) && d.has("retryDelay")) {
                try {
                    double s = GoogleJson.seconds(d.get("retryDelay"), 0);
                    return Duration.ofNanos(Math.round(s * 1e9));
                } catch (ProtocolException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
