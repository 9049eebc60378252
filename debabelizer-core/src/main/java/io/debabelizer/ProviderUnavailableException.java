package io.debabelizer;

/** The provider cannot be reached or reports a server-side failure (network error, HTTP 5xx, service overloaded), or it is not configured on this machine. */
public class ProviderUnavailableException extends DebabelizerException {

    public ProviderUnavailableException(String message) {
        super(message);
    }

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProviderUnavailableException(String message, String provider, String requestId, Throwable cause) {
        super(message, provider, requestId, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
