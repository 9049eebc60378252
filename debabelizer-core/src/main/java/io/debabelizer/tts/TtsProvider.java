package io.debabelizer.tts;

import io.debabelizer.UnsupportedCapabilityException;
import io.debabelizer.spi.ProviderDescriptor;
import java.util.List;

/** A text-to-speech provider. Implementations are thread-safe. */
public interface TtsProvider extends AutoCloseable {

    ProviderDescriptor descriptor();

    default String name() {
        return descriptor().name();
    }

    Synthesis synthesize(SynthesisRequest request);

    /** Streams the audio for a whole text as it is generated. */
    default SynthesisStream synthesizeStream(SynthesisRequest request) {
        throw new UnsupportedCapabilityException("streaming synthesis is not supported", name());
    }

    /** Opens a text-in stream; {@code request.text()} is the first piece (may be empty). */
    default TextToSpeechStream openTextStream(SynthesisRequest request) {
        throw new UnsupportedCapabilityException("text-in streaming is not supported", name());
    }

    List<Voice> voices();

    @Override
    default void close() {
    }
}
