package io.debabelizer.local.sphinx4;

import io.debabelizer.local.stt.LocalSttProvider;
import io.debabelizer.local.stt.StreamSettings;
import io.debabelizer.local.vad.VadSelection;
import io.debabelizer.spi.Availability;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.spi.QualityTier;
import io.debabelizer.stt.SttProvider;
import java.time.Duration;
import java.util.Set;

/** Sphinx4: pure-Java offline STT, slow and less accurate, the last resort that runs on any JVM. */
public final class Sphinx4ProviderFactory implements ProviderFactory {

    private static final String MODEL_RESOURCE = "/edu/cmu/sphinx/models/en-us/en-us.lm.bin";

    private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(Sphinx4Engine.PROVIDER)
            .displayName("Sphinx4 (local, pure Java)")
            .capabilities(Capability.STT, Capability.STT_STREAMING)
            .languages(Set.of("en"))
            .wordTimestamps(true)
            .sttPricePerMinute(0)
            // real-time factor 3-5 here: a 4 s utterance takes well over 10 s
            .typicalLatencyMs(15_000)
            .quality(QualityTier.BASIC)
            .local(true)
            .configKeys(VadSelection.VAD_CONFIG_KEY, VadSelection.MODEL_CONFIG_KEY)
            .build();

    /** Sphinx4 runs slower than real time: re-decoding a growing segment every second would never catch up. */
    private static final StreamSettings STREAM_SETTINGS = new StreamSettings(StreamSettings.DEFAULTS.vad(),
            Duration.ofSeconds(5), Duration.ofSeconds(15), 2);

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        return Sphinx4ProviderFactory.class.getResource(MODEL_RESOURCE) != null ? Availability.ok()
                : Availability.unavailable("sphinx4 model missing from the class path (add de.sciss:sphinx4-data)");
    }

    @Override
    public SttProvider createStt(ProviderContext context) {
        return new LocalSttProvider(DESCRIPTOR, new Sphinx4Engine(), "en-US", STREAM_SETTINGS,
                VadSelection.from(context.config()));
    }
}
