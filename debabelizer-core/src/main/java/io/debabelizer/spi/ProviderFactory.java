package io.debabelizer.spi;

import io.debabelizer.stt.SttProvider;
import io.debabelizer.tts.TtsProvider;

/**
 * The entry point of a provider module, found with {@link java.util.ServiceLoader} (list the implementation in
 * {@code META-INF/services/io.debabelizer.spi.ProviderFactory}). Creating the factory must be cheap and must not
 * touch the network: providers are built lazily, only when selected.
 */
public interface ProviderFactory {

    ProviderDescriptor descriptor();

    /**
     * Whether the provider can work with this configuration on this machine. Cheap checks only (a key is set, a
     * library is installed); no network calls.
     */
    Availability availability(ProviderConfig config);

    /** Builds the STT side. Only called when the descriptor has STT and {@link #availability} said yes. */
    default SttProvider createStt(ProviderContext context) {
        throw new UnsupportedOperationException(descriptor().name() + " has no speech-to-text");
    }

    /** Builds the TTS side. Only called when the descriptor has TTS and {@link #availability} said yes. */
    default TtsProvider createTts(ProviderContext context) {
        throw new UnsupportedOperationException(descriptor().name() + " has no text-to-speech");
    }
}
