package io.debabelizer.azure;

import io.debabelizer.InvalidInputException;
import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.audio.Wav;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.http.WebSocketConnector;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Azure speech-to-text: short recordings through the REST API for short audio, long ones (or with diarization or
 * language detection) through fast transcription, live audio over the Speech service WebSocket protocol.
 */
final class AzureSttProvider implements SttProvider {

    static final String LIVE_PATH = "/speech/recognition/conversation/cognitiveservices/v1";
    /** The Speech SDK's default recognition language, used live when a request names none and no candidates. */
    static final String DEFAULT_LIVE_LOCALE = "en-US";

    private final AzureSettings settings;
    private final ShortAudioRecognition shortAudio;
    private final FastTranscription fast;
    private final Clock clock;
    private final Set<AzureSpeechStream> open = ConcurrentHashMap.newKeySet();

    AzureSttProvider(AzureSettings settings) {
        this(settings, Clock.systemUTC());
    }

    AzureSttProvider(AzureSettings settings, Clock clock) {
        this.settings = settings;
        AzureHttp http = new AzureHttp(settings);
        this.shortAudio = new ShortAudioRecognition(settings, http);
        this.fast = new FastTranscription(settings, http);
        this.clock = clock;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return AzureProviderFactory.DESCRIPTOR;
    }

    // ---- batch ----------------------------------------------------------------------------------------------

    @Override
    public Transcript transcribe(TranscriptionRequest request) {
        if (request.audio().isEmpty()) {
            throw new InvalidInputException("the audio is empty", name(), null, null);
        }
        return usesFastTranscription(request, settings) ? fast.transcribe(request) : shortAudio.transcribe(request);
    }

    /**
     * Fast transcription when asked ({@code api=fast}), or when the short-audio API cannot do the job: audio longer
     * than {@code fast_transcription_after} (or of unknown length), no language given (detection), diarization.
     */
    static boolean usesFastTranscription(TranscriptionRequest request, AzureSettings settings) {
        String api = AzureOptions.string(request.providerOptions(), "api");
        if (api != null) {
            return switch (api.toLowerCase(Locale.ROOT)) {
                case "fast" -> true;
                case "short" -> false;
                default -> throw new InvalidInputException("option api must be short or fast, not '" + api + "'",
                        AzureSettings.PROVIDER, null, null);
            };
        }
        if (request.diarize() || AzureLocales.isDetect(request.language().orElse(null))) {
            return true;
        }
        double seconds = durationSeconds(request.audio());
        return seconds < 0 || seconds > settings.fastAfter().toMillis() / 1000.0;
    }

    /** The recording's length, or -1 when it is compressed (its length is not known without decoding). */
    static double durationSeconds(AudioData audio) {
        AudioFormat f = audio.format();
        if (f.container() == Container.WAV) {
            return Wav.read(audio).durationSeconds();
        }
        return audio.durationSeconds();
    }

    // ---- live -----------------------------------------------------------------------------------------------

    /**
     * Opens {@code /speech/recognition/conversation/cognitiveservices/v1} with the detailed format. The audio must
     * be 16-bit little-endian mono PCM (16 kHz is what Azure recommends). Without a language, the request's
     * {@code candidate_languages} (or the configured ones) switch on language identification; with none of those
     * either, {@code en-US} applies as in the Speech SDK. {@code endpointing} becomes the segmentation silence.
     */
    @Override
    public SpeechStream openStream(StreamRequest request) {
        AudioFormat f = request.format();
        if (f.container() != Container.RAW || f.encoding() != Encoding.PCM_SIGNED || f.bitsPerSample() != 16
                || f.bigEndian() || f.channels() != 1 || f.sampleRate() <= 0) {
            throw new UnsupportedFormatException("Azure live recognition takes 16-bit little-endian mono PCM, not "
                    + f, name(), null, null);
        }
        Map<String, Object> options = request.providerOptions();
        String language = request.language().orElse(null);
        List<String> candidates = AzureLocales.isDetect(language)
                ? AzureOptions.candidateLanguages(options, settings) : List.of();
        Query q = new Query();
        if (!candidates.isEmpty()) {
            q.set("lidEnabled", "true");
        } else {
            q.set("language", AzureLocales.isDetect(language) ? DEFAULT_LIVE_LOCALE : AzureLocales.toLocale(language));
        }
        q.set("format", "detailed")
                .set("profanity", AzureOptions.profanity(options, settings, false))
                .set("wordLevelTimestamps", request.wordTimestamps() ? "true" : null)
                .set("cid", request.model().orElse(null));
        request.endpointing().filter(d -> !d.isZero())
                .ifPresent(d -> q.set("segmentationSilenceTimeoutMs", d.toMillis()));

        String connectionId = Usp.newId();
        String context = UspBodies.speechContext(request.wordTimestamps(), AzureOptions.list(options, "phrases"),
                candidates);
        AzureSpeechStream stream = new AzureSpeechStream(request, connectionId, context, clock, open::remove);
        open.add(stream);
        try {
            stream.begin(connect(LIVE_PATH + q, connectionId, stream));
        } catch (RuntimeException e) {
            open.remove(stream);
            throw e;
        }
        return stream;
    }

    private java.net.http.WebSocket connect(String pathAndQuery, String connectionId, AzureSpeechStream stream) {
        Map<String, String> headers = new LinkedHashMap<>();
        AzureCredentials.Header auth = settings.credentials().header();
        if (auth != null) {
            headers.put(auth.name(), auth.value());
        }
        headers.put("X-ConnectionId", connectionId);
        return WebSocketConnector.connect(settings.httpClient(), settings.endpoints().sttWebSocket(pathAndQuery),
                headers, settings.connectTimeout(), stream.listener(), name(), (status, h, body) -> {
                    if (status == 401) {
                        settings.credentials().rejected();
                    }
                    return AzureErrors.forResponse(status, h, body, settings.credentials().secret(), connectionId);
                });
    }

    @Override
    public void close() {
        for (AzureSpeechStream s : List.copyOf(open)) {
            s.cancel(StreamEvent.CloseReason.SHUTDOWN);
        }
    }

    @Override
    public String toString() {
        return "AzureSttProvider[" + settings + "]";
    }
}
