package io.debabelizer.benchmarks.local;

import io.debabelizer.local.flite.FliteProviderFactory;
import io.debabelizer.local.freetts.FreeTtsProviderFactory;
import io.debabelizer.local.pocketsphinx.PocketSphinxProviderFactory;
import io.debabelizer.local.sphinx4.Sphinx4ProviderFactory;
import io.debabelizer.spi.Availability;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.tts.TtsProvider;
import io.debabelizer.whisper.WhisperProviderFactory;
import java.util.Map;
import java.util.Optional;

/** The local engines the harnesses measure, created from their factories; absent (with the reason printed) if not installed. */
final class Engines {

    private Engines() {
    }

    static Optional<SttProvider> stt(String name, Map<String, String> config) {
        ProviderFactory factory = factory(name);
        BenchConfig c = new BenchConfig(name, config);
        Availability a = factory.availability(c);
        if (!a.available()) {
            System.out.println("# " + name + " skipped: " + a.reason());
            return Optional.empty();
        }
        return Optional.of(factory.createStt(c.context()));
    }

    static Optional<TtsProvider> tts(String name) {
        ProviderFactory factory = factory(name);
        BenchConfig c = new BenchConfig(name, Map.of());
        Availability a = factory.availability(c);
        if (!a.available()) {
            System.out.println("# " + name + " skipped: " + a.reason());
            return Optional.empty();
        }
        return Optional.of(factory.createTts(c.context()));
    }

    private static ProviderFactory factory(String name) {
        return switch (name) {
            case "pocketsphinx" -> new PocketSphinxProviderFactory();
            case "sphinx4" -> new Sphinx4ProviderFactory();
            case "whisper" -> new WhisperProviderFactory();
            case "flite" -> new FliteProviderFactory();
            case "freetts" -> new FreeTtsProviderFactory();
            default -> throw new IllegalArgumentException("unknown engine " + name);
        };
    }
}
