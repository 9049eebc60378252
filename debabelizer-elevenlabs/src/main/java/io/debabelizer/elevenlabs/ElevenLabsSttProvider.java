package io.debabelizer.elevenlabs;

import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.audio.Wav;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.spi.http.MultipartBody;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Usage;
import io.debabelizer.stt.Word;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Scribe batch speech-to-text: {@code POST /v1/speech-to-text} (multipart) with word timings, speakers when
 * diarizing, and the detected language. Containers go as they are; bare 16 kHz mono PCM16 is declared with
 * {@code file_format=pcm_s16le_16}, other bare samples get a WAV header (samples untouched).
 *
 * <p>Provider options become form fields as given (lists as repeated fields), e.g. {@code num_speakers},
 * {@code tag_audio_events}, {@code diarization_threshold}, {@code temperature}, {@code seed}, {@code keyterms}.
 */
final class ElevenLabsSttProvider implements SttProvider {

    static final String PATH = "/v1/speech-to-text";

    private final ElevenLabsSettings settings;

    ElevenLabsSttProvider(ElevenLabsSettings settings) {
        this.settings = settings;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return ElevenLabsProviderFactory.DESCRIPTOR;
    }

    @Override
    public Transcript transcribe(TranscriptionRequest request) {
        AudioData audio = request.audio();
        if (audio.isEmpty()) {
            throw new InvalidInputException("the audio is empty", name(), null, null);
        }
        String model = request.model().orElse(settings.sttModel());
        MultipartBody form = new MultipartBody().field("model_id", model);
        AudioFormat f = audio.format();
        if (f.container() == Container.RAW) {
            if (f.encoding() == Encoding.UNKNOWN || !f.isUncompressed()) {
                throw new InvalidInputException("bare audio must be PCM or G.711 with a known format, not " + f,
                        name(), null, null);
            }
            if (f.equals(AudioFormat.pcm16(16000, 1))) {
                form.field("file_format", "pcm_s16le_16").file("file", "audio.pcm", "application/octet-stream",
                        audio.bytes());
            } else {
                form.file("file", "audio.wav", "audio/wav", Wav.write(f, audio.bytes()));
            }
        } else {
            form.file("file", "audio." + f.container().fileExtension(), f.container().mimeType(), audio.bytes());
        }
        request.language().ifPresent(l -> form.field("language_code", l.split("[-_]", 2)[0]
                .toLowerCase(Locale.ROOT)));
        form.field("diarize", Boolean.toString(request.diarize()));
        form.field("timestamps_granularity", request.wordTimestamps() ? "word" : "none");
        request.providerOptions().forEach((k, v) -> {
            if (v instanceof Iterable<?> items) {
                items.forEach(item -> form.field(k, String.valueOf(item)));
            } else {
                form.field(k, String.valueOf(v));
            }
        });
        HttpRequest http = HttpRequest.newBuilder(settings.http(PATH))
                .timeout(settings.requestTimeout())
                .header(ElevenLabsSettings.API_KEY_HEADER, settings.apiKey().reveal())
                .header("Content-Type", form.contentType())
                .POST(form.publisher())
                .build();
        HttpResponse<byte[]> r = HttpErrors.send(settings.httpClient(), http, HttpResponse.BodyHandlers.ofByteArray(),
                name());
        String requestId = r.headers().firstValue(ElevenLabsErrors.REQUEST_ID_HEADER).orElse(null);
        if (r.statusCode() / 100 != 2) {
            throw ElevenLabsErrors.forResponse(r.statusCode(), r.headers(), r.body(), settings.apiKey());
        }
        JsonNode n = ElevenLabsJson.parse(r.body(), requestId);
        if (!n.isObject()) {
            throw new ProtocolException("expected a transcript object", name(), requestId, null);
        }
        if (n.has("transcripts")) {
            throw new ProtocolException("a multichannel result; transcribe one channel at a time", name(),
                    requestId, null);
        }
        if (!n.path("text").isString()) {
            throw new ProtocolException("the transcript has no text", name(), requestId, null);
        }
        if (requestId == null) {
            requestId = n.path("transcription_id").asString(null);
        }
        List<Word> words = words(n.path("words"), requestId);
        double duration = n.path("audio_duration_secs").isNumber() ? n.path("audio_duration_secs").asDouble()
                : audio.durationSeconds();
        double confidence = words.isEmpty() ? Double.NaN
                : words.stream().mapToDouble(Word::confidence).filter(c -> !Double.isNaN(c)).average()
                        .orElse(Double.NaN);
        return new Transcript(n.path("text").asString().strip(), language(n.path("language_code").asString(null)),
                duration, confidence, words, name(), model, requestId, duration > 0 ? new Usage(duration) : Usage.NONE);
    }

    /** Words of the response: {@code type: word} entries (spacing and audio events left out). */
    static List<Word> words(JsonNode array, String requestId) {
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new ProtocolException("'words' is not an array", ElevenLabsSettings.PROVIDER, requestId, null);
        }
        List<Word> words = new ArrayList<>();
        for (JsonNode w : array) {
            if (!"word".equals(w.path("type").asString("word"))) {
                continue;
            }
            String text = w.path("text").asString(null);
            if (text == null) {
                throw new ProtocolException("a word without text: " + w, ElevenLabsSettings.PROVIDER, requestId,
                        null);
            }
            String punctuated = text.strip();
            if (punctuated.isEmpty()) {
                continue;
            }
            double start = w.path("start").isNumber() ? w.path("start").asDouble() : Double.NaN;
            double end = w.path("end").isNumber() ? w.path("end").asDouble() : start;
            if (Double.isNaN(start)) {
                start = words.isEmpty() ? 0 : words.getLast().end();
                end = Double.isNaN(end) ? start : end;
            }
            JsonNode logprob = w.path("logprob");
            double confidence = logprob.isNumber() ? Math.exp(Math.min(0, logprob.asDouble())) : Double.NaN;
            String bare = punctuated.replaceAll("^[\\p{Punct}¿¡«»“”‘’]+|[\\p{Punct}¿¡«»“”‘’]+$", "");
            try {
                words.add(new Word((bare.isEmpty() ? punctuated : bare).toLowerCase(Locale.ROOT), punctuated, start,
                        Math.max(start, end), confidence, w.path("speaker_id").asString(null)));
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("malformed word " + w, ElevenLabsSettings.PROVIDER, requestId, e);
            }
        }
        return words;
    }

    private static final Map<String, String> ISO3_TO_ISO1 = new HashMap<>();

    static {
        for (String two : Locale.getISOLanguages()) {
            try {
                ISO3_TO_ISO1.putIfAbsent(Locale.of(two).getISO3Language(), two);
            } catch (java.util.MissingResourceException ignored) {
                // no three-letter code known for it
            }
        }
    }

    /** Scribe reports ISO 639-3 ({@code eng}) or 639-1 codes; the API speaks BCP-47, so three letters become two. */
    static String language(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String c = code.strip().toLowerCase(Locale.ROOT);
        return c.length() == 3 ? ISO3_TO_ISO1.getOrDefault(c, c) : c;
    }

    @Override
    public String toString() {
        return "ElevenLabsSttProvider[" + settings + "]";
    }
}
