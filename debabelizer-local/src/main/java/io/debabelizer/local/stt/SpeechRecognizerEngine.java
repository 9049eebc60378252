package io.debabelizer.local.stt;

/**
 * A local recogniser: 16 kHz mono 16-bit samples in, words out. Implementations are thread-safe (they pool or
 * serialise their native or Java decoders) and release everything on {@link #close()}.
 */
public interface SpeechRecognizerEngine extends AutoCloseable {

    /** Recognises one whole utterance; never returns null. */
    Recognition recognize(short[] samples16kMono);

    @Override
    void close();
}
