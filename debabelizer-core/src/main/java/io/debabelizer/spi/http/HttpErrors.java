package io.debabelizer.spi.http;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Turns HTTP failures into the typed exceptions of the API, the same way for every HTTP-based provider: a status
 * code picks the type, {@code Retry-After} becomes {@link RateLimitedException#retryAfter()}, and transport errors
 * become timeouts or unavailability. Providers pass in the error text they extracted from the body (their formats
 * differ); it is shortened and scrubbed of the credential before it goes into a message.
 */
public final class HttpErrors {

    /** Longest piece of provider error text kept in a message; bodies can be whole HTML error pages. */
    static final int MAX_DETAIL_CHARS = 300;

    private HttpErrors() {
    }

    /**
     * The exception for a non-2xx status.
     *
     * @param provider   provider name, for the message and {@link DebabelizerException#provider()}
     * @param status     HTTP status code (expected to be 4xx or 5xx)
     * @param detail     the provider's error text (may be null or blank)
     * @param requestId  the provider's request id, or null
     * @param retryAfter the {@code Retry-After} header value, or null
     * @param secrets    credentials to scrub from {@code detail} in case the provider echoes them
     */
    public static DebabelizerException forStatus(String provider, int status, String detail, String requestId,
                                                 String retryAfter, Secret... secrets) {
        String message = "HTTP " + status + describe(status) + detailSuffix(detail, secrets);
        return switch (status) {
            case 401, 403 -> new AuthenticationException(message, provider, requestId, null);
            case 402 -> new AuthenticationException(message + " (the account cannot pay for this request)",
                    provider, requestId, null);
            case 408 -> new ProviderTimeoutException(message, provider, requestId, null);
            case 429 -> new RateLimitedException(message, provider, requestId,
                    parseRetryAfter(retryAfter, Clock.systemUTC()).orElse(null));
            default -> status >= 500
                    ? new ProviderUnavailableException(message, provider, requestId, null)
                    : new InvalidInputException(message, provider, requestId, null);
        };
    }

    /** Like {@link #forStatus} with {@code Retry-After} and the request id taken from response headers. */
    public static DebabelizerException forResponse(String provider, int status, HttpHeaders headers, String detail,
                                                   String requestIdHeader, Secret... secrets) {
        String requestId = requestIdHeader == null ? null : headers.firstValue(requestIdHeader).orElse(null);
        return forStatus(provider, status, detail, requestId, headers.firstValue("Retry-After").orElse(null),
                secrets);
    }

    /**
     * Sends a request and waits for the response, turning transport failures into typed errors
     * ({@link #forTransportFailure}) and an interrupt into a {@link DebabelizerException} with the interrupt flag
     * kept. Status codes are left to the caller, which maps them with the provider's own error bodies.
     */
    public static <T> HttpResponse<T> send(HttpClient client, HttpRequest request,
                                           HttpResponse.BodyHandler<T> handler, String provider) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw forTransportFailure(provider, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DebabelizerException("interrupted while waiting for " + provider, provider, null, e);
        }
    }

    /**
     * The body of a failed streamed response, for the provider's error mapping; empty when it cannot be read (the
     * status alone still picks the exception). Closes the body.
     */
    public static byte[] errorBody(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /**
     * The exception for a request that got no (complete) response: timeouts become
     * {@link ProviderTimeoutException}, everything else (refused, reset, closed mid-body) becomes
     * {@link ProviderUnavailableException}. Both are retryable.
     */
    public static DebabelizerException forTransportFailure(String provider, Throwable failure) {
        Throwable root = unwrap(failure);
        if (root instanceof DebabelizerException de) {
            return de;
        }
        if (root instanceof HttpConnectTimeoutException) {
            return new ProviderTimeoutException("connecting timed out", provider, null, root);
        }
        if (root instanceof HttpTimeoutException) {
            return new ProviderTimeoutException("no response within the request timeout", provider, null, root);
        }
        if (root instanceof ConnectException) {
            return new ProviderUnavailableException("cannot connect: " + root.getMessage(), provider, null, root);
        }
        if (root instanceof ClosedChannelException || root instanceof IOException) {
            String what = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return new ProviderUnavailableException("connection failed: " + what, provider, null, root);
        }
        return new ProviderUnavailableException("request failed: " + root, provider, null, root);
    }

    /**
     * Parses a {@code Retry-After} value: delta-seconds ({@code 30}) or an HTTP-date
     * ({@code Wed, 21 Oct 2026 07:28:00 GMT}, relative to {@code clock}). Empty for null, blank or unparsable
     * values; a date in the past gives zero.
     */
    public static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.empty(); // more digits than a long holds
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(clock.instant(), at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Removes every occurrence of the secrets' values from {@code text}. */
    public static String scrub(String text, Secret... secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Secret s : secrets) {
            if (s != null && !s.isBlank()) {
                out = out.replace(s.reveal(), "****");
            }
        }
        return out;
    }

    private static String detailSuffix(String detail, Secret... secrets) {
        if (detail == null || detail.isBlank()) {
            return "";
        }
        String d = scrub(detail.strip(), secrets).replaceAll("\\s+", " ");
        if (d.length() > MAX_DETAIL_CHARS) {
            d = d.substring(0, MAX_DETAIL_CHARS) + "...";
        }
        return ": " + d;
    }

    private static String describe(int status) {
        String reason = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> null;
        };
        return reason == null ? "" : " " + reason;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof java.util.concurrent.CompletionException
                || cur instanceof java.util.concurrent.ExecutionException
                || cur instanceof java.io.UncheckedIOException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }
}
