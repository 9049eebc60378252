package io.debabelizer.cli;

import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderStatus;
import io.debabelizer.spi.QualityTier;
import java.util.List;
import java.util.Optional;

/**
 * When the embedded default served a request (a basic local engine that nobody asked for by name), says how to get
 * a better one: install the native engine, pull a Whisper model, or set a cloud key. Derived from the provider list,
 * so it only suggests what is actually missing on this machine.
 */
final class EngineAdvice {

    private EngineAdvice() {
    }

    static Optional<String> forStt(String chosen, List<ProviderStatus> providers) {
        ProviderStatus used = find(chosen, providers);
        if (used == null || !isBasicLocal(used.descriptor())) {
            return Optional.empty();
        }
        StringBuilder advice = new StringBuilder(chosen).append(" is a basic offline engine; for better accuracy ");
        ProviderStatus pocketsphinx = find("pocketsphinx", providers);
        if (chosen.equals("sphinx4") && pocketsphinx != null && !pocketsphinx.available()) {
            advice.append("install PocketSphinx (apt-get install libpocketsphinx3 pocketsphinx-en-us), ");
        }
        ProviderStatus whisper = find("whisper", providers);
        if (whisper != null && !whisper.available()) {
            advice.append("pull a Whisper model (debabelizer models pull base), ");
        }
        return Optional.of(advice.append("or set a cloud key such as DEEPGRAM_API_KEY").toString());
    }

    static Optional<String> forTts(String chosen, List<ProviderStatus> providers) {
        ProviderStatus used = find(chosen, providers);
        if (used == null || !isBasicLocal(used.descriptor())) {
            return Optional.empty();
        }
        StringBuilder advice = new StringBuilder(chosen).append(" is a basic offline voice; for natural voices ");
        ProviderStatus flite = find("flite", providers);
        if (chosen.equals("freetts") && flite != null && !flite.available()) {
            advice.append("install Flite (apt-get install libflite1) for clearer speech, or ");
        }
        return Optional.of(advice.append("set a cloud key such as ELEVENLABS_API_KEY or OPENAI_API_KEY").toString());
    }

    private static boolean isBasicLocal(ProviderDescriptor d) {
        return d.local() && d.quality() == QualityTier.BASIC;
    }

    private static ProviderStatus find(String name, List<ProviderStatus> providers) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
