package io.debabelizer.stt;

import io.debabelizer.audio.AudioFormat;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open a live transcription stream: the format of the chunks the application will push and what to
 * recognise. Immutable; built with {@link #builder(AudioFormat)}.
 */
public final class StreamRequest {

    /** Default bound on audio buffered between {@code send} and the network: 5 s of 16 kHz 16-bit mono. */
    public static final int DEFAULT_SEND_BUFFER_BYTES = 160_000;
    /** Default bound on events buffered for a slow consumer before the network read pauses. */
    public static final int DEFAULT_EVENT_BUFFER = 256;
    /** Default bound on audio kept for replay after the last final result (for failover/reconnect). */
    public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofSeconds(30);

    private final AudioFormat format;
    private final String provider;
    private final String language;
    private final String model;
    private final boolean interimResults;
    private final boolean punctuate;
    private final boolean diarize;
    private final boolean wordTimestamps;
    private final Duration endpointing;
    private final Duration utteranceEnd;
    private final int sendBufferBytes;
    private final int eventBuffer;
    private final Duration replayWindow;
    private final Map<String, Object> providerOptions;

    private StreamRequest(Builder b) {
        this.format = Objects.requireNonNull(b.format, "format");
        this.provider = b.provider;
        this.language = b.language;
        this.model = b.model;
        this.interimResults = b.interimResults;
        this.punctuate = b.punctuate;
        this.diarize = b.diarize;
        this.wordTimestamps = b.wordTimestamps;
        this.endpointing = b.endpointing;
        this.utteranceEnd = b.utteranceEnd;
        this.sendBufferBytes = b.sendBufferBytes;
        this.eventBuffer = b.eventBuffer;
        this.replayWindow = b.replayWindow;
        this.providerOptions = Map.copyOf(b.providerOptions);
    }

    public static Builder builder(AudioFormat format) {
        return new Builder(format);
    }

    /** Format of the chunks given to {@link SpeechStream#send}; raw PCM or G.711, or a streamable container. */
    public AudioFormat format() {
        return format;
    }

    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    public Optional<String> language() {
        return Optional.ofNullable(language);
    }

    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    public boolean interimResults() {
        return interimResults;
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

    /** Silence after which the provider ends an utterance, when the provider supports it. */
    public Optional<Duration> endpointing() {
        return Optional.ofNullable(endpointing);
    }

    /** Gap in words after which an {@link StreamEvent.UtteranceEnd} is sent, when supported. */
    public Optional<Duration> utteranceEnd() {
        return Optional.ofNullable(utteranceEnd);
    }

    public int sendBufferBytes() {
        return sendBufferBytes;
    }

    public int eventBuffer() {
        return eventBuffer;
    }

    public Duration replayWindow() {
        return replayWindow;
    }

    public Map<String, Object> providerOptions() {
        return providerOptions;
    }

    public Builder toBuilder() {
        Builder b = new Builder(format);
        b.provider = provider;
        b.language = language;
        b.model = model;
        b.interimResults = interimResults;
        b.punctuate = punctuate;
        b.diarize = diarize;
        b.wordTimestamps = wordTimestamps;
        b.endpointing = endpointing;
        b.utteranceEnd = utteranceEnd;
        b.sendBufferBytes = sendBufferBytes;
        b.eventBuffer = eventBuffer;
        b.replayWindow = replayWindow;
        b.providerOptions.putAll(providerOptions);
        return b;
    }

    @Override
    public String toString() {
        return "StreamRequest[" + format + ", provider=" + provider + ", language=" + language + ", model=" + model
                + "]";
    }

    public static final class Builder {
        private AudioFormat format;
        private String provider;
        private String language;
        private String model;
        private boolean interimResults = true;
        private boolean punctuate = true;
        private boolean diarize;
        private boolean wordTimestamps = true;
        private Duration endpointing;
        private Duration utteranceEnd;
        private int sendBufferBytes = DEFAULT_SEND_BUFFER_BYTES;
        private int eventBuffer = DEFAULT_EVENT_BUFFER;
        private Duration replayWindow = DEFAULT_REPLAY_WINDOW;
        private final Map<String, Object> providerOptions = new LinkedHashMap<>();

        private Builder(AudioFormat format) {
            this.format = Objects.requireNonNull(format, "format");
        }

        public Builder format(AudioFormat format) {
            this.format = Objects.requireNonNull(format, "format");
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

        public Builder interimResults(boolean interimResults) {
            this.interimResults = interimResults;
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

        public Builder endpointing(Duration endpointing) {
            this.endpointing = endpointing;
            return this;
        }

        public Builder utteranceEnd(Duration utteranceEnd) {
            this.utteranceEnd = utteranceEnd;
            return this;
        }

        public Builder sendBufferBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("sendBufferBytes must be positive");
            }
            this.sendBufferBytes = bytes;
            return this;
        }

        public Builder eventBuffer(int events) {
            if (events <= 0) {
                throw new IllegalArgumentException("eventBuffer must be positive");
            }
            this.eventBuffer = events;
            return this;
        }

        public Builder replayWindow(Duration window) {
            this.replayWindow = Objects.requireNonNull(window);
            return this;
        }

        public Builder providerOption(String key, Object value) {
            providerOptions.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        public StreamRequest build() {
            return new StreamRequest(this);
        }
    }
}
