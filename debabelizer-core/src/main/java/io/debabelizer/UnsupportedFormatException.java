package io.debabelizer;

/** The audio's format is unknown, truncated, or not one the chosen provider or codec can take. */
public class UnsupportedFormatException extends InvalidInputException {

    public UnsupportedFormatException(String message) {
        super(message);
    }

    public UnsupportedFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnsupportedFormatException(String message, String provider, String requestId, Throwable cause) {
        super(message, provider, requestId, cause);
    }
}
