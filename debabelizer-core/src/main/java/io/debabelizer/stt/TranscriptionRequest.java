package io.debabelizer.stt;

import io.debabelizer.audio.AudioData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One batch transcription: the audio and what to do with it. Immutable; built with {@link #builder(AudioData)}.
 * Options a provider does not support are ignored by that provider, except where the descriptor says otherwise.
 */
public final class TranscriptionRequest {

    private final AudioData audio;
    private final String provider;
    private final String language;
    private final String model;
    private final boolean punctuate;
    private final boolean diarize;
    private final boolean wordTimestamps;
    private final Map<String, Object> providerOptions;

    private TranscriptionRequest(Builder b) {
        this.audio = Objects.requireNonNull(b.audio, "audio");
        this.provider = b.provider;
        this.language = b.language;
        this.model = b.model;
        this.punctuate = b.punctuate;
        this.diarize = b.diarize;
        this.wordTimestamps = b.wordTimestamps;
        this.providerOptions = Map.copyOf(b.providerOptions);
    }

    public static Builder builder(AudioData audio) {
        return new Builder(audio);
    }

    public AudioData audio() {
        return audio;
    }

    /** The provider asked for explicitly; empty lets configuration and auto-selection decide. */
    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    /** BCP-47 language (e.g. {@code en-US}); empty asks the provider to detect it. */
    public Optional<String> language() {
        return Optional.ofNullable(language);
    }

    /** Provider model name; empty uses the provider's default. */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    public boolean punctuate() {
        return punctuate;
    }

    public boolean diarize() {
        return diarize;
    }

    public boolean wordTimestamps() {
        return wordTimestamps;
    }

    /** Extra parameters passed to the provider as they are (e.g. {@code keyterm} for Deepgram). */
    public Map<String, Object> providerOptions() {
        return providerOptions;
    }

    public Builder toBuilder() {
        Builder b = new Builder(audio);
        b.provider = provider;
        b.language = language;
        b.model = model;
        b.punctuate = punctuate;
        b.diarize = diarize;
        b.wordTimestamps = wordTimestamps;
        b.providerOptions.putAll(providerOptions);
        return b;
    }

    @Override
    public String toString() {
        return "TranscriptionRequest[" + audio + ", provider=" + provider + ", language=" + language
                + ", model=" + model + "]";
    }

    public static final class Builder {
        private AudioData audio;
        private String provider;
        private String language;
        private String model;
        private boolean punctuate = true;
        private boolean diarize;
        private boolean wordTimestamps = true;
        private final Map<String, Object> providerOptions = new LinkedHashMap<>();

        private Builder(AudioData audio) {
            this.audio = Objects.requireNonNull(audio, "audio");
        }

        public Builder audio(AudioData audio) {
            this.audio = Objects.requireNonNull(audio, "audio");
            return this;
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        public Builder language(String language) {
            this.language = language;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder punctuate(boolean punctuate) {
            this.punctuate = punctuate;
            return this;
        }

        public Builder diarize(boolean diarize) {
            this.diarize = diarize;
            return this;
        }

        public Builder wordTimestamps(boolean wordTimestamps) {
            this.wordTimestamps = wordTimestamps;
            return this;
        }

        public Builder providerOption(String key, Object value) {
            providerOptions.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        public Builder providerOptions(Map<String, ?> options) {
            options.forEach(this::providerOption);
            return this;
        }

        public TranscriptionRequest build() {
            return new TranscriptionRequest(this);
        }
    }
}
