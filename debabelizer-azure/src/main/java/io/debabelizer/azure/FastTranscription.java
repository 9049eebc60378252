package io.debabelizer.azure;

import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Wav;
import io.debabelizer.spi.http.MultipartBody;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Usage;
import io.debabelizer.stt.Word;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The fast transcription API ({@code POST /speechtotext/transcriptions:transcribe}, GA {@code 2024-11-15}) for
 * recordings of any length up to 2 h: a multipart upload of the file ({@code audio}) and a JSON
 * {@code definition} (locales, profanity filter, diarization, phrase list). Several or no locales let Azure
 * identify the language. Times in the answer are milliseconds.
 */
final class FastTranscription {

    static final String PATH = "/speechtotext/transcriptions:transcribe";
    static final String API_VERSION = "2024-11-15";
    /** Speakers to tell apart when the request diarizes and names no limit (Azure allows 2–35). */
    static final int DEFAULT_MAX_SPEAKERS = 10;

    private final AzureSettings settings;
    private final AzureHttp http;

    FastTranscription(AzureSettings settings, AzureHttp http) {
        this.settings = settings;
        this.http = http;
    }

    Transcript transcribe(TranscriptionRequest request) {
        AudioData audio = request.audio();
        AudioFormat f = audio.format();
        // Headerless samples need a container to be understood; containers go as they are.
        byte[] file = f.container() == Container.RAW ? Wav.write(audio) : audio.bytes();
        String extension = f.container() == Container.RAW ? "wav" : f.container().fileExtension();
        String mime = f.container() == Container.RAW ? Container.WAV.mimeType() : f.container().mimeType();
        MultipartBody body = new MultipartBody()
                .file("audio", "audio." + extension, mime, file)
                .field("definition", AzureJson.write(definition(request, settings)));
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(settings.endpoints()
                        .api(PATH + new Query().set("api-version", API_VERSION)))
                .header("Content-Type", body.contentType())
                .header("Accept", "application/json")
                .POST(body.publisher()));
        String requestId = AzureErrors.requestId(r.headers());
        return map(AzureJson.parse(r.body(), requestId), requestId, request.model().orElse(null));
    }

    /** The {@code definition} part: what to recognise and how. */
    static Map<String, Object> definition(TranscriptionRequest request, AzureSettings settings) {
        Map<String, Object> options = request.providerOptions();
        Map<String, Object> d = new LinkedHashMap<>();
        String language = request.language().orElse(null);
        List<String> locales = AzureLocales.isDetect(language)
                ? AzureOptions.candidateLanguages(options, settings) : List.of(AzureLocales.toLocale(language));
        if (!locales.isEmpty()) {
            d.put("locales", locales); // omitted: Azure detects the language on its own
        }
        d.put("profanityFilterMode", switch (AzureOptions.profanity(options, settings, true)) {
            case "raw" -> "None";
            case "removed" -> "Removed";
            case "tags" -> "Tags";
            default -> "Masked";
        });
        if (request.diarize()) {
            Integer max = AzureOptions.integer(options, "max_speakers");
            int speakers = max == null ? DEFAULT_MAX_SPEAKERS : max;
            if (speakers < 2 || speakers > 35) {
                throw new InvalidInputException("max_speakers must be 2 to 35, not " + speakers,
                        AzureSettings.PROVIDER, null, null);
            }
            d.put("diarization", Map.of("enabled", true, "maxSpeakers", speakers));
        }
        List<String> phrases = AzureOptions.list(options, "phrases");
        if (!phrases.isEmpty()) {
            d.put("phraseList", Map.of("phrases", phrases));
        }
        return d;
    }

    /**
     * Maps the answer: the text of {@code combinedPhrases} (channel 0 or the first), words of every phrase in time
     * order with the phrase's speaker, the first phrase's locale as the language, the mean phrase confidence.
     */
    static Transcript map(JsonNode root, String requestId, String model) {
        JsonNode combined = root.path("combinedPhrases");
        JsonNode phrases = root.path("phrases");
        if (!combined.isArray() || !phrases.isArray()) {
            throw new ProtocolException("the answer has no combinedPhrases/phrases", AzureSettings.PROVIDER,
                    requestId, null);
        }
        String text = combined.isEmpty() ? "" : combined.get(0).path("text").asString("");
        List<Word> words = new ArrayList<>();
        String language = null;
        double confidenceSum = 0;
        int confidences = 0;
        for (JsonNode phrase : phrases) {
            JsonNode speakerNode = phrase.path("speaker");
            String speaker = speakerNode.isNumber() || speakerNode.isString() ? speakerNode.asString() : null;
            if (language == null) {
                language = phrase.path("locale").asString(null);
            }
            if (phrase.path("confidence").isNumber()) {
                confidenceSum += phrase.path("confidence").asDouble();
                confidences++;
            }
            words.addAll(words(phrase, speaker, requestId));
        }
        double duration = AzureJson.millisToSeconds(root.path("durationMilliseconds"), requestId);
        return new Transcript(text, language, root.has("durationMilliseconds") ? duration : -1,
                confidences == 0 ? Double.NaN : confidenceSum / confidences, words, AzureSettings.PROVIDER, model,
                requestId, new Usage(duration));
    }

    /** A phrase's words, punctuated from the phrase's display text. */
    private static List<Word> words(JsonNode phrase, String speaker, String requestId) {
        JsonNode array = phrase.path("words");
        if (!array.isArray()) {
            return List.of();
        }
        List<String> bare = new ArrayList<>();
        array.forEach(w -> bare.add(w.path("text").asString("")));
        List<String> punctuated = RecognizedPhrase.align(bare,
                List.of(phrase.path("text").asString("").strip().split("\\s+")));
        List<Word> out = new ArrayList<>(bare.size());
        int i = 0;
        for (JsonNode w : array) {
            if (!w.path("text").isString()) {
                throw new ProtocolException("a word without text: " + w, AzureSettings.PROVIDER, requestId, null);
            }
            double start = AzureJson.millisToSeconds(w.path("offsetMilliseconds"), requestId);
            double end = start + AzureJson.millisToSeconds(w.path("durationMilliseconds"), requestId);
            out.add(new Word(bare.get(i), punctuated.get(i), start, end,
                    AzureJson.number(w.path("confidence"), Double.NaN), speaker));
            i++;
        }
        return out;
    }
}
