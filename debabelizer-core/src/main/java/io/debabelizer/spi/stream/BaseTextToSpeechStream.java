package io.debabelizer.spi.stream;

import io.debabelizer.StreamClosedException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.tts.TextToSpeechStream;

/**
 * Base of text-in streaming synthesis: guards the input side (no text after end of input or after a failure) and
 * leaves the protocol to the subclass.
 */
public abstract class BaseTextToSpeechStream extends BaseSynthesisStream implements TextToSpeechStream {

    private volatile boolean inputEnded;

    protected BaseTextToSpeechStream(String provider, AudioFormat format, int bufferChunks) {
        super(provider, format, bufferChunks);
    }

    protected abstract void transmitText(String text);

    protected abstract void transmitFlush();

    protected abstract void transmitEndOfInput();

    @Override
    public final void sendText(String text) {
        checkOpen();
        if (!text.isEmpty()) {
            transmitText(text);
        }
    }

    @Override
    public final void flush() {
        checkOpen();
        transmitFlush();
    }

    @Override
    public final synchronized void endInput() {
        if (inputEnded || isDone()) {
            return;
        }
        inputEnded = true;
        transmitEndOfInput();
    }

    private void checkOpen() {
        if (inputEnded || isDone()) {
            throw new StreamClosedException("text input of this " + provider() + " stream has ended", provider(),
                    null);
        }
    }
}
