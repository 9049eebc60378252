package io.debabelizer.spi;

import io.debabelizer.audio.Container;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Static facts about a provider, known without creating it: what it does, what it costs, how fast and good it is.
 * Selection reads these; {@code debabelizer providers} prints them.
 *
 * @param name                  stable lower-case id, e.g. {@code deepgram}
 * @param displayName           for people, e.g. {@code Deepgram}
 * @param capabilities          what it can do
 * @param languages             BCP-47 languages (or bare language subtags) supported; empty means many/any
 * @param inputContainers       containers its STT accepts natively (others are converted to PCM first)
 * @param wordTimestamps        whether STT results carry word times
 * @param diarization           whether STT can label speakers
 * @param sttPricePerMinute     USD per audio minute for STT (0 for local engines), or NaN if it has no STT
 * @param ttsPricePerMillionChars USD per 1M characters for TTS (0 for local), or NaN if it has no TTS
 * @param typicalLatencyMs      typical time to a final result / first audio, in ms
 * @param quality               quality class
 * @param local                 whether it runs on this machine with no network
 * @param configKeys            configuration keys it understands
 */
public record ProviderDescriptor(String name, String displayName, Set<Capability> capabilities, Set<String> languages,
                                 Set<Container> inputContainers, boolean wordTimestamps, boolean diarization,
                                 double sttPricePerMinute, double ttsPricePerMillionChars, int typicalLatencyMs,
                                 QualityTier quality, boolean local, List<ConfigKey> configKeys) {

    public ProviderDescriptor {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("provider name must be lower-case: " + name);
        }
        displayName = displayName == null ? name : displayName;
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        languages = Set.copyOf(languages);
        inputContainers = Set.copyOf(inputContainers);
        Objects.requireNonNull(quality, "quality");
        configKeys = List.copyOf(configKeys);
    }

    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    /**
     * Whether it handles {@code language} (BCP-47). An empty language set means "many"; a set entry matches the
     * exact tag or its primary subtag ({@code en} matches {@code en-US}).
     */
    public boolean supportsLanguage(String language) {
        if (language == null || languages.isEmpty()) {
            return true;
        }
        String lower = language.toLowerCase(java.util.Locale.ROOT);
        String primary = lower.split("[-_]", 2)[0];
        for (String l : languages) {
            String ll = l.toLowerCase(java.util.Locale.ROOT);
            if (ll.equals(lower) || ll.equals(primary)) {
                return true;
            }
        }
        return false;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builder, because descriptors have many fields and most providers leave several at their defaults. */
    public static final class Builder {
        private final String name;
        private String displayName;
        private final Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        private Set<String> languages = Set.of();
        private Set<Container> inputContainers = Set.of(Container.RAW, Container.WAV);
        private boolean wordTimestamps;
        private boolean diarization;
        private double sttPricePerMinute = Double.NaN;
        private double ttsPricePerMillionChars = Double.NaN;
        private int typicalLatencyMs = 1000;
        private QualityTier quality = QualityTier.STANDARD;
        private boolean local;
        private List<ConfigKey> configKeys = List.of();

        private Builder(String name) {
            this.name = name;
        }

        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        public Builder capabilities(Capability... caps) {
            capabilities.addAll(List.of(caps));
            return this;
        }

        public Builder languages(Set<String> languages) {
            this.languages = languages;
            return this;
        }

        public Builder inputContainers(Set<Container> containers) {
            this.inputContainers = containers;
            return this;
        }

        public Builder wordTimestamps(boolean wordTimestamps) {
            this.wordTimestamps = wordTimestamps;
            return this;
        }

        public Builder diarization(boolean diarization) {
            this.diarization = diarization;
            return this;
        }

        public Builder sttPricePerMinute(double usd) {
            this.sttPricePerMinute = usd;
            return this;
        }

        public Builder ttsPricePerMillionChars(double usd) {
            this.ttsPricePerMillionChars = usd;
            return this;
        }

        public Builder typicalLatencyMs(int ms) {
            this.typicalLatencyMs = ms;
            return this;
        }

        public Builder quality(QualityTier quality) {
            this.quality = quality;
            return this;
        }

        public Builder local(boolean local) {
            this.local = local;
            return this;
        }

        public Builder configKeys(ConfigKey... keys) {
            this.configKeys = List.of(keys);
            return this;
        }

        public ProviderDescriptor build() {
            return new ProviderDescriptor(name, displayName, capabilities, languages, inputContainers, wordTimestamps,
                    diarization, sttPricePerMinute, ttsPricePerMillionChars, typicalLatencyMs, quality, local,
                    configKeys);
        }
    }
}
