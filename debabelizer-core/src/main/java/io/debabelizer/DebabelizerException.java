package io.debabelizer;

import java.util.Optional;

/**
 * Root of every error Debabelizer reports. Unchecked, so streaming callbacks and lambdas stay readable; each subtype
 * names one thing a caller can act on (fix configuration, back off, change the input, retry elsewhere).
 *
 * <p>Messages are written for people and never contain a secret: providers build them from status codes and the
 * provider's own error text, never from request headers.
 */
public class DebabelizerException extends RuntimeException {

    private final String provider;
    private final String requestId;

    public DebabelizerException(String message) {
        this(message, null, null, null);
    }

    public DebabelizerException(String message, Throwable cause) {
        this(message, null, null, cause);
    }

    public DebabelizerException(String message, String provider, String requestId, Throwable cause) {
        super(message, cause);
        this.provider = provider;
        this.requestId = requestId;
    }

    /** The provider that failed, when the error came from one. */
    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    /** The provider's own request id (for its support desk), when it sent one. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** Whether trying the same call again (later, or on another provider) can succeed. */
    public boolean isRetryable() {
        return false;
    }

    @Override
    public String getMessage() {
        String base = super.getMessage();
        StringBuilder sb = new StringBuilder();
        if (provider != null && (base == null || !base.startsWith(provider + ":"))) {
            sb.append(provider).append(": ");
        }
        sb.append(base);
        if (requestId != null) {
            sb.append(" (request id ").append(requestId).append(')');
        }
        return sb.toString();
    }
}
