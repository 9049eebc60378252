package io.debabelizer;

import io.debabelizer.config.DebabelizerConfig;
import io.debabelizer.select.Need;
import io.debabelizer.select.Selection;
import io.debabelizer.session.SessionManager;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.spi.ProviderStatus;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.TextToSpeechStream;
import io.debabelizer.tts.Voice;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;

/**
 * The one entry point: transcribe, stream, synthesize and list voices through whichever provider the request,
 * the configuration or auto-selection picks. Thread-safe; create one per application and close it on shutdown.
 *
 * <pre>{@code
 * try (VoiceProcessor processor = VoiceProcessor.create()) {
 *     Transcript t = processor.transcribe(Path.of("call.wav"));
 * }
 * }</pre>
 *
 * TODO(facade work item): implement. Signatures are the contract other modules code against.
 */
public final class VoiceProcessor implements AutoCloseable {

    /** Configuration from the environment and config files; providers found with ServiceLoader. */
    public static VoiceProcessor create() {
        return builder().build();
    }

    public static Builder builder() {
        throw new UnsupportedOperationException("TODO");
    }

    public Transcript transcribe(Path file) {
        throw new UnsupportedOperationException("TODO");
    }

    public Transcript transcribe(byte[] audio) {
        throw new UnsupportedOperationException("TODO");
    }

    public Transcript transcribe(InputStream audio) {
        throw new UnsupportedOperationException("TODO");
    }

    public Transcript transcribe(TranscriptionRequest request) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Opens a live stream, registered with the {@link #sessions() session manager}. */
    public SpeechStream stream(StreamRequest request) {
        throw new UnsupportedOperationException("TODO");
    }

    public Synthesis synthesize(String text) {
        throw new UnsupportedOperationException("TODO");
    }

    public Synthesis synthesize(SynthesisRequest request) {
        throw new UnsupportedOperationException("TODO");
    }

    public SynthesisStream synthesizeStream(SynthesisRequest request) {
        throw new UnsupportedOperationException("TODO");
    }

    public TextToSpeechStream openTextStream(SynthesisRequest request) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Voices of the selected TTS provider (or of {@code provider} when not null). */
    public List<Voice> voices(String provider) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Every provider found, available or not, with the reason when not. */
    public List<ProviderStatus> providers() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Which provider would serve {@code need} and why, with {@code explicit} as an explicit choice (may be null). */
    public Selection select(Need need, String explicit) {
        throw new UnsupportedOperationException("TODO");
    }

    public DebabelizerConfig config() {
        throw new UnsupportedOperationException("TODO");
    }

    public SessionManager sessions() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Closes every live session and every provider created. Idempotent. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO");
    }

    public static final class Builder {
        /** Uses this configuration instead of loading it from the environment and files. */
        public Builder config(DebabelizerConfig config) {
            throw new UnsupportedOperationException("TODO");
        }

        /** Uses these factories instead of (not in addition to) the ones ServiceLoader finds. For tests and embedding. */
        public Builder providers(List<ProviderFactory> factories) {
            throw new UnsupportedOperationException("TODO");
        }

        /** Shares an HTTP client instead of creating one. The processor will not close it. */
        public Builder httpClient(HttpClient client) {
            throw new UnsupportedOperationException("TODO");
        }

        public VoiceProcessor build() {
            throw new UnsupportedOperationException("TODO");
        }
    }
}
