package io.debabelizer.testkit;

import io.debabelizer.stt.Word;
import java.util.List;

/** The hooks an STT provider's fake implements for {@link SttProviderCompatibilityKit}. */
public interface SttProviderFake extends ProviderFake {

    /**
     * What the fake recognises from now on, in batch and live alike. Live streams should report each word once the
     * audio received covers it ({@link ScriptedTranscript.Cursor} does that bookkeeping): interims while audio
     * arrives, finals on the provider's finalize message, at end of input, or when the provider would endpoint.
     * {@code text} is the punctuated words joined by single spaces.
     */
    void willTranscribe(String text, List<Word> words);

    /** The audio bytes of the latest request or live stream, as they reached the fake (decoded from any wrapping). */
    byte[] receivedAudioBytes();
}
