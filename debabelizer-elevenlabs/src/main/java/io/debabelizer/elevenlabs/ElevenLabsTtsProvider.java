package io.debabelizer.elevenlabs;

import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Wav;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.spi.stream.HttpBodySynthesisStream;
import io.debabelizer.tts.SpeechTiming;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.TextToSpeechStream;
import io.debabelizer.tts.TtsProvider;
import io.debabelizer.tts.Voice;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * ElevenLabs text-to-speech: {@code POST /v1/text-to-speech/{voice_id}} (whole; {@code /with-timestamps} when
 * timings are asked for, character alignment turned into word timings), {@code /stream} streamed to the caller as
 * it arrives, the {@code stream-input} WebSocket for text-in streaming, the voice list ({@code GET /v1/voices}, also
 * used to resolve voices given by name) and the model list ({@link #models()}).
 */
public final class ElevenLabsTtsProvider implements TtsProvider {

    static final String TTS = "/v1/text-to-speech/";
    static final String VOICES = "/v1/voices";
    static final String MODELS = "/v1/models";

    private final ElevenLabsSettings settings;
    private final VoiceDirectory directory = new VoiceDirectory(this::fetchVoices);
    private final Set<SynthesisStream> open = ConcurrentHashMap.newKeySet();

    ElevenLabsTtsProvider(ElevenLabsSettings settings) {
        this.settings = settings;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return ElevenLabsProviderFactory.DESCRIPTOR;
    }

    /** The voice id for a request: its voice (a name is looked up), else the configured default. */
    String voiceId(SynthesisRequest request) {
        return directory.resolve(request.voice().orElse(settings.voice()));
    }

    private static void checkText(SynthesisRequest request) {
        if (request.text().isBlank()) {
            throw new InvalidInputException("the text is empty", ElevenLabsSettings.PROVIDER, null, null);
        }
    }

    private HttpRequest speechRequest(SynthesisRequest request, String voiceId, String suffix, OutputFormat format) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("output_format", format.id());
        query.putAll(SpeechOptions.restQuery(request));
        String json = ElevenLabsJson.write(SpeechOptions.restBody(request, settings));
        return HttpRequest.newBuilder(settings.http(TTS + SpeechOptions.encode(voiceId) + suffix
                        + SpeechOptions.query(query)))
                .timeout(settings.requestTimeout())
                .header(ElevenLabsSettings.API_KEY_HEADER, settings.apiKey().reveal())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static OutputFormat format(SynthesisRequest request) {
        return OutputFormat.forRequest(request.outputFormat().orElse(null),
                request.providerOptions().get("output_format"));
    }

    @Override
    public Synthesis synthesize(SynthesisRequest request) {
        checkText(request);
        OutputFormat format = format(request);
        String voiceId = voiceId(request);
        boolean timed = request.timings();
        HttpResponse<byte[]> r = send(speechRequest(request, voiceId, timed ? "/with-timestamps" : "", format),
                HttpResponse.BodyHandlers.ofByteArray());
        String requestId = r.headers().firstValue(ElevenLabsErrors.REQUEST_ID_HEADER).orElse(null);
        if (r.statusCode() / 100 != 2) {
            throw ElevenLabsErrors.forResponse(r.statusCode(), r.headers(), r.body(), settings.apiKey());
        }
        byte[] audio;
        List<SpeechTiming> timings = List.of();
        if (timed) {
            JsonNode n = ElevenLabsJson.parse(r.body(), requestId);
            audio = base64(n.path("audio_base64"), requestId);
            timings = Alignments.restWords(n, request.text(), requestId);
        } else {
            audio = r.body();
        }
        if (audio.length == 0) {
            throw new ProtocolException("ElevenLabs returned no audio", name(), requestId, null);
        }
        AudioFormat wire = format.wireFormat();
        double seconds = wire.isUncompressed() && wire.bytesPerSecond() > 0
                ? (double) audio.length / wire.bytesPerSecond() : -1;
        byte[] bytes = format.wrapWav() ? Wav.write(wire, audio) : audio;
        int characters = r.headers().firstValue("x-character-count").map(ElevenLabsTtsProvider::parseIntOrMinus)
                .filter(n -> n >= 0).orElse(request.text().length());
        return new Synthesis(AudioData.of(format.format(), bytes), seconds, voiceId, name(),
                SpeechOptions.model(request, settings), requestId, timings, characters);
    }

    static byte[] base64(JsonNode n, String requestId) {
        if (!n.isString()) {
            throw new ProtocolException("the response has no audio_base64 string", ElevenLabsSettings.PROVIDER,
                    requestId, null);
        }
        try {
            return Base64.getDecoder().decode(n.asString());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("audio that is not base64: " + e.getMessage(), ElevenLabsSettings.PROVIDER,
                    requestId, e);
        }
    }

    private static int parseIntOrMinus(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public SynthesisStream synthesizeStream(SynthesisRequest request) {
        checkText(request);
        OutputFormat format = format(request);
        String voiceId = voiceId(request);
        long started = System.nanoTime();
        HttpResponse<InputStream> r = send(speechRequest(request, voiceId, "/stream", format),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() / 100 != 2) {
            throw ElevenLabsErrors.forResponse(r.statusCode(), r.headers(), HttpErrors.errorBody(r),
                    settings.apiKey());
        }
        return HttpBodySynthesisStream.builder(ElevenLabsSettings.PROVIDER, format.format(), r.body())
                .prefix(format.wrapWav() ? Wav.header(format.wireFormat(), -1) : null)
                .requestId(r.headers().firstValue(ElevenLabsErrors.REQUEST_ID_HEADER).orElse(null))
                .stallTimeout(settings.requestTimeout())
                .requestStartNanos(started)
                .trackIn(open)
                .start();
    }

    /**
     * Opens a {@code stream-input} WebSocket; the returned stream is an {@link ElevenLabsTextStream}. Text pieces are
     * sent at word boundaries, flushed at sentence ends (option {@code flush_on_sentence_end}, default true) and at
     * the end of input; audio arrives with word timings in stream time.
     */
    @Override
    public TextToSpeechStream openTextStream(SynthesisRequest request) {
        OutputFormat format = format(request);
        String voiceId = voiceId(request);
        Map<String, String> query = new LinkedHashMap<>(SpeechOptions.streamQuery(request, settings));
        query.put("output_format", format.id());
        Map<String, Object> init = SpeechOptions.streamInit(request, settings);
        ElevenLabsTextStream stream = new ElevenLabsTextStream(format, settings,
                SpeechOptions.flushOnSentenceEnd(request), open::remove);
        open.add(stream);
        try {
            stream.begin(ElevenLabsWebSockets.connect(settings, TTS + SpeechOptions.encode(voiceId) + "/stream-input"
                    + SpeechOptions.query(query), stream.listener()), ElevenLabsJson.write(init));
        } catch (RuntimeException e) {
            open.remove(stream);
            throw e;
        }
        if (!request.text().isEmpty()) {
            stream.sendText(request.text());
        }
        return stream;
    }

    /** The account's voices from {@code GET /v1/voices} (also refreshes the name cache). */
    @Override
    public List<Voice> voices() {
        List<Voice> voices = fetchVoices();
        directory.remember(voices);
        return voices;
    }

    private List<Voice> fetchVoices() {
        HttpResponse<byte[]> r = get(VOICES);
        String requestId = r.headers().firstValue(ElevenLabsErrors.REQUEST_ID_HEADER).orElse(null);
        JsonNode list = ElevenLabsJson.parse(r.body(), requestId).path("voices");
        if (!list.isArray()) {
            throw new ProtocolException("the voice list has no 'voices' array", name(), requestId, null);
        }
        List<Voice> voices = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode v : list) {
            Voice voice = Voices.fromJson(v, requestId);
            if (seen.add(voice.id())) {
                voices.add(voice);
            }
        }
        return voices;
    }

    /** The models from {@code GET /v1/models}. */
    public List<ElevenLabsModel> models() {
        HttpResponse<byte[]> r = get(MODELS);
        String requestId = r.headers().firstValue(ElevenLabsErrors.REQUEST_ID_HEADER).orElse(null);
        JsonNode list = ElevenLabsJson.parse(r.body(), requestId);
        if (!list.isArray()) {
            throw new ProtocolException("the model list is not an array", name(), requestId, null);
        }
        List<ElevenLabsModel> models = new ArrayList<>();
        for (JsonNode m : list) {
            String id = m.path("model_id").asString(null);
            if (id == null || id.isBlank()) {
                throw new ProtocolException("a model without model_id: " + m, name(), requestId, null);
            }
            List<String> languages = new ArrayList<>();
            m.path("languages").forEach(l -> {
                String lang = l.path("language_id").asString(null);
                if (lang != null) {
                    languages.add(lang);
                }
            });
            JsonNode cost = m.path("model_rates").path("character_cost_multiplier");
            models.add(new ElevenLabsModel(id, m.path("name").asString(id), m.path("description").asString(null),
                    m.path("can_do_text_to_speech").asBoolean(false), languages,
                    m.path("maximum_text_length_per_request").asInt(-1),
                    cost.isNumber() ? cost.asDouble() : Double.NaN));
        }
        return models;
    }

    private HttpResponse<byte[]> get(String path) {
        HttpRequest http = HttpRequest.newBuilder(settings.http(path)).timeout(settings.requestTimeout())
                .header(ElevenLabsSettings.API_KEY_HEADER, settings.apiKey().reveal()).GET().build();
        HttpResponse<byte[]> r = send(http, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
            throw ElevenLabsErrors.forResponse(r.statusCode(), r.headers(), r.body(), settings.apiKey());
        }
        return r;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return HttpErrors.send(settings.httpClient(), request, handler, name());
    }

    @Override
    public void close() {
        for (SynthesisStream s : List.copyOf(open)) {
            s.cancel();
        }
    }

    @Override
    public String toString() {
        return "ElevenLabsTtsProvider[" + settings + "]";
    }
}
