package io.debabelizer;

/** The request or its audio/text cannot be processed as given (bad parameter, empty audio, too long). */
public class InvalidInputException extends DebabelizerException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidInputException(String message, String provider, String requestId, Throwable cause) {
        super(message, provider, requestId, cause);
    }

}
