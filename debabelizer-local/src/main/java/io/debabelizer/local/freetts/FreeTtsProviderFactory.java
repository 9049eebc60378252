package io.debabelizer.local.freetts;

import io.debabelizer.local.tts.LocalTtsProvider;
import io.debabelizer.spi.Availability;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.spi.QualityTier;
import io.debabelizer.tts.TtsProvider;
import java.util.Set;

/** FreeTTS: pure-Java offline speech, the last resort when Flite is not installed. */
public final class FreeTtsProviderFactory implements ProviderFactory {

    private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(FreeTtsEngine.PROVIDER)
            .displayName("FreeTTS (local)")
            .capabilities(Capability.TTS, Capability.TTS_STREAMING)
            .languages(Set.of("en"))
            .ttsPricePerMillionChars(0)
            .typicalLatencyMs(400)
            .quality(QualityTier.BASIC)
            .local(true)
            .build();

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        return Availability.ok(); // the voice ships in the jar
    }

    @Override
    public TtsProvider createTts(ProviderContext context) {
        return new LocalTtsProvider(DESCRIPTOR, new FreeTtsEngine(), FreeTtsEngine.VOICE);
    }
}
