package io.debabelizer.deepgram;

import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Wav;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Usage;
import io.debabelizer.stt.Word;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** Deepgram speech-to-text: {@code POST /v1/listen} for recordings, {@code wss://…/v1/listen} for live audio. */
final class DeepgramSttProvider implements SttProvider {

    static final String LISTEN = "/v1/listen";

    private final DeepgramSettings settings;
    private final Set<DeepgramSpeechStream> open = ConcurrentHashMap.newKeySet();

    DeepgramSttProvider(DeepgramSettings settings) {
        this.settings = settings;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DeepgramProviderFactory.DESCRIPTOR;
    }

    // ---- batch ----------------------------------------------------------------------------------------------

    @Override
    public Transcript transcribe(TranscriptionRequest request) {
        AudioData audio = request.audio();
        if (audio.isEmpty()) {
            throw new InvalidInputException("the audio is empty", name(), null, null);
        }
        if (request.providerOptions().containsKey("callback")) {
            throw new InvalidInputException("the 'callback' option is not supported: results are returned "
                    + "synchronously", name(), null, null);
        }
        String model = request.model().orElse(settings.model());
        QueryParams q = batchQuery(request, model);
        AudioFormat f = audio.format();
        byte[] body = audio.bytes();
        String contentType = f.container().mimeType();
        if (ListenAudio.needsWavHeader(f)) {
            body = Wav.write(f, body);
            contentType = "audio/wav";
        } else {
            String encoding = ListenAudio.rawEncoding(f, false);
            if (encoding != null) {
                q.set("encoding", encoding).set("sample_rate", f.sampleRate()).set("channels", f.channels());
                contentType = "application/octet-stream";
            }
        }
        q.putAll(request.providerOptions());
        q.remove("keyterms");
        HttpRequest http = HttpRequest.newBuilder(settings.http(LISTEN + q.toQuery()))
                .timeout(settings.requestTimeout())
                .header("Authorization", settings.authorization())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = send(http);
        if (response.statusCode() / 100 != 2) {
            throw DeepgramErrors.forResponse(response.statusCode(), response.headers(), response.body(),
                    settings.apiKey());
        }
        String headerId = response.headers().firstValue(DeepgramErrors.REQUEST_ID_HEADER).orElse(null);
        return mapTranscript(DeepgramJson.parse(response.body(), headerId), headerId, model);
    }

    private QueryParams batchQuery(TranscriptionRequest request, String model) {
        QueryParams q = new QueryParams().set("model", model);
        String language = request.language().orElse(null);
        if (DeepgramLanguages.isDetect(language)) {
            q.set("detect_language", true);
        } else {
            q.set("language", DeepgramLanguages.toDeepgram(language));
        }
        q.set("punctuate", request.punctuate()).set("smart_format", request.punctuate());
        if (request.diarize()) {
            q.set("diarize", true);
        }
        keyterms(q, request.providerOptions());
        return q;
    }

    /** {@code keyterms} (our plural spelling) becomes Deepgram's repeated {@code keyterm}. */
    static void keyterms(QueryParams q, Map<String, Object> options) {
        Object terms = options.get("keyterms");
        if (terms != null) {
            q.putAll(Map.of("keyterm", terms));
        }
    }

    /** Maps a {@code /v1/listen} response body (channel 0, first alternative) to the common transcript. */
    static Transcript mapTranscript(JsonNode root, String headerRequestId, String requestedModel) {
        JsonNode metadata = root.path("metadata");
        String requestId = metadata.path("request_id").asString(headerRequestId);
        JsonNode channels = root.path("results").path("channels");
        if (!channels.isArray() || channels.isEmpty()) {
            throw new ProtocolException("the response has no results.channels", DeepgramSettings.PROVIDER,
                    requestId, null);
        }
        JsonNode channel = channels.get(0);
        JsonNode alternatives = channel.path("alternatives");
        if (!alternatives.isArray() || alternatives.isEmpty()) {
            throw new ProtocolException("the response has no alternatives", DeepgramSettings.PROVIDER, requestId,
                    null);
        }
        JsonNode best = alternatives.get(0);
        if (!best.path("transcript").isString()) {
            throw new ProtocolException("the alternative has no transcript", DeepgramSettings.PROVIDER, requestId,
                    null);
        }
        List<Word> words = DeepgramJson.words(best.path("words"), requestId);
        String language = DeepgramLanguages.fromDeepgram(channel.path("detected_language").asString(null));
        double duration = DeepgramJson.number(metadata.path("duration"), -1);
        return new Transcript(best.path("transcript").asString(), language, duration,
                DeepgramJson.number(best.path("confidence"), Double.NaN), words, DeepgramSettings.PROVIDER,
                modelName(metadata, requestedModel), requestId, new Usage(Math.max(0, duration)));
    }

    /** The model name from {@code metadata.model_info} (e.g. {@code general-nova-3}), else what was asked for. */
    private static String modelName(JsonNode metadata, String requested) {
        JsonNode info = metadata.path("model_info");
        if (info.isObject()) {
            for (JsonNode m : info) {
                String name = m.path("name").asString(null);
                if (name != null) {
                    return name;
                }
            }
        }
        return requested;
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        return HttpErrors.send(settings.httpClient(), request, HttpResponse.BodyHandlers.ofByteArray(), name());
    }

    // ---- live -----------------------------------------------------------------------------------------------

    /**
     * Opens {@code /v1/listen} on the WebSocket. Headerless PCM/µ-law/A-law go with {@code encoding},
     * {@code sample_rate} and {@code channels}; containers (WAV, Ogg, WebM) without. {@code endpointing} of zero
     * turns Deepgram's endpointing off; {@code utteranceEnd} asks for {@code UtteranceEnd} messages (Deepgram then
     * needs interim results, which are dropped here if the application did not want them); {@code vad_events} is
     * always on for {@link StreamEvent.SpeechStarted}. Without a language the server's default applies (Deepgram
     * does not detect languages on live streams; use {@code multi} for code-switching). Provider options are sent
     * as query parameters and win over the mapped ones.
     */
    @Override
    public SpeechStream openStream(StreamRequest request) {
        String model = request.model().orElse(settings.model());
        QueryParams q = new QueryParams().set("model", model);
        AudioFormat f = request.format();
        String encoding = ListenAudio.rawEncoding(f, true);
        if (encoding != null) {
            q.set("encoding", encoding).set("sample_rate", f.sampleRate()).set("channels", f.channels());
        }
        String language = request.language().orElse(null);
        if (!DeepgramLanguages.isDetect(language)) {
            q.set("language", DeepgramLanguages.toDeepgram(language));
        }
        q.set("punctuate", request.punctuate()).set("smart_format", request.punctuate());
        q.set("interim_results", request.interimResults());
        request.endpointing().ifPresent(d -> q.set("endpointing", d.isZero() ? "false" : Long.toString(d.toMillis())));
        request.utteranceEnd().ifPresent(d -> {
            q.set("utterance_end_ms", d.toMillis());
            q.set("interim_results", true); // Deepgram requires interim results for UtteranceEnd
        });
        q.set("vad_events", true);
        if (request.diarize()) {
            q.set("diarize", true);
        }
        keyterms(q, request.providerOptions());
        q.putAll(request.providerOptions());
        q.remove("keyterms");

        DeepgramSpeechStream stream = new DeepgramSpeechStream(request, settings.keepAliveInterval(), open::remove);
        open.add(stream);
        try {
            stream.begin(DeepgramWebSockets.connect(settings, LISTEN + q.toQuery(), stream.listener()));
        } catch (RuntimeException e) {
            open.remove(stream);
            throw e;
        }
        return stream;
    }

    @Override
    public void close() {
        for (DeepgramSpeechStream s : List.copyOf(open)) {
            s.cancel(StreamEvent.CloseReason.SHUTDOWN);
        }
    }

    @Override
    public String toString() {
        return "DeepgramSttProvider[" + settings + "]";
    }
}
