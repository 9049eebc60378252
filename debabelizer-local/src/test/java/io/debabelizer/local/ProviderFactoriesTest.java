package io.debabelizer.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.local.flite.FliteLibrary;
import io.debabelizer.local.pocketsphinx.PocketSphinxLibrary;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.spi.QualityTier;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProviderFactoriesTest {

    private static Map<String, ProviderFactory> factories() {
        return ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(f -> f.descriptor().name(), Function.identity()));
    }

    @Test
    void registersFourLocalFreeBasicProviders() {
        Map<String, ProviderFactory> all = factories();
        assertThat(all).containsKeys("pocketsphinx", "flite", "sphinx4", "freetts");
        for (String name : List.of("pocketsphinx", "flite", "sphinx4", "freetts")) {
            ProviderDescriptor d = all.get(name).descriptor();
            assertThat(d.local()).as(name).isTrue();
            assertThat(d.quality()).as(name).isEqualTo(QualityTier.BASIC);
            assertThat(d.typicalLatencyMs()).as(name).isPositive();
            assertThat(d.supportsLanguage("en-US")).as(name).isTrue();
        }
        assertThat(all.get("pocketsphinx").descriptor().sttPricePerMinute()).isZero();
        assertThat(all.get("sphinx4").descriptor().sttPricePerMinute()).isZero();
        assertThat(all.get("flite").descriptor().ttsPricePerMillionChars()).isZero();
        assertThat(all.get("freetts").descriptor().ttsPricePerMillionChars()).isZero();
        assertThat(all.get("pocketsphinx").descriptor().supports(Capability.STT_STREAMING)).isTrue();
        assertThat(all.get("pocketsphinx").descriptor().wordTimestamps()).isTrue();
        assertThat(all.get("flite").descriptor().supports(Capability.TTS_STREAMING)).isTrue();
    }

    @Test
    void pureJavaEnginesAreAlwaysAvailableAndNativeOnesSayWhyNot() {
        Map<String, ProviderFactory> all = factories();
        assertThat(all.get("sphinx4").availability(MapConfig.empty("sphinx4")).available()).isTrue();
        assertThat(all.get("freetts").availability(MapConfig.empty("freetts")).available()).isTrue();
        var pocketsphinx = all.get("pocketsphinx").availability(MapConfig.empty("pocketsphinx"));
        assertThat(pocketsphinx.available()).isEqualTo(PocketSphinxLibrary.load().isPresent());
        if (!pocketsphinx.available()) {
            assertThat(pocketsphinx.reason()).contains("apt-get install");
        }
        var flite = all.get("flite").availability(MapConfig.empty("flite"));
        assertThat(flite.available()).isEqualTo(FliteLibrary.load().isPresent());
        System.out.println("pocketsphinx: " + pocketsphinx + ", flite: " + flite);
    }

    @Test
    void aMissingSharedLibraryIsNotFoundRatherThanAnError() {
        assertThat(NativeLibraries.find(List.of("libdebabelizer-no-such-library.so.9"))).isEmpty();
    }
}
