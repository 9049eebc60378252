package io.debabelizer;

import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.Container;
import io.debabelizer.config.ConfigLoader;
import io.debabelizer.config.DebabelizerConfig;
import io.debabelizer.select.Need;
import io.debabelizer.select.ProviderSelector;
import io.debabelizer.select.Selection;
import io.debabelizer.session.SessionManager;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.spi.ProviderRegistry;
import io.debabelizer.spi.ProviderStatus;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.TextToSpeechStream;
import io.debabelizer.tts.TtsProvider;
import io.debabelizer.tts.Voice;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Each call derives a {@link Need} from the request (capability, language, input container), lets the
 * {@link ProviderSelector} choose (logged at debug with the explanation), creates the provider on first use and
 * delegates. Batch audio in a container the chosen provider does not take natively is converted to raw 16-bit mono
 * PCM at 16 kHz first. Providers share one {@link HttpClient}, created on first provider creation with the
 * configured connect timeout (or given to the builder, then not closed here).
 */
public final class VoiceProcessor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VoiceProcessor.class);
    /** Rate used when converting compressed input to PCM for a provider: the usual rate of speech models. */
    private static final int CONVERSION_RATE = 16_000;

    private final DebabelizerConfig config;
    private final ProviderRegistry registry;
    private final ProviderSelector selector;
    private final SessionManager sessions;
    private final HttpClient givenClient;
    private final Object clientLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private HttpClient ownClient;

    private VoiceProcessor(Builder b) {
        List<ProviderFactory> factories = b.factories != null ? List.copyOf(b.factories)
                : ProviderRegistry.discoverFactories();
        this.config = b.config != null ? b.config : ConfigLoader.load(System.getenv(), null,
                Path.of("").toAbsolutePath(), descriptors(factories));
        this.givenClient = b.httpClient;
        this.registry = new ProviderRegistry(factories, config, this::httpClient);
        this.selector = new ProviderSelector(config, registry::statuses);
        this.sessions = new SessionManager(config.sessionIdleTimeout());
    }

    private static List<ProviderDescriptor> descriptors(List<ProviderFactory> factories) {
        return factories.stream().flatMap(f -> {
            try {
                return java.util.stream.Stream.of(f.descriptor());
            } catch (RuntimeException e) {
                return java.util.stream.Stream.empty();
            }
        }).toList();
    }

    /** Configuration from the environment and config files; providers found with ServiceLoader. */
    public static VoiceProcessor create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Transcript transcribe(Path file) {
        return transcribe(TranscriptionRequest.builder(AudioData.of(file)).build());
    }

    public Transcript transcribe(byte[] audio) {
        return transcribe(TranscriptionRequest.builder(AudioData.of(audio)).build());
    }

    public Transcript transcribe(InputStream audio) {
        return transcribe(TranscriptionRequest.builder(AudioData.of(audio)).build());
    }

    public Transcript transcribe(TranscriptionRequest request) {
        ensureOpen();
        Need need = new Need(Capability.STT, request.language().orElse(null),
                request.audio().format().container(), request.wordTimestamps(), request.diarize());
        SttProvider provider = registry.stt(choose(need, request.provider().orElse(null)).provider());
        return provider.transcribe(nativeFor(provider.descriptor(), request));
    }

    /** Converts the audio to raw PCM when the provider does not take its container (selection checked it can). */
    private static TranscriptionRequest nativeFor(ProviderDescriptor d, TranscriptionRequest request) {
        Container container = request.audio().format().container();
        if (d.inputContainers().contains(container)) {
            return request;
        }
        log.debug("converting {} to PCM for {}", request.audio().format(), d.name());
        AudioData pcm = AudioConverter.toPcm16(request.audio(), CONVERSION_RATE, 1);
        return request.toBuilder().audio(pcm).build();
    }

    /** Opens a live stream, registered with the {@link #sessions() session manager}. */
    public SpeechStream stream(StreamRequest request) {
        return stream(request, Map.of());
    }

    /** Opens a live stream registered with {@code metadata} (call id, user, ...) in the session manager. */
    public SpeechStream stream(StreamRequest request, Map<String, String> metadata) {
        ensureOpen();
        Need need = new Need(Capability.STT_STREAMING, request.language().orElse(null),
                request.format().container(), request.wordTimestamps(), request.diarize());
        SttProvider provider = registry.stt(choose(need, request.provider().orElse(null)).provider());
        SpeechStream stream = provider.openStream(request);
        sessions.register(stream, metadata);
        return stream;
    }

    public Synthesis synthesize(String text) {
        return synthesize(SynthesisRequest.builder(text).build());
    }

    public Synthesis synthesize(SynthesisRequest request) {
        return tts(Capability.TTS, request).synthesize(request);
    }

    public SynthesisStream synthesizeStream(SynthesisRequest request) {
        return tts(Capability.TTS_STREAMING, request).synthesizeStream(request);
    }

    public TextToSpeechStream openTextStream(SynthesisRequest request) {
        return tts(Capability.TTS_STREAMING, request).openTextStream(request);
    }

    private TtsProvider tts(Capability capability, SynthesisRequest request) {
        ensureOpen();
        Need need = new Need(capability, request.language().orElse(null), null, false, false);
        return registry.tts(choose(need, request.provider().orElse(null)).provider());
    }

    /** Voices of the selected TTS provider (or of {@code provider} when not null). */
    public List<Voice> voices(String provider) {
        ensureOpen();
        return registry.tts(choose(Need.of(Capability.TTS), provider).provider()).voices();
    }

    /** Every provider found, available or not, with the reason when not. */
    public List<ProviderStatus> providers() {
        return registry.statuses();
    }

    /** Which provider would serve {@code need} and why, with {@code explicit} as an explicit choice (may be null). */
    public Selection select(Need need, String explicit) {
        return selector.select(need, explicit);
    }

    private Selection choose(Need need, String explicit) {
        Selection s = selector.select(need, explicit);
        if (log.isDebugEnabled()) {
            log.debug("{}", s.explain());
        }
        return s;
    }

    public DebabelizerConfig config() {
        return config;
    }

    public SessionManager sessions() {
        return sessions;
    }

    /** Closes every live session and every provider created. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            sessions.close();
        } finally {
            try {
                registry.close();
            } finally {
                closeOwnClient();
            }
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this VoiceProcessor is closed");
        }
    }

    private HttpClient httpClient() {
        if (givenClient != null) {
            return givenClient;
        }
        synchronized (clientLock) {
            if (ownClient == null) {
                ownClient = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NORMAL).build();
            }
            return ownClient;
        }
    }

    private void closeOwnClient() {
        HttpClient client;
        synchronized (clientLock) {
            client = ownClient;
            ownClient = null;
        }
        if (client != null) {
            client.shutdownNow();
            try {
                client.awaitTermination(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static final class Builder {
        private DebabelizerConfig config;
        private List<ProviderFactory> factories;
        private HttpClient httpClient;

        private Builder() {
        }

        /** Uses this configuration instead of loading it from the environment and files. */
        public Builder config(DebabelizerConfig config) {
            this.config = config;
            return this;
        }

        /** Uses these factories instead of (not in addition to) the ones ServiceLoader finds. For tests and embedding. */
        public Builder providers(List<ProviderFactory> factories) {
            this.factories = factories;
            return this;
        }

        /** Shares an HTTP client instead of creating one. The processor will not close it. */
        public Builder httpClient(HttpClient client) {
            this.httpClient = client;
            return this;
        }

        public VoiceProcessor build() {
            return new VoiceProcessor(this);
        }
    }
}
