package io.debabelizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.spi.Availability;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderStatus;
import io.debabelizer.spi.QualityTier;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineAdviceTest {

    private static ProviderStatus local(String name, QualityTier tier, Capability cap, boolean available) {
        ProviderDescriptor d = ProviderDescriptor.builder(name).capabilities(cap).quality(tier).local(true).build();
        return new ProviderStatus(d, available ? Availability.ok() : Availability.unavailable("missing"));
    }

    @Test
    void basicLocalSttSuggestsOnlyWhatIsMissing() {
        var providers = List.of(local("whisper", QualityTier.STANDARD, Capability.STT, false),
                local("pocketsphinx", QualityTier.BASIC, Capability.STT, false),
                local("sphinx4", QualityTier.BASIC, Capability.STT, true));
        assertThat(EngineAdvice.forStt("sphinx4", providers)).hasValueSatisfying(a -> assertThat(a)
                .contains("install PocketSphinx").contains("models pull base").contains("DEEPGRAM_API_KEY"));
        var withPocketsphinx = List.of(local("pocketsphinx", QualityTier.BASIC, Capability.STT, true));
        assertThat(EngineAdvice.forStt("pocketsphinx", withPocketsphinx)).hasValueSatisfying(a -> assertThat(a)
                .doesNotContain("install PocketSphinx").doesNotContain("Whisper"));
    }

    @Test
    void noAdviceForABetterEngineOrACloudProvider() {
        var providers = List.of(local("whisper", QualityTier.STANDARD, Capability.STT, true),
                new ProviderStatus(ProviderDescriptor.builder("deepgram").capabilities(Capability.STT)
                        .quality(QualityTier.PREMIUM).build(), Availability.ok()));
        assertThat(EngineAdvice.forStt("whisper", providers)).isEmpty();
        assertThat(EngineAdvice.forStt("deepgram", providers)).isEmpty();
    }

    @Test
    void basicLocalTtsPointsAtCloudVoices() {
        var providers = List.of(local("flite", QualityTier.BASIC, Capability.TTS, false),
                local("freetts", QualityTier.BASIC, Capability.TTS, true));
        assertThat(EngineAdvice.forTts("freetts", providers)).hasValueSatisfying(a -> assertThat(a)
                .contains("install Flite").contains("ELEVENLABS_API_KEY"));
    }
}
