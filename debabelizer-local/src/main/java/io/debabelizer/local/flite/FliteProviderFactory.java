package io.debabelizer.local.flite;

import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.local.tts.LocalTtsProvider;
import io.debabelizer.spi.Availability;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.spi.QualityTier;
import io.debabelizer.tts.TtsProvider;
import java.util.Set;

/** CMU Flite through the FFM API over Debian's libflite1: fast offline US-English speech. */
public final class FliteProviderFactory implements ProviderFactory {

    private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(FliteEngine.PROVIDER)
            .displayName("Flite (local)")
            .capabilities(Capability.TTS, Capability.TTS_STREAMING)
            .languages(Set.of("en"))
            .ttsPricePerMillionChars(0)
            // first sentence of a stream: about 0.08 s per second of audio
            .typicalLatencyMs(200)
            .quality(QualityTier.BASIC)
            .local(true)
            .configKeys(ConfigKey.of("voice", "default voice: kal, kal16, awb, rms or slt (default rms)"))
            .build();

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        return FliteLibrary.load().isPresent() ? Availability.ok() : Availability.unavailable(FliteLibrary.problem());
    }

    @Override
    public TtsProvider createTts(ProviderContext context) {
        FliteLibrary library = FliteLibrary.load().orElseThrow(() -> new ProviderUnavailableException(
                FliteLibrary.problem(), FliteEngine.PROVIDER, null, null));
        return new LocalTtsProvider(DESCRIPTOR, new FliteEngine(library), context.config().string("voice")
                .orElse(null));
    }
}
