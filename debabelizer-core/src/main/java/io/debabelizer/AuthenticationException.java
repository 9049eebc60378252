package io.debabelizer;

/** The provider rejected the credentials (HTTP 401/403 or the protocol's equivalent). */
public class AuthenticationException extends DebabelizerException {

    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }

    public AuthenticationException(String message, String provider, String requestId, Throwable cause) {
        super(message, provider, requestId, cause);
    }

}
