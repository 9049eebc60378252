package io.debabelizer;


/** Audio or control was sent to a stream that has ended (input ended, cancelled, or failed: see the cause). */
public class StreamClosedException extends DebabelizerException {

    public StreamClosedException(String message, String provider, Throwable cause) {
        super(message, provider, null, cause);
    }
}
