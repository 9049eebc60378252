package io.debabelizer.tts;

import io.debabelizer.audio.AudioFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One text-to-speech request. Immutable; built with {@link #builder(String)} or {@link #ssml(String)}. */
public final class SynthesisRequest {

    private final String text;
    private final boolean ssml;
    private final String provider;
    private final String voice;
    private final String language;
    private final String model;
    private final double speed;
    private final double pitch;
    private final double volumeGainDb;
    private final AudioFormat outputFormat;
    private final boolean timings;
    private final Map<String, Object> providerOptions;

    private SynthesisRequest(Builder b) {
        this.text = Objects.requireNonNull(b.text, "text");
        this.ssml = b.ssml;
        this.provider = b.provider;
        this.voice = b.voice;
        this.language = b.language;
        this.model = b.model;
        this.speed = b.speed;
        this.pitch = b.pitch;
        this.volumeGainDb = b.volumeGainDb;
        this.outputFormat = b.outputFormat;
        this.timings = b.timings;
        this.providerOptions = Map.copyOf(b.providerOptions);
    }

    /** A request to speak plain text. */
    public static Builder builder(String text) {
        return new Builder(text, false);
    }

    /** A request whose text is SSML markup, passed to providers that accept SSML. */
    public static Builder ssml(String ssml) {
        return new Builder(ssml, true);
    }

    public String text() {
        return text;
    }

    public boolean isSsml() {
        return ssml;
    }

    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    /** Voice id or name; empty uses the provider's default voice. */
    public Optional<String> voice() {
        return Optional.ofNullable(voice);
    }

    public Optional<String> language() {
        return Optional.ofNullable(language);
    }

    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** Speaking rate, 1.0 is normal. */
    public double speed() {
        return speed;
    }

    /** Pitch shift in semitones, 0 is normal. */
    public double pitch() {
        return pitch;
    }

    /** Volume gain in dB, 0 is normal. */
    public double volumeGainDb() {
        return volumeGainDb;
    }

    /** Requested output format; empty takes the provider's default. */
    public Optional<AudioFormat> outputFormat() {
        return Optional.ofNullable(outputFormat);
    }

    /** Whether word/character timings are wanted (providers that cannot give them ignore it). */
    public boolean timings() {
        return timings;
    }

    public Map<String, Object> providerOptions() {
        return providerOptions;
    }

    public Builder toBuilder() {
        Builder b = new Builder(text, ssml);
        b.provider = provider;
        b.voice = voice;
        b.language = language;
        b.model = model;
        b.speed = speed;
        b.pitch = pitch;
        b.volumeGainDb = volumeGainDb;
        b.outputFormat = outputFormat;
        b.timings = timings;
        b.providerOptions.putAll(providerOptions);
        return b;
    }

    @Override
    public String toString() {
        return "SynthesisRequest[" + text.length() + " chars" + (ssml ? " ssml" : "") + ", provider=" + provider
                + ", voice=" + voice + ", format=" + outputFormat + "]";
    }

    public static final class Builder {
        private String text;
        private boolean ssml;
        private String provider;
        private String voice;
        private String language;
        private String model;
        private double speed = 1.0;
        private double pitch;
        private double volumeGainDb;
        private AudioFormat outputFormat;
        private boolean timings;
        private final Map<String, Object> providerOptions = new LinkedHashMap<>();

        private Builder(String text, boolean ssml) {
            this.text = Objects.requireNonNull(text, "text");
            this.ssml = ssml;
        }

        public Builder text(String text) {
            this.text = Objects.requireNonNull(text, "text");
            this.ssml = false;
            return this;
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        public Builder voice(String voice) {
            this.voice = voice;
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

        public Builder speed(double speed) {
            if (!(speed > 0)) {
                throw new IllegalArgumentException("speed must be positive");
            }
            this.speed = speed;
            return this;
        }

        public Builder pitch(double semitones) {
            this.pitch = semitones;
            return this;
        }

        public Builder volumeGainDb(double db) {
            this.volumeGainDb = db;
            return this;
        }

        public Builder outputFormat(AudioFormat format) {
            this.outputFormat = format;
            return this;
        }

        public Builder timings(boolean timings) {
            this.timings = timings;
            return this;
        }

        public Builder providerOption(String key, Object value) {
            providerOptions.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        public SynthesisRequest build() {
            return new SynthesisRequest(this);
        }
    }
}
