package io.debabelizer.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.ConfigurationException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.UnsupportedCapabilityException;
import io.debabelizer.audio.Container;
import io.debabelizer.config.DebabelizerConfig;
import io.debabelizer.config.OptimizeFor;
import io.debabelizer.spi.Availability;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderStatus;
import io.debabelizer.spi.QualityTier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderSelectorTest {

    /** Cheap, slow, standard cloud STT. */
    static final ProviderDescriptor CHEAP = ProviderDescriptor.builder("cheap")
            .capabilities(Capability.STT).sttPricePerMinute(0.002).typicalLatencyMs(2000)
            .quality(QualityTier.STANDARD).build();
    /** Expensive, fast, premium cloud STT with streaming, word times and diarization. */
    static final ProviderDescriptor PREMIUM = ProviderDescriptor.builder("premium")
            .capabilities(Capability.STT, Capability.STT_STREAMING, Capability.TTS)
            .sttPricePerMinute(0.02).ttsPricePerMillionChars(30).typicalLatencyMs(300)
            .quality(QualityTier.PREMIUM).wordTimestamps(true).diarization(true)
            .inputContainers(Set.of(Container.RAW, Container.WAV, Container.MP3)).build();
    /** Free local engine, English only, medium latency, basic. */
    static final ProviderDescriptor LOCAL = ProviderDescriptor.builder("local")
            .capabilities(Capability.STT, Capability.STT_STREAMING, Capability.TTS).languages(Set.of("en"))
            .sttPricePerMinute(0).ttsPricePerMillionChars(0).typicalLatencyMs(800).quality(QualityTier.BASIC)
            .local(true).wordTimestamps(true).build();

    private final List<ProviderStatus> statuses = new ArrayList<>(List.of(
            available(LOCAL), available(PREMIUM), available(CHEAP)));

    private static ProviderStatus available(ProviderDescriptor d) {
        return new ProviderStatus(d, Availability.ok());
    }

    private static ProviderStatus unavailable(ProviderDescriptor d, String why) {
        return new ProviderStatus(d, Availability.unavailable(why));
    }

    private ProviderSelector selector(DebabelizerConfig config) {
        return new ProviderSelector(config, () -> statuses, c -> c == Container.FLAC);
    }

    private ProviderSelector selector() {
        return selector(DebabelizerConfig.empty());
    }

    private static DebabelizerConfig auto(OptimizeFor strategy) {
        return DebabelizerConfig.builder().autoSelect(true).optimizeFor(strategy).build();
    }

    private void replace(String name, ProviderStatus status) {
        statuses.removeIf(s -> s.name().equals(name));
        statuses.add(status);
    }

    // ---- explicit ----

    @Test
    void explicitWinsOverPreferenceAndAuto() {
        DebabelizerConfig config = DebabelizerConfig.builder().sttProvider("premium").autoSelect(true)
                .optimizeFor(OptimizeFor.COST).build();
        Selection s = selector(config).select(Need.of(Capability.STT), "CHEAP");
        assertThat(s.provider()).isEqualTo("cheap");
        assertThat(s.rule()).isEqualTo(Selection.Rule.EXPLICIT);
        assertThat(s.candidates()).extracting(Selection.Candidate::provider)
                .containsExactly("premium", "cheap", "local");
    }

    @Test
    void explicitUnknownIsAConfigurationError() {
        assertThatThrownBy(() -> selector().select(Need.of(Capability.STT), "nosuch"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("nosuch")
                .hasMessageContaining("premium, cheap, local");
    }

    @Test
    void explicitUnavailableNeverFallsBack() {
        replace("premium", unavailable(PREMIUM, "PREMIUM_API_KEY not set"));
        assertThatThrownBy(() -> selector().select(Need.of(Capability.STT), "premium"))
                .isInstanceOfSatisfying(ProviderUnavailableException.class,
                        e -> assertThat(e.provider()).contains("premium"))
                .hasMessageContaining("PREMIUM_API_KEY not set");
    }

    @Test
    void explicitThatCannotServeTheNeedIsUnsupported() {
        assertThatThrownBy(() -> selector().select(Need.of(Capability.STT_STREAMING), "cheap"))
                .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("stt-streaming");
        assertThatThrownBy(() -> selector().select(new Need(Capability.STT, "de", null, false, false), "local"))
                .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("language de");
    }

    // ---- preferred ----

    @Test
    void preferredFromConfigurationIsUsedForItsSide() {
        DebabelizerConfig config = DebabelizerConfig.builder().sttProvider("cheap").ttsProvider("local")
                .autoSelect(true).optimizeFor(OptimizeFor.QUALITY).build();
        Selection stt = selector(config).select(Need.of(Capability.STT), null);
        assertThat(stt.provider()).isEqualTo("cheap");
        assertThat(stt.rule()).isEqualTo(Selection.Rule.PREFERRED);
        assertThat(stt.reason()).contains("stt_provider").contains("builder");
        Selection tts = selector(config).select(Need.of(Capability.TTS), null);
        assertThat(tts.provider()).isEqualTo("local");
        assertThat(tts.rule()).isEqualTo(Selection.Rule.PREFERRED);
    }

    @Test
    void preferredUnavailableFallsBackAndSaysWhy() {
        replace("premium", unavailable(PREMIUM, "PREMIUM_API_KEY not set"));
        DebabelizerConfig config = DebabelizerConfig.builder().sttProvider("premium").build();
        Selection s = selector(config).select(Need.of(Capability.STT), null);
        assertThat(s.provider()).isEqualTo("cheap");
        assertThat(s.rule()).isEqualTo(Selection.Rule.FIRST_AVAILABLE);
        assertThat(s.reason()).contains("preferred premium passed over").contains("PREMIUM_API_KEY not set");
    }

    @Test
    void preferredThatCannotServeTheNeedFallsBack() {
        DebabelizerConfig config = DebabelizerConfig.builder().sttProvider("cheap").build();
        Selection s = selector(config).select(Need.of(Capability.STT_STREAMING), null);
        assertThat(s.provider()).isEqualTo("premium");
        assertThat(s.reason()).contains("preferred cheap passed over (does not offer stt-streaming)");
    }

    @Test
    void preferredThatIsNotInstalledIsAConfigurationError() {
        DebabelizerConfig config = DebabelizerConfig.builder().ttsProvider("elevenlabs").build();
        assertThatThrownBy(() -> selector(config).select(Need.of(Capability.TTS), null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tts_provider")
                .hasMessageContaining("elevenlabs").hasMessageContaining("builder");
    }

    // ---- first available ----

    @Test
    void firstAvailableIsCloudBeforeLocalThenQualityThenLatency() {
        Selection s = selector().select(Need.of(Capability.STT), null);
        assertThat(s.provider()).isEqualTo("premium");
        assertThat(s.rule()).isEqualTo(Selection.Rule.FIRST_AVAILABLE);
        assertThat(s.candidates()).extracting(Selection.Candidate::provider)
                .containsExactly("premium", "cheap", "local");
    }

    @Test
    void amongEqualQualityTheFasterComesFirstThenTheName() {
        ProviderDescriptor slowLocal = ProviderDescriptor.builder("a-slow").capabilities(Capability.STT)
                .sttPricePerMinute(0).typicalLatencyMs(15_000).quality(QualityTier.BASIC).local(true).build();
        ProviderDescriptor sameAsLocal = ProviderDescriptor.builder("b-local").capabilities(Capability.STT)
                .sttPricePerMinute(0).typicalLatencyMs(800).quality(QualityTier.BASIC).local(true).build();
        statuses.removeIf(st -> !st.name().equals("local"));
        statuses.add(new ProviderStatus(slowLocal, io.debabelizer.spi.Availability.ok()));
        statuses.add(new ProviderStatus(sameAsLocal, io.debabelizer.spi.Availability.ok()));
        Selection s = selector().select(Need.of(Capability.STT), null);
        assertThat(s.candidates()).extracting(Selection.Candidate::provider)
                .containsExactly("b-local", "local", "a-slow");
    }

    @Test
    void withoutKeysTheLocalEngineIsTheDefault() {
        replace("cheap", unavailable(CHEAP, "CHEAP_API_KEY not set"));
        replace("premium", unavailable(PREMIUM, "PREMIUM_API_KEY not set"));
        Selection s = selector().select(Need.of(Capability.STT), null);
        assertThat(s.provider()).isEqualTo("local");
        assertThat(s.candidates()).filteredOn(c -> !c.eligible()).extracting(Selection.Candidate::verdict)
                .containsExactly("unavailable: PREMIUM_API_KEY not set", "unavailable: CHEAP_API_KEY not set");
        assertThat(s.explain()).contains("chose local (first_available)").contains("- cheap: unavailable");
    }

    // ---- eligibility ----

    @Test
    void languageAndCapabilityAreHardNeeds() {
        Selection s = selector().select(new Need(Capability.STT_STREAMING, "en-GB", null, false, false), null);
        assertThat(s.provider()).isEqualTo("premium");
        Selection german = selector().select(new Need(Capability.STT_STREAMING, "de", null, false, false), null);
        assertThat(german.provider()).isEqualTo("premium");
        assertThat(german.candidates()).filteredOn(c -> c.provider().equals("local")).first()
                .satisfies(c -> assertThat(c.verdict()).isEqualTo("does not support language de"));
    }

    @Test
    void batchInputIsConvertedWhenAProviderDoesNotTakeItsContainer() {
        // cheap takes RAW/WAV only; FLAC is decodable here, MP3 and OGG are not
        Selection flac = selector().select(new Need(Capability.STT, null, Container.FLAC, false, false), null);
        assertThat(flac.provider()).isEqualTo("premium");
        assertThat(flac.candidates()).filteredOn(c -> c.provider().equals("cheap")).first()
                .satisfies(c -> assertThat(c.verdict()).contains("flac converted to PCM"));

        Selection mp3 = selector().select(new Need(Capability.STT, null, Container.MP3, false, false), null);
        assertThat(mp3.provider()).isEqualTo("premium"); // takes MP3 natively
        assertThat(mp3.candidates()).filteredOn(c -> c.provider().equals("cheap")).first()
                .satisfies(c -> assertThat(c.verdict()).contains("no installed decoder"));

        assertThatThrownBy(() -> selector().select(new Need(Capability.STT, null, Container.OGG, false, false),
                null)).isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("ogg");
    }

    @Test
    void liveStreamsNeedANativeContainer() {
        assertThatThrownBy(() -> selector().select(
                new Need(Capability.STT_STREAMING, null, Container.FLAC, false, false), null))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("premium: does not take flac streams");
        Selection raw = selector().select(new Need(Capability.STT_STREAMING, null, Container.RAW, false, false),
                null);
        assertThat(raw.provider()).isEqualTo("premium");
    }

    @Test
    void noEligibleProviderNamesTheNeedAndEveryVerdict() {
        assertThatThrownBy(() -> selector().select(new Need(Capability.TTS_STREAMING, null, null, false, false),
                null)).isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("no provider can serve tts-streaming")
                .hasMessageContaining("cheap: does not offer tts-streaming");

        statuses.replaceAll(s -> unavailable(s.descriptor(), s.name().toUpperCase() + "_API_KEY not set"));
        assertThatThrownBy(() -> selector().select(Need.of(Capability.STT), null))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("LOCAL_API_KEY not set");

        statuses.clear();
        assertThatThrownBy(() -> selector().select(Need.of(Capability.STT), null))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("no providers are installed");
    }

    // ---- auto-selection per strategy ----

    @Test
    void autoCostPicksTheCheapest() {
        Selection s = selector(auto(OptimizeFor.COST)).select(Need.of(Capability.STT), null);
        assertThat(s.provider()).isEqualTo("local");
        assertThat(s.rule()).isEqualTo(Selection.Rule.AUTO);
        assertThat(s.candidates()).extracting(Selection.Candidate::provider)
                .containsExactly("local", "cheap", "premium");
        assertThat(s.candidates().get(0).score()).isEqualTo(1.0);
        assertThat(s.candidates().get(2).score()).isEqualTo(0.0);
    }

    @Test
    void autoCostBetweenCloudProvidersComparesPrices() {
        statuses.removeIf(st -> st.name().equals("local"));
        Selection s = selector(auto(OptimizeFor.COST)).select(Need.of(Capability.STT), null);
        assertThat(s.provider()).isEqualTo("cheap");
        assertThat(s.candidates().get(0).verdict()).contains("0.002000 USD/min");
    }

    @Test
    void autoLatencyPicksTheFastest() {
        Selection s = selector(auto(OptimizeFor.LATENCY)).select(Need.of(Capability.STT), null);
        assertThat(s.provider()).isEqualTo("premium");
        assertThat(s.candidates()).extracting(Selection.Candidate::provider)
                .containsExactly("premium", "local", "cheap");
    }

    @Test
    void autoQualityPicksTheBest() {
        Selection s = selector(auto(OptimizeFor.QUALITY)).select(Need.of(Capability.STT), null);
        assertThat(s.provider()).isEqualTo("premium");
        assertThat(s.candidates()).extracting(Selection.Candidate::provider)
                .containsExactly("premium", "cheap", "local");
    }

    @Test
    void autoBalancedWeighsNormalisedQualityCostAndLatency() {
        Selection s = selector(auto(OptimizeFor.BALANCED)).select(Need.of(Capability.STT), null);
        // prices 0 / 0.002 / 0.02 -> cost 1 / 0.9 / 0; latency 800 / 2000 / 300 -> 0.705.. / 0 / 1;
        // quality basic 0, standard 0.5, premium 1
        double local = 0.4 * 0 + 0.3 * 1 + 0.3 * (1200.0 / 1700);
        double cheap = 0.4 * 0.5 + 0.3 * 0.9 + 0.3 * 0;
        double premium = 0.4 * 1 + 0.3 * 0 + 0.3 * 1;
        assertThat(s.provider()).isEqualTo("premium");
        assertThat(s.candidates()).extracting(Selection.Candidate::score)
                .containsExactly(premium, local, cheap);
    }

    @Test
    void autoUsesTtsPricesForTts() {
        ProviderDescriptor pricey = ProviderDescriptor.builder("pricey").capabilities(Capability.TTS)
                .ttsPricePerMillionChars(300).sttPricePerMinute(0.0001).build();
        statuses.add(available(pricey));
        statuses.removeIf(st -> st.name().equals("local"));
        Selection s = selector(auto(OptimizeFor.COST)).select(Need.of(Capability.TTS), null);
        assertThat(s.provider()).isEqualTo("premium");
        assertThat(s.candidates().get(0).verdict()).contains("USD/1M chars");
    }

    @Test
    void autoTiesAreBrokenByBalancedScoreThenSoftNeeds() {
        ProviderDescriptor twinA = ProviderDescriptor.builder("twin-a").capabilities(Capability.STT)
                .sttPricePerMinute(0.01).typicalLatencyMs(500).build();
        ProviderDescriptor twinB = ProviderDescriptor.builder("twin-b").capabilities(Capability.STT)
                .sttPricePerMinute(0.01).typicalLatencyMs(500).diarization(true).build();
        statuses.clear();
        statuses.add(available(twinA));
        statuses.add(available(twinB));
        Selection plain = selector(auto(OptimizeFor.COST)).select(Need.of(Capability.STT), null);
        assertThat(plain.provider()).isEqualTo("twin-a"); // full tie: stable order
        Selection diarized = selector(auto(OptimizeFor.COST))
                .select(new Need(Capability.STT, null, null, false, true), null);
        assertThat(diarized.provider()).isEqualTo("twin-b");
        assertThat(diarized.candidates().get(1).verdict()).contains("no diarization");
    }

    @Test
    void autoSkipsIneligibleProvidersAndListsThemLast() {
        Selection s = selector(auto(OptimizeFor.COST))
                .select(new Need(Capability.STT, "fr", null, false, false), null);
        assertThat(s.provider()).isEqualTo("cheap");
        Selection.Candidate last = s.candidates().get(s.candidates().size() - 1);
        assertThat(last.provider()).isEqualTo("local");
        assertThat(last.eligible()).isFalse();
        assertThat(last.score()).isNaN();
    }
}
