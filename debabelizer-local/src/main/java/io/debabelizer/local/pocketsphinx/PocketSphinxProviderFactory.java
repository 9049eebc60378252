package io.debabelizer.local.pocketsphinx;

import io.debabelizer.local.stt.LocalSttProvider;
import io.debabelizer.local.stt.StreamSettings;
import io.debabelizer.local.vad.VadSelection;
import io.debabelizer.spi.Availability;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.spi.QualityTier;
import io.debabelizer.stt.SttProvider;
import java.util.Set;

/** CMU PocketSphinx through the FFM API over the system library: offline US-English STT with word times. */
public final class PocketSphinxProviderFactory implements ProviderFactory {

    public static final String NAME = "pocketsphinx";
    private static final int DEFAULT_DECODERS = 2;

    private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(NAME)
            .displayName("PocketSphinx (local)")
            .capabilities(Capability.STT, Capability.STT_STREAMING)
            .languages(Set.of("en"))
            .wordTimestamps(true)
            .sttPricePerMinute(0)
            // about 0.3-0.6 x real time on two loaded cores, for a typical 3-5 s utterance
            .typicalLatencyMs(1500)
            .quality(QualityTier.BASIC)
            .local(true)
            .configKeys(
                    ConfigKey.of("model_dir", "folder with en-us/, en-us.lm.bin and cmudict-en-us.dict (default "
                            + PocketSphinxModel.DEFAULT_DIR + ")"),
                    ConfigKey.of("hmm", "acoustic model folder (overrides model_dir)"),
                    ConfigKey.of("lm", "language model file (overrides model_dir)"),
                    ConfigKey.of("dict", "pronunciation dictionary file (overrides model_dir)"),
                    ConfigKey.of("decoders", "decoders kept loaded for parallel requests (default "
                            + DEFAULT_DECODERS + ")"),
                    VadSelection.VAD_CONFIG_KEY, VadSelection.MODEL_CONFIG_KEY)
            .build();

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        if (PocketSphinxLibrary.load().isEmpty()) {
            return Availability.unavailable(PocketSphinxLibrary.problem());
        }
        String modelProblem = PocketSphinxModel.from(config).problem();
        return modelProblem == null ? Availability.ok() : Availability.unavailable(modelProblem);
    }

    @Override
    public SttProvider createStt(ProviderContext context) {
        ProviderConfig config = context.config();
        PocketSphinxLibrary library = PocketSphinxLibrary.load()
                .orElseThrow(() -> new io.debabelizer.ProviderUnavailableException(PocketSphinxLibrary.problem(),
                        NAME, null, null));
        int decoders = config.integer("decoders").orElse(DEFAULT_DECODERS);
        if (decoders < 1) {
            throw config.invalid("decoders", "must be at least 1");
        }
        PocketSphinxEngine engine = new PocketSphinxEngine(library, PocketSphinxModel.from(config), decoders);
        return new LocalSttProvider(DESCRIPTOR, engine, "en-US", StreamSettings.DEFAULTS,
                VadSelection.from(config));
    }
}
