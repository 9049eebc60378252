package io.debabelizer.openai;

import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAI speech-to-text. Batch: {@code POST /audio/transcriptions} (or {@code /audio/translations} with the
 * provider option {@code translate=true}), long recordings split at silences. Live: raw PCM/G.711 streams go to the
 * Realtime API's transcription session; streams of a container format (WAV, MP3, ...) are uploaded whole at end of
 * input with {@code stream=true} and the server-sent deltas come back as interim results.
 */
final class OpenAiSttProvider implements SttProvider {

    private final OpenAiSettings settings;
    private final Set<SpeechStream> open = ConcurrentHashMap.newKeySet();

    OpenAiSttProvider(OpenAiSettings settings) {
        this.settings = settings;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return OpenAiProviderFactory.DESCRIPTOR;
    }

    // ---- batch ----------------------------------------------------------------------------------------------

    @Override
    public Transcript transcribe(TranscriptionRequest request) {
        AudioData audio = request.audio();
        if (audio.isEmpty()) {
            throw new InvalidInputException("the audio is empty", name(), null, null);
        }
        Map<String, Object> options = request.providerOptions();
        boolean translate = flag(options, "translate", false);
        String model = request.model().orElse(settings.model());
        AudioUpload upload = AudioUpload.of(audio);
        long limit = limit(options);
        double knownDuration = audio.format().isUncompressed() ? audio.durationSeconds() : -1;
        if (upload.bytes().length <= limit) {
            return call(request, model, translate, request.providerOptions()).execute(upload, knownDuration, null);
        }
        if (!flag(options, "split_long_audio", true)) {
            throw new InvalidInputException(String.format(Locale.ROOT, "the audio is %.1f MB, over the %.1f MB the "
                    + "OpenAI transcription API accepts; allow split_long_audio or send a shorter or more compressed "
                    + "recording", upload.bytes().length / 1048576.0, limit / 1048576.0), name(), null, null);
        }
        List<LongAudio.Piece> pieces = LongAudio.split(audio, limit);
        Map<String, Object> perPiece = new java.util.HashMap<>(options);
        perPiece.put("stream", false); // pieces are stitched as whole transcripts
        return LongAudio.transcribe(pieces, p -> call(request, model, translate, perPiece)
                .execute(AudioUpload.wav(p.wav()), p.durationSeconds(), null));
    }

    /** The form for one request: mapped fields, then provider options as they are (they win). */
    private TranscriptionCall call(TranscriptionRequest request, String model, boolean translate,
                                   Map<String, Object> options) {
        return call(request.language(), request.wordTimestamps(), model, translate, options);
    }

    private TranscriptionCall call(Optional<String> language, boolean wordTimestamps, String model,
                                   boolean translate, Map<String, Object> options) {
        TranscriptionCall call = new TranscriptionCall(settings, translate, model);
        String format = options.containsKey("response_format")
                ? String.valueOf(options.get("response_format")) : defaultFormat(model);
        call.responseFormat(format);
        if (!translate) {
            language.filter(l -> !OpenAiLanguages.isDetect(l))
                    .ifPresent(l -> call.field("language", OpenAiLanguages.toIso639_1(l)));
        }
        if (format.equals("verbose_json") && !translate && !options.containsKey("timestamp_granularities")) {
            call.field("timestamp_granularities[]", wordTimestamps ? List.of("word", "segment")
                    : List.of("segment"));
        }
        boolean stream = flag(options, "stream", false);
        call.stream(stream && !translate);
        for (Map.Entry<String, Object> o : options.entrySet()) {
            if (!TranscriptionCall.OWN_OPTIONS.contains(o.getKey()) && !o.getKey().equals("response_format")) {
                String key = o.getKey().equals("timestamp_granularities") ? "timestamp_granularities[]" : o.getKey();
                call.field(key, o.getValue());
            }
        }
        return call;
    }

    /**
     * verbose_json (language, duration, segments, word times) where the model offers it; the GPT-4o transcribe
     * family returns only json.
     */
    static String defaultFormat(String model) {
        return model.toLowerCase(Locale.ROOT).startsWith("gpt-") ? "json" : "verbose_json";
    }

    private static long limit(Map<String, Object> options) {
        Object v = options.get("max_upload_bytes");
        if (v == null) {
            return LongAudio.API_LIMIT_BYTES;
        }
        try {
            long n = v instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(v).trim());
            if (n < 4096) {
                throw TranscriptionCall.invalid("max_upload_bytes must be at least 4096, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw TranscriptionCall.invalid("max_upload_bytes is not a number: " + v);
        }
    }

    static boolean flag(Map<String, Object> options, String key, boolean fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return switch (String.valueOf(v).trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw TranscriptionCall.invalid(key + " must be true or false, got " + v);
        };
    }

    // ---- live -----------------------------------------------------------------------------------------------

    /**
     * Raw PCM (any rate and channel count; resampled to 24 kHz mono when it is not already) and G.711 µ-law/A-law go
     * to the Realtime API's transcription session. A stream in a container format (WAV, MP3, FLAC, Ogg, WebM, M4A)
     * cannot be transcribed incrementally by OpenAI: its bytes are collected and, at {@code endInput()}, uploaded to
     * {@code /audio/transcriptions} with {@code stream=true}; each {@code transcript.text.delta} becomes an
     * {@link StreamEvent.Interim} with the text so far and {@code transcript.text.done} the {@link StreamEvent.Final}.
     */
    @Override
    public SpeechStream openStream(StreamRequest request) {
        AudioFormat f = request.format();
        if (f.container() != Container.RAW) {
            String model = request.model().orElse(settings.realtimeModel());
            Map<String, Object> options = new java.util.HashMap<>(request.providerOptions());
            options.put("stream", true);
            options.put("response_format", "json"); // the only format with streamed events
            FileTranscriptionStream stream = new FileTranscriptionStream(request, open::remove,
                    () -> call(request.language(), false, model, false, options));
            open.add(stream);
            stream.begin();
            return stream;
        }
        RealtimeSpeechStream stream = new RealtimeSpeechStream(settings, request, open::remove);
        open.add(stream);
        try {
            stream.connect();
        } catch (RuntimeException e) {
            open.remove(stream);
            throw e;
        }
        return stream;
    }

    @Override
    public void close() {
        for (SpeechStream s : List.copyOf(open)) {
            s.cancel(StreamEvent.CloseReason.SHUTDOWN);
        }
    }

    @Override
    public String toString() {
        return "OpenAiSttProvider[" + settings + "]";
    }
}
