package io.debabelizer.deepgram;

import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Wav;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.spi.stream.HttpBodySynthesisStream;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Deepgram Aura text-to-speech: {@code POST /v1/speak} (whole or streamed as it arrives), the speak WebSocket for
 * text-in streaming, and the voice list from {@code GET /v1/models}.
 */
final class DeepgramTtsProvider implements TtsProvider {

    static final String SPEAK = "/v1/speak";
    static final String MODELS = "/v1/models";

    private final DeepgramSettings settings;
    private final Set<SynthesisStream> open = ConcurrentHashMap.newKeySet();

    DeepgramTtsProvider(DeepgramSettings settings) {
        this.settings = settings;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DeepgramProviderFactory.DESCRIPTOR;
    }

    /** The Aura model: the request's voice (Aura voices are models, e.g. aura-2-thalia-en), model, or default. */
    private String model(SynthesisRequest request) {
        return request.voice().or(request::model).orElse(settings.ttsModel());
    }

    private QueryParams query(SynthesisRequest request, SpeakFormat format) {
        QueryParams q = new QueryParams().set("model", model(request));
        format.addTo(q);
        if (request.speed() != 1.0) {
            q.set("speed", request.speed());
        }
        q.putAll(request.providerOptions());
        return q;
    }

    private HttpRequest speakRequest(SynthesisRequest request, SpeakFormat format) {
        if (request.text().isBlank()) {
            throw new InvalidInputException("the text is empty", name(), null, null);
        }
        if (request.isSsml()) {
            throw new InvalidInputException("Deepgram Aura does not take SSML; send plain text", name(), null, null);
        }
        return HttpRequest.newBuilder(settings.http(SPEAK + query(request, format).toQuery()))
                .timeout(settings.requestTimeout())
                .header("Authorization", settings.authorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DeepgramJson.write(Map.of("text", request.text()))))
                .build();
    }

    @Override
    public Synthesis synthesize(SynthesisRequest request) {
        SpeakFormat format = SpeakFormat.forRest(request.outputFormat().orElse(null));
        HttpResponse<byte[]> r = send(speakRequest(request, format), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
            throw DeepgramErrors.forResponse(r.statusCode(), r.headers(), r.body(), settings.apiKey());
        }
        String requestId = r.headers().firstValue(DeepgramErrors.REQUEST_ID_HEADER).orElse(null);
        byte[] audio = r.body();
        if (audio.length == 0) {
            throw new ProtocolException("Deepgram returned no audio", name(), requestId, null);
        }
        AudioFormat f = format.format();
        double seconds = -1;
        if (f.container() == Container.WAV) {
            if (audio.length < 12 || audio[0] != 'R' || audio[1] != 'I' || audio[2] != 'F' || audio[3] != 'F') {
                throw new ProtocolException("asked for WAV but the audio has no RIFF header", name(), requestId,
                        null);
            }
            try {
                seconds = Wav.read(audio).durationSeconds();
            } catch (DebabelizerException | IllegalArgumentException e) {
                throw new ProtocolException("Deepgram returned a WAV file that does not parse: " + e.getMessage(),
                        name(), requestId, e);
            }
        } else if (f.isUncompressed()) {
            seconds = (double) audio.length / f.bytesPerSecond();
        }
        int characters = r.headers().firstValue("dg-char-count").map(DeepgramTtsProvider::parseIntOrMinus)
                .filter(n -> n >= 0).orElse(request.text().length());
        return new Synthesis(AudioData.of(f, audio), seconds, model(request), name(),
                r.headers().firstValue("dg-model-name").orElse(model(request)), requestId, List.of(), characters);
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
        SpeakFormat format = SpeakFormat.forRest(request.outputFormat().orElse(null));
        long started = System.nanoTime();
        HttpResponse<InputStream> r = send(speakRequest(request, format), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() / 100 != 2) {
            throw DeepgramErrors.forResponse(r.statusCode(), r.headers(), HttpErrors.errorBody(r), settings.apiKey());
        }
        return HttpBodySynthesisStream.builder(DeepgramSettings.PROVIDER, format.format(), r.body())
                .requestId(r.headers().firstValue(DeepgramErrors.REQUEST_ID_HEADER).orElse(null))
                .stallTimeout(settings.requestTimeout())
                .requestStartNanos(started)
                .trackIn(open)
                .start();
    }

    @Override
    public TextToSpeechStream openTextStream(SynthesisRequest request) {
        if (request.isSsml()) {
            throw new InvalidInputException("Deepgram Aura does not take SSML; send plain text", name(), null, null);
        }
        SpeakFormat format = SpeakFormat.forWebSocket(request.outputFormat().orElse(null));
        QueryParams q = new QueryParams().set("model", model(request));
        format.addTo(q);
        if (request.speed() != 1.0) {
            q.set("speed", request.speed());
        }
        q.putAll(request.providerOptions());
        DeepgramTextStream stream = new DeepgramTextStream(format.format(), open::remove);
        open.add(stream);
        try {
            stream.begin(DeepgramWebSockets.connect(settings, SPEAK + q.toQuery(), stream.listener()));
        } catch (RuntimeException e) {
            open.remove(stream);
            throw e;
        }
        if (!request.text().isEmpty()) {
            stream.sendText(request.text());
        }
        return stream;
    }

    /** Aura voices from {@code GET /v1/models} (its {@code tts} list), ids being the model names to pass. */
    @Override
    public List<Voice> voices() {
        HttpRequest http = HttpRequest.newBuilder(settings.http(MODELS)).timeout(settings.requestTimeout())
                .header("Authorization", settings.authorization()).GET().build();
        HttpResponse<byte[]> r = send(http, HttpResponse.BodyHandlers.ofByteArray());
        String requestId = r.headers().firstValue(DeepgramErrors.REQUEST_ID_HEADER).orElse(null);
        if (r.statusCode() / 100 != 2) {
            throw DeepgramErrors.forResponse(r.statusCode(), r.headers(), r.body(), settings.apiKey());
        }
        JsonNode tts = DeepgramJson.parse(r.body(), requestId).path("tts");
        if (!tts.isArray()) {
            throw new ProtocolException("the model list has no 'tts' array", name(), requestId, null);
        }
        List<Voice> voices = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode m : tts) {
            String id = m.path("canonical_name").asString(null);
            if (id == null || id.isBlank()) {
                throw new ProtocolException("a TTS model without canonical_name: " + m, name(), requestId, null);
            }
            if (seen.add(id)) {
                voices.add(voice(id, m));
            }
        }
        return voices;
    }

    private Voice voice(String id, JsonNode m) {
        List<String> languages = new ArrayList<>();
        for (JsonNode l : m.path("languages")) {
            String tag = DeepgramLanguages.fromDeepgram(l.asString(null));
            if (tag != null && !languages.contains(tag)) {
                languages.add(tag);
            }
        }
        JsonNode meta = m.path("metadata");
        Voice.Gender gender = Voice.Gender.UNKNOWN;
        List<String> tags = new ArrayList<>();
        for (JsonNode t : meta.path("tags")) {
            String tag = t.asString("");
            tags.add(tag);
            // Aura voices are tagged "feminine"/"masculine" rather than given a gender field.
            switch (tag.toLowerCase(Locale.ROOT)) {
                case "feminine", "female" -> gender = Voice.Gender.FEMALE;
                case "masculine", "male" -> gender = Voice.Gender.MALE;
                default -> {
                }
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String key : List.of("architecture", "version", "uuid")) {
            if (m.path(key).isString()) {
                attributes.put(key, m.path(key).asString());
            }
        }
        for (String key : List.of("accent", "age", "color", "image", "sample")) {
            if (meta.path(key).isString()) {
                attributes.put(key, meta.path(key).asString());
            }
        }
        if (!tags.isEmpty()) {
            attributes.put("tags", String.join(",", tags));
        }
        List<String> useCases = new ArrayList<>();
        meta.path("use_cases").forEach(u -> useCases.add(u.asString("")));
        if (!useCases.isEmpty()) {
            attributes.put("use_cases", String.join(",", useCases));
        }
        String name = m.path("name").asString(id);
        String description = meta.path("accent").isString() ? meta.path("accent").asString() + " accent" : null;
        return new Voice(id, name.isEmpty() ? id : Character.toUpperCase(name.charAt(0)) + name.substring(1),
                languages, gender, description, name(), attributes);
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
        return "DeepgramTtsProvider[" + settings + "]";
    }
}
