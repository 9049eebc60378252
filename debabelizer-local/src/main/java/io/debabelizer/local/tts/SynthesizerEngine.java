package io.debabelizer.local.tts;

import io.debabelizer.tts.Voice;
import java.util.List;

/** A local text-to-speech engine. Implementations are thread-safe (they serialise their engine where needed). */
public interface SynthesizerEngine extends AutoCloseable {

    /** Speaks plain text with a voice from {@link #voices()} at {@code speed} (1.0 is normal). */
    SynthesizedAudio synthesize(String text, String voiceId, double speed);

    List<Voice> voices();

    String defaultVoice();

    /** The sample rate {@code voiceId} produces (known before synthesis, for streams). */
    int sampleRate(String voiceId);

    @Override
    default void close() {
    }
}
