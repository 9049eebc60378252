package io.debabelizer;

/** The provider did not answer within the configured time. */
public class ProviderTimeoutException extends DebabelizerException {

    public ProviderTimeoutException(String message) {
        super(message);
    }

    public ProviderTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProviderTimeoutException(String message, String provider, String requestId, Throwable cause) {
        super(message, provider, requestId, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
