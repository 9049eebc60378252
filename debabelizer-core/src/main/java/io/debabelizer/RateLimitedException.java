package io.debabelizer;

import java.time.Duration;
import java.util.Optional;

/** The provider asked us to slow down (HTTP 429 or the protocol's equivalent), possibly saying for how long. */
public class RateLimitedException extends DebabelizerException {

    private final Duration retryAfter;

    public RateLimitedException(String message, String provider, String requestId, Duration retryAfter) {
        super(message, provider, requestId, null);
        this.retryAfter = retryAfter;
    }

    /** How long the provider asked us to wait, when it said (e.g. a {@code Retry-After} header). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
