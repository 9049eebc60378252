package io.debabelizer;

/** The provider sent something that does not follow its protocol (malformed JSON, unexpected message order). */
public class ProtocolException extends DebabelizerException {

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProtocolException(String message, String provider, String requestId, Throwable cause) {
        super(message, provider, requestId, cause);
    }

}
