package io.debabelizer.openai;

import io.debabelizer.testkit.fake.FrontDoor;
import io.debabelizer.testkit.fake.MultipartForm;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.Fault;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.SttProviderFake;
import io.debabelizer.testkit.TtsProviderFake;
import io.debabelizer.testkit.fake.FakeHttpServer;
import io.debabelizer.testkit.fake.FakeResponse;
import io.debabelizer.testkit.fake.FakeWebSocketServer;
import io.debabelizer.testkit.fake.Json;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import io.debabelizer.testkit.fake.WsConnection;
import io.debabelizer.testkit.fake.WsMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback OpenAI: {@code /audio/transcriptions}, {@code /audio/translations}, {@code /audio/speech} and the
 * Realtime transcription WebSocket on one port under a base path ({@code /v1} by default, any prefix for
 * OpenAI-compatible servers). Strict like the real API: the bearer key (and organization/project headers when
 * required), multipart fields and their values, JSON bodies, the Realtime message order (session.update first,
 * appends only afterwards, no empty commits). Every answer carries {@code x-request-id}. Faults: the kit's, plus
 * truncated speech audio, speech that starts and then stalls, and a Realtime socket that connects and never speaks.
 */
final class OpenAiFake implements SttProviderFake, TtsProviderFake {

    static final Set<String> FILE_EXTENSIONS = Set.of("flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "wav",
            "webm");
    private static final Set<String> TRANSCRIPTION_FIELDS = Set.of("file", "model", "language", "prompt",
            "response_format", "temperature", "timestamp_granularities[]", "stream", "chunking_strategy", "include[]",
            "known_speaker_names[]", "known_speaker_references[]");
    private static final Set<String> TRANSLATION_FIELDS = Set.of("file", "model", "prompt", "response_format",
            "temperature");
    private static final Set<String> FORMATS = Set.of("json", "text", "srt", "verbose_json", "vtt", "diarized_json");
    private static final Set<String> SPEECH_FIELDS = Set.of("model", "input", "voice", "instructions",
            "response_format", "speed", "stream_format");
    private static final Set<String> SPEECH_FORMATS = Set.of("mp3", "opus", "aac", "flac", "wav", "pcm");
    static final long UPLOAD_LIMIT = 25L * 1024 * 1024;

    /** Faults beyond the kit's. */
    enum ExtraFault {
        /** Speech: the audio announced in full, half of it sent, then the connection closed. */
        TRUNCATED_AUDIO,
        /** Speech: headers and a first chunk, then nothing at all. */
        STALLED_AUDIO,
        /** Realtime: the upgrade succeeds, then the server never sends a message. */
        SILENT_SOCKET,
        /** Realtime: after the first audio, an {@code error} event that leaves the session open. */
        INVALID_EVENT_ERROR,
        /** Realtime: the first commit's item ends with {@code ...transcription.failed}. */
        TRANSCRIPTION_FAILED;

        boolean realtime() {
            return this == SILENT_SOCKET || this == INVALID_EVENT_ERROR || this == TRANSCRIPTION_FAILED;
        }
    }

    private final String apiKey;
    private final String prefix;
    private final FakeHttpServer http = FakeHttpServer.start();
    private final FakeWebSocketServer ws = FakeWebSocketServer.start();
    private final FrontDoor door = new FrontDoor(http.port(), ws.port());
    private final AtomicReference<Object> pendingFault = new AtomicReference<>();
    private final Map<RecordedRequest, Object> upgradeFaults = Collections.synchronizedMap(new IdentityHashMap<>());
    private final AtomicReference<ByteArrayOutputStream> latestAudio =
            new AtomicReference<>(new ByteArrayOutputStream());
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<List<String>> realtimeLogs = new CopyOnWriteArrayList<>();
    private final List<List<MultipartForm.Part>> forms = new CopyOnWriteArrayList<>();
    private final List<JsonNode> speechBodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile ScriptedTranscript script = ScriptedTranscript.EMPTY;
    private volatile String translation;
    private volatile boolean consecutivePieces;
    private volatile double piecesOffset;
    private volatile long uploadLimit = UPLOAD_LIMIT;
    private volatile String organization;
    private volatile String project;

    private OpenAiFake(String apiKey, String prefix) {
        this.apiKey = apiKey;
        this.prefix = prefix;
        http.requireHeader("Authorization", "Bearer " + apiKey, invalidKey());
        http.route("POST", prefix + "/audio/transcriptions", r -> guarded(r, false, () -> transcribe(r, false)));
        http.route("POST", prefix + "/audio/translations", r -> guarded(r, false, () -> transcribe(r, true)));
        http.route("POST", prefix + "/audio/speech", r -> guarded(r, true, () -> speech(r)));
        ws.beforeUpgrade(req -> req.header("Authorization").map(("Bearer " + apiKey)::equals).orElse(false) ? null
                : invalidKey());
        ws.beforeUpgrade(this::checkHeaders);
        ws.beforeUpgrade(this::upgradeFault);
        ws.beforeUpgrade(req -> "transcription".equals(req.queryParam("intent").orElse(null)) ? null
                : error(400, "invalid_request_error", "invalid_intent",
                        "this fake serves transcription sessions only (?intent=transcription)", "intent"));
        ws.route(prefix + "/realtime", this::realtime);
    }

    static OpenAiFake start(String apiKey) {
        return new OpenAiFake(apiKey, "/v1");
    }

    /** A compatible server under another path, e.g. {@code /proxy/openai/v1}. */
    static OpenAiFake start(String apiKey, String prefix) {
        return new OpenAiFake(apiKey, prefix);
    }

    /** The base URL as {@code OPENAI_BASE_URL} spells it: {@code http://127.0.0.1:<port>/v1}. */
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + door.port() + prefix);
    }

    FakeHttpServer http() {
        return http;
    }

    FakeWebSocketServer webSocket() {
        return ws;
    }

    /** Requests must also carry these {@code OpenAI-Organization} / {@code OpenAI-Project} headers. */
    OpenAiFake requireOrganization(String organization, String project) {
        this.organization = organization;
        this.project = project;
        return this;
    }

    /** What {@code /audio/translations} answers (default: the scripted text). */
    OpenAiFake willTranslate(String english) {
        this.translation = english;
        return this;
    }

    /**
     * Treat consecutive uploads as consecutive pieces of the scripted recording: each answers with the words
     * starting within it, timed from the piece's start.
     */
    OpenAiFake consecutivePieces(boolean on) {
        this.consecutivePieces = on;
        this.piecesOffset = 0;
        return this;
    }

    /** Uploads above this size get 413 (the real limit is 25 MB). */
    OpenAiFake uploadLimit(long bytes) {
        this.uploadLimit = bytes;
        return this;
    }

    void willFail(ExtraFault fault) {
        pendingFault.set(fault);
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    /** Per Realtime connection, the client's event types in order ({@code append:<bytes>} for audio). */
    List<List<String>> realtimeLogs() {
        return realtimeLogs.stream().map(List::copyOf).toList(); // a connection may still be appending
    }

    /** The multipart forms of transcription/translation requests, in order. */
    List<List<MultipartForm.Part>> forms() {
        return List.copyOf(forms);
    }

    List<JsonNode> speechBodies() {
        return List.copyOf(speechBodies);
    }

    // ---- kit hooks ------------------------------------------------------------------------------------------

    @Override
    public void willTranscribe(String text, List<Word> words) {
        script = new ScriptedTranscript(text, words);
    }

    @Override
    public void willFail(Fault fault) {
        pendingFault.set(fault);
    }

    @Override
    public byte[] receivedAudioBytes() {
        ByteArrayOutputStream b = latestAudio.get();
        synchronized (b) {
            return b.toByteArray();
        }
    }

    @Override
    public List<String> receivedTexts() {
        return List.copyOf(texts);
    }

    @Override
    public void close() {
        door.close();
        ws.close();
        http.close();
    }

    // ---- errors ---------------------------------------------------------------------------------------------

    private String nextId(String kind) {
        return kind + "_" + String.format(Locale.ROOT, "%08d", ids.incrementAndGet());
    }

    static FakeResponse error(int status, String type, String code, String message, String param) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        e.put("type", type);
        e.put("param", param);
        e.put("code", code);
        return FakeResponse.json(status, Json.write(Map.of("error", e)));
    }

    static FakeResponse invalidKey() {
        return error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided: sk-abc***def. "
                + "You can find your API key at https://platform.openai.com/account/api-keys.", null);
    }

    private static FakeResponse badRequest(String message, String param) {
        return error(400, "invalid_request_error", "invalid_value", message, param);
    }

    private FakeResponse checkHeaders(RecordedRequest r) {
        if (organization != null && !r.header("OpenAI-Organization").map(organization::equals).orElse(false)) {
            return error(401, "invalid_request_error", "invalid_organization", "No such organization", null);
        }
        if (project != null && !r.header("OpenAI-Project").map(project::equals).orElse(false)) {
            return error(401, "invalid_request_error", "invalid_project", "No such project", null);
        }
        return null;
    }

    /** Runs a REST handler after the header checks and any pending fault; tags every answer with a request id. */
    private FakeResponse guarded(RecordedRequest r, boolean speech, Callable<FakeResponse> handler)
            throws Exception {
        FakeResponse answer = checkHeaders(r);
        if (answer == null) {
            Object fault = pendingFault.getAndUpdate(f -> f instanceof Fault || speech && f instanceof ExtraFault e
                    && !e.realtime() ? null : f);
            if (fault instanceof Fault f) {
                answer = restFault(f);
            } else {
                answer = handler.call();
                if (fault instanceof ExtraFault e && speech && !e.realtime()
                        && answer.statusCode() == 200) {
                    answer = speechFault(e, r);
                }
            }
        }
        return answer.withHeader("x-request-id", nextId("req"));
    }

    private static FakeResponse restFault(Fault f) {
        return switch (f) {
            case Fault.Unauthorized u -> invalidKey();
            case Fault.RateLimited rl -> error(429, "requests", "rate_limit_exceeded", "Rate limit reached for "
                    + "requests per min (RPM): Limit 50, Used 50, Requested 1.", null)
                    .withHeader("Retry-After", Long.toString((rl.retryAfter().toMillis() + 999) / 1000));
            case Fault.ServerError s -> error(s.status(), "server_error", null, "The server had an error while "
                    + "processing your request. Sorry about that!", null);
            case Fault.MalformedPayload m -> FakeResponse.json(200, "{\"text\": \"unterminated");
            case Fault.Hang h -> FakeResponse.hang();
            case Fault.DropConnection d -> FakeResponse.dropConnection();
        };
    }

    private FakeResponse speechFault(ExtraFault fault, RecordedRequest r) {
        byte[] audio = speechAudio(speechBodies.getLast().path("response_format").asString("mp3"));
        return switch (fault) {
            case TRUNCATED_AUDIO -> FakeResponse.truncatedBody(200, "application/octet-stream", audio,
                    audio.length / 2);
            case STALLED_AUDIO -> FakeResponse.streamed(200, "application/octet-stream", body -> {
                body.write(java.util.Arrays.copyOf(audio, 1024));
                body.pause(Duration.ofMinutes(5));
            });
            default -> throw new IllegalStateException("not a REST fault: " + fault);
        };
    }

    // ---- transcriptions and translations --------------------------------------------------------------------

    private FakeResponse transcribe(RecordedRequest r, boolean translate) {
        List<MultipartForm.Part> parts;
        try {
            parts = MultipartForm.parse(r.header("Content-Type").orElse(null), r.body());
        } catch (IllegalArgumentException e) {
            violations.add("multipart: " + e.getMessage());
            return badRequest("Could not parse multipart form: " + e.getMessage(), null);
        }
        forms.add(parts);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        MultipartForm.Part file = null;
        for (MultipartForm.Part p : parts) {
            if (!(translate ? TRANSLATION_FIELDS : TRANSCRIPTION_FIELDS).contains(p.name())) {
                violations.add("unknown field " + p.name());
                return error(400, "invalid_request_error", "unknown_parameter", "Unrecognized request argument "
                        + "supplied: " + p.name(), p.name());
            }
            if (p.name().equals("file")) {
                if (file != null) {
                    return badRequest("only one file may be sent", "file");
                }
                file = p;
            } else {
                if (p.filename() != null) {
                    return badRequest("'" + p.name() + "' must be a text field", p.name());
                }
                fields.computeIfAbsent(p.name(), k -> new ArrayList<>())
                        .add(new String(p.content(), StandardCharsets.UTF_8));
            }
        }
        if (file == null || file.filename() == null || file.contentType() == null) {
            violations.add("file part missing, or without filename or content type");
            return badRequest("you must provide a file with a filename and a content type", "file");
        }
        String extension = file.filename().contains(".")
                ? file.filename().substring(file.filename().lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (!FILE_EXTENSIONS.contains(extension)) {
            return badRequest("Invalid file format. Supported formats: " + FILE_EXTENSIONS, "file");
        }
        if (file.content().length > uploadLimit) {
            return error(413, "invalid_request_error", "file_too_large", "Maximum content size limit ("
                    + uploadLimit + ") exceeded (" + file.content().length + " bytes read)", "file");
        }
        String model = single(fields, "model");
        if (model == null || model.isBlank()) {
            return badRequest("you must provide a model parameter", "model");
        }
        boolean gpt = model.startsWith("gpt-");
        if (translate && !model.equals("whisper-1")) {
            return badRequest("translations support whisper-1 only", "model");
        }
        String format = single(fields, "response_format");
        format = format == null ? "json" : format;
        if (!FORMATS.contains(format) || translate && format.equals("diarized_json")) {
            return badRequest("invalid response_format " + format, "response_format");
        }
        if (gpt && !format.equals("json")) {
            return badRequest("response_format '" + format + "' is not compatible with model '" + model
                    + "'. Use 'json' or 'text' instead.", "response_format");
        }
        String language = single(fields, "language");
        if (language != null && !language.matches("[a-z]{2}")) {
            return badRequest("Invalid language '" + language + "'. Language parameter must be specified in "
                    + "ISO-639-1 format.", "language");
        }
        String temperature = single(fields, "temperature");
        if (temperature != null) {
            double t = Double.parseDouble(temperature);
            if (t < 0 || t > 1) {
                return badRequest("temperature must be within [0, 1]", "temperature");
            }
        }
        List<String> granularities = fields.getOrDefault("timestamp_granularities[]", List.of());
        if (!granularities.isEmpty() && !format.equals("verbose_json")) {
            return badRequest("timestamp_granularities requires response_format=verbose_json",
                    "timestamp_granularities");
        }
        for (String g : granularities) {
            if (!g.equals("word") && !g.equals("segment")) {
                return badRequest("invalid timestamp granularity " + g, "timestamp_granularities");
            }
        }
        String stream = single(fields, "stream");
        if (stream != null && !stream.equals("true") && !stream.equals("false")) {
            return badRequest("stream must be a boolean", "stream");
        }

        double duration;
        try {
            duration = audioDuration(file, extension);
        } catch (RuntimeException e) {
            violations.add("undecodable " + extension + " upload: " + e.getMessage());
            return badRequest("Audio file might be corrupted or unsupported", "file");
        }
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        received.writeBytes(file.content());
        latestAudio.set(received);
        List<Word> words = wordsFor(duration);
        String text = translate && translation != null ? translation : ScriptedTranscript.join(words);
        if ("true".equals(stream) && !model.equals("whisper-1")) {
            return sse(words, text);
        }
        return switch (format) {
            case "text" -> FakeResponse.text(200, text + "\n");
            case "srt", "vtt" -> FakeResponse.text(200, subtitles(words, format.equals("vtt")));
            case "verbose_json" -> FakeResponse.json(200, verbose(words, text, duration, translate,
                    granularities.contains("word")));
            default -> FakeResponse.json(200, json(text, duration, gpt));
        };
    }

    private static String single(Map<String, List<String>> fields, String name) {
        List<String> v = fields.get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    /** Seconds of a WAV upload (its samples must parse); other containers count as the scripted length. */
    private double audioDuration(MultipartForm.Part file, String extension) {
        if (extension.equals("wav")) {
            return io.debabelizer.audio.Wav.read(file.content()).durationSeconds(); // must parse, as OpenAI decodes it
        }
        List<Word> w = script.words();
        return w.isEmpty() ? 1 : w.getLast().end() + 0.5;
    }

    /** The scripted words, or in piece mode those starting within the next piece, timed from its start. */
    private List<Word> wordsFor(double duration) {
        if (!consecutivePieces) {
            return script.words();
        }
        double from = piecesOffset;
        double to = from + duration;
        piecesOffset = to;
        return script.words().stream().filter(w -> w.start() >= from && w.start() < to)
                .map(w -> w.shifted(-from)).toList();
    }

    private static String bare(Word w) {
        return w.punctuated().replaceAll("[\\p{Punct}&&[^'-]]", "");
    }

    private static ObjectNode usage(double seconds, boolean tokens) {
        ObjectNode u = Json.object();
        if (tokens) {
            u.put("type", "tokens").put("input_tokens", 14).put("output_tokens", 45).put("total_tokens", 59);
            u.putObject("input_token_details").put("text_tokens", 0).put("audio_tokens", 14);
        } else {
            u.put("type", "duration").put("seconds", Math.ceil(seconds));
        }
        return u;
    }

    private static String json(String text, double duration, boolean tokens) {
        ObjectNode n = Json.object().put("text", text);
        n.set("usage", usage(duration, tokens));
        return Json.write(n);
    }

    private static String verbose(List<Word> words, String text, double duration, boolean translate,
                                  boolean withWords) {
        ObjectNode n = Json.object().put("task", translate ? "translate" : "transcribe").put("language", "english")
                .put("duration", duration).put("text", " " + text);
        ArrayNode segments = n.putArray("segments");
        int id = 0;
        for (List<Word> seg : segments(words)) {
            segments.addObject().put("id", id++).put("seek", 0).put("start", seg.getFirst().start())
                    .put("end", seg.getLast().end()).put("text", " " + ScriptedTranscript.join(seg))
                    .put("temperature", 0.0).put("avg_logprob", -0.28).put("compression_ratio", 1.2)
                    .put("no_speech_prob", 0.01).putArray("tokens").add(50364);
        }
        if (withWords) {
            ArrayNode a = n.putArray("words");
            for (Word w : words) {
                a.addObject().put("word", bare(w)).put("start", w.start()).put("end", w.end());
            }
        }
        n.set("usage", usage(duration, false));
        return Json.write(n);
    }

    /** Segments split at pauses of 0.3 s or more. */
    static List<List<Word>> segments(List<Word> words) {
        List<List<Word>> out = new ArrayList<>();
        List<Word> current = new ArrayList<>();
        for (Word w : words) {
            if (!current.isEmpty() && w.start() - current.getLast().end() >= 0.3) {
                out.add(current);
                current = new ArrayList<>();
            }
            current.add(w);
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static String subtitles(List<Word> words, boolean vtt) {
        StringBuilder sb = new StringBuilder(vtt ? "WEBVTT\n\n" : "");
        int n = 1;
        for (List<Word> seg : segments(words)) {
            if (!vtt) {
                sb.append(n).append('\n');
            }
            n++;
            sb.append(stamp(seg.getFirst().start(), vtt)).append(" --> ").append(stamp(seg.getLast().end(), vtt))
                    .append('\n').append(ScriptedTranscript.join(seg)).append("\n\n");
        }
        return sb.toString();
    }

    private static String stamp(double seconds, boolean vtt) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%s%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                vtt ? "." : ",", ms % 1000);
    }

    private static FakeResponse sse(List<Word> words, String text) {
        return FakeResponse.eventStream(body -> {
            for (int i = 0; i < words.size(); i++) {
                body.event(null, Json.write(Map.of("type", "transcript.text.delta", "delta",
                        (i == 0 ? "" : " ") + words.get(i).punctuated())));
            }
            ObjectNode done = Json.object().put("type", "transcript.text.done").put("text", text);
            done.set("usage", usage(0, true));
            body.event(null, Json.write(done));
        });
    }

    // ---- speech ---------------------------------------------------------------------------------------------

    private FakeResponse speech(RecordedRequest r) {
        if (!r.header("Content-Type").orElse("").startsWith("application/json")) {
            return badRequest("Content-Type must be application/json", null);
        }
        JsonNode body;
        try {
            body = Json.parse(r.body());
        } catch (RuntimeException e) {
            violations.add("speech body is not JSON");
            return badRequest("We could not parse the JSON body of your request.", null);
        }
        for (String name : body.propertyNames()) {
            if (!SPEECH_FIELDS.contains(name)) {
                violations.add("unknown speech field " + name);
                return error(400, "invalid_request_error", "unknown_parameter", "Unrecognized request argument "
                        + "supplied: " + name, name);
            }
        }
        String model = body.path("model").asString(null);
        String input = body.path("input").asString(null);
        JsonNode voice = body.path("voice");
        if (model == null || input == null || input.isEmpty() || voice.isMissingNode()) {
            return badRequest("model, input and voice are required", null);
        }
        if (input.length() > 4096) {
            return badRequest("input is longer than 4096 characters", "input");
        }
        boolean tts1 = model.equals("tts-1") || model.equals("tts-1-hd");
        if (voice.isString() ? !OpenAiVoices.ALL.contains(voice.asString())
                : !voice.path("id").asString("").startsWith("voice_")) {
            return badRequest("Invalid voice " + voice, "voice");
        }
        if (tts1 && body.has("instructions")) {
            return badRequest("instructions are not supported by " + model, "instructions");
        }
        String format = body.path("response_format").asString("mp3");
        if (!SPEECH_FORMATS.contains(format)) {
            return badRequest("Invalid response_format " + format, "response_format");
        }
        if (body.has("speed") && (!body.path("speed").isNumber() || body.path("speed").asDouble() < 0.25
                || body.path("speed").asDouble() > 4.0)) {
            return badRequest("speed must be within [0.25, 4.0]", "speed");
        }
        speechBodies.add(body);
        texts.add(input);
        byte[] audio = speechAudio(format);
        // Real speech arrives in pieces as it is generated: several chunks with pauses between them.
        return FakeResponse.streamed(200, "application/octet-stream", out -> {
            int step = Math.max(1, audio.length / 5);
            for (int off = 0; off < audio.length; off += step) {
                out.write(java.util.Arrays.copyOfRange(audio, off, Math.min(audio.length, off + step)));
                out.pause(Duration.ofMillis(5));
            }
        });
    }

    /** Half a second of a tone in the response format (placeholder frames for the compressed ones). */
    static byte[] speechAudio(String format) {
        byte[] pcm = TestAudio.tone(440, 0.5, 24_000);
        return switch (format) {
            case "pcm" -> pcm;
            case "wav" -> {
                // Streamed WAV: the sizes are not known when the header goes out.
                byte[] wav = TestAudio.toWav(pcm, 24_000, 1);
                for (int at : new int[] {4, 40}) {
                    wav[at] = wav[at + 1] = wav[at + 2] = wav[at + 3] = (byte) 0xFF;
                }
                yield wav;
            }
            case "mp3" -> withMagic(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0}, 6000);
            case "opus" -> withMagic("OggS".getBytes(StandardCharsets.US_ASCII), 6000);
            case "flac" -> withMagic("fLaC".getBytes(StandardCharsets.US_ASCII), 6000);
            default -> withMagic(new byte[] {(byte) 0xFF, (byte) 0xF1}, 6000);
        };
    }

    private static byte[] withMagic(byte[] magic, int length) {
        byte[] b = new byte[length];
        System.arraycopy(magic, 0, b, 0, magic.length);
        for (int i = magic.length; i < length; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    // ---- Realtime ---------------------------------------------------------------------------------------------

    private FakeResponse upgradeFault(RecordedRequest r) {
        Object f = pendingFault.getAndSet(null);
        if (f == null) {
            return null;
        }
        FakeResponse answer = switch (f) {
            case Fault.Unauthorized u -> invalidKey();
            case Fault.RateLimited rl -> restFault(rl);
            case Fault.Hang h -> FakeResponse.hang();
            case Fault fault -> {
                upgradeFaults.put(r, fault);
                yield null;
            }
            case ExtraFault e when e.realtime() -> {
                upgradeFaults.put(r, e);
                yield null;
            }
            default -> {
                pendingFault.set(f); // a speech fault: keep it for the next speech request
                yield null;
            }
        };
        return answer == null ? null : answer.withHeader("x-request-id", nextId("req"));
    }

    private ObjectNode event(String type) {
        return Json.object().put("type", type).put("event_id", nextId("event"));
    }

    private void sendError(WsConnection conn, String type, String code, String message) throws Exception {
        ObjectNode e = event("error");
        e.putObject("error").put("type", type).put("code", code).put("message", message).putNull("param");
        conn.sendJson(e);
    }

    /** One transcription session, strict about the order of client events. */
    private void realtime(WsConnection conn) throws Exception {
        RecordedRequest upgrade = conn.request();
        Object injected = upgradeFaults.remove(upgrade);
        boolean silent = injected == ExtraFault.SILENT_SOCKET;
        Fault fault = injected instanceof Fault f ? f : null;
        ExtraFault extra = injected instanceof ExtraFault e ? e : null;
        List<String> log = new CopyOnWriteArrayList<>();
        realtimeLogs.add(log);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        latestAudio.set(received);
        if (silent) {
            while (!(conn.receive(Duration.ofMinutes(5)) instanceof WsMessage.Close)) {
                // never answer
            }
            return;
        }
        String sessionId = nextId("sess");
        ObjectNode created = event("session.created");
        created.putObject("session").put("type", "transcription").put("id", sessionId)
                .put("object", "realtime.transcription_session");
        conn.sendJson(created);

        Session s = null;
        ScriptedTranscript.Cursor cursor = script.cursor();
        boolean faultFired = false;
        while (true) {
            WsMessage m = conn.receive();
            if (m instanceof WsMessage.Close) {
                return;
            }
            if (!(m instanceof WsMessage.Text t)) {
                violations.add("binary message on a Realtime session");
                sendError(conn, "invalid_request_error", "invalid_event", "binary messages are not supported");
                continue;
            }
            JsonNode e;
            try {
                e = Json.parse(t.text());
            } catch (RuntimeException ex) {
                violations.add("client event is not JSON");
                sendError(conn, "invalid_request_error", "invalid_json", "The event is not valid JSON.");
                continue;
            }
            String type = e.path("type").asString("");
            if (type.equals("input_audio_buffer.append")) {
                byte[] audio;
                try {
                    audio = Base64.getDecoder().decode(e.path("audio").asString(""));
                } catch (IllegalArgumentException ex) {
                    violations.add("append audio is not base64");
                    sendError(conn, "invalid_request_error", "invalid_value", "audio is not valid base64");
                    continue;
                }
                log.add("append:" + audio.length);
                if (s == null) {
                    violations.add("append before session.update");
                    sendError(conn, "invalid_request_error", "invalid_event", "configure the session first");
                    continue;
                }
                synchronized (received) {
                    received.writeBytes(audio);
                }
                s.bytes += audio.length;
                s.sinceCommit += audio.length;
                if (extra == ExtraFault.INVALID_EVENT_ERROR) {
                    extra = null;
                    sendError(conn, "invalid_request_error", "invalid_value", "Invalid value for 'prompt'.");
                }
                if (fault != null && !faultFired) {
                    switch (fault) {
                        case Fault.ServerError se -> {
                            sendError(conn, "server_error", "server_error", "The server had an error.");
                            conn.close(1011, "internal error");
                            return;
                        }
                        case Fault.MalformedPayload mp -> {
                            conn.sendMalformedJson();
                            faultFired = true;
                        }
                        case Fault.DropConnection d -> {
                            if (s.bytes >= d.afterAudioBytes()) {
                                conn.drop();
                                return;
                            }
                        }
                        default -> {
                        }
                    }
                }
                s.vad(conn, cursor);
            } else {
                log.add(type);
                switch (type) {
                    case "session.update" -> {
                        String problem = checkSession(e.path("session"));
                        if (problem != null) {
                            violations.add(problem);
                            sendError(conn, "invalid_request_error", "invalid_value", problem);
                            continue;
                        }
                        s = new Session(e.path("session"));
                        ObjectNode updated = event("session.updated");
                        ObjectNode session = (ObjectNode) e.path("session").deepCopy();
                        session.put("id", sessionId).put("object", "realtime.transcription_session");
                        updated.set("session", session);
                        conn.sendJson(updated);
                    }
                    case "input_audio_buffer.commit" -> {
                        if (s == null) {
                            violations.add("commit before session.update");
                            sendError(conn, "invalid_request_error", "invalid_event", "configure the session first");
                        } else if (s.sinceCommit < s.bytesPerSecond / 10) {
                            sendError(conn, "invalid_request_error", "input_audio_buffer_commit_empty",
                                    "Error committing input audio buffer: buffer too small. Expected at least "
                                            + "100ms of audio, but buffer only has "
                                            + (s.sinceCommit * 1000 / s.bytesPerSecond) + "ms of audio.");
                        } else {
                            s.failNext = extra == ExtraFault.TRANSCRIPTION_FAILED;
                            extra = null;
                            s.commit(conn, cursor.finalizeUpTo(s.seconds()), s.seconds());
                        }
                    }
                    case "input_audio_buffer.clear" -> {
                        if (s != null) {
                            s.sinceCommit = 0;
                        }
                        conn.sendJson(event("input_audio_buffer.cleared"));
                    }
                    default -> {
                        violations.add("unexpected client event " + type);
                        sendError(conn, "invalid_request_error", "invalid_event", "Invalid value: '" + type
                                + "'. Supported values are: 'session.update', 'input_audio_buffer.append', "
                                + "'input_audio_buffer.commit', 'input_audio_buffer.clear'.");
                    }
                }
            }
        }
    }

    /** Why a transcription {@code session.update} would be refused, or null. */
    static String checkSession(JsonNode session) {
        if (!"transcription".equals(session.path("type").asString(null))) {
            return "session.type must be 'transcription'";
        }
        JsonNode input = session.path("audio").path("input");
        JsonNode format = input.path("format");
        String type = format.path("type").asString("");
        if (type.equals("audio/pcm")) {
            if (format.path("rate").asInt(0) != 24000) {
                return "audio/pcm must have rate 24000";
            }
        } else if (!type.equals("audio/pcmu") && !type.equals("audio/pcma")) {
            return "unknown input format " + format;
        }
        if (!input.path("transcription").path("model").isString()) {
            return "audio.input.transcription.model is required";
        }
        JsonNode language = input.path("transcription").path("language");
        if (!language.isMissingNode() && !language.asString("").matches("[a-z]{2}")) {
            return "language must be ISO-639-1";
        }
        JsonNode td = input.path("turn_detection");
        if (!td.isMissingNode() && !td.isNull()) {
            String kind = td.path("type").asString("");
            if (!kind.equals("server_vad") && !kind.equals("semantic_vad")) {
                return "unknown turn_detection " + td;
            }
        }
        return null;
    }

    /** The state of one configured session: audio so far, server VAD, items. */
    private final class Session {
        final int bytesPerSecond;
        final boolean serverVad;
        final double silence;
        final double prefixPadding;
        long bytes;
        long sinceCommit;
        String speechItem;
        String previousItem;
        boolean failNext;

        Session(JsonNode session) {
            JsonNode input = session.path("audio").path("input");
            bytesPerSecond = input.path("format").path("type").asString("").equals("audio/pcm") ? 48_000 : 8_000;
            JsonNode td = input.path("turn_detection");
            serverVad = td.path("type").asString("").equals("server_vad");
            silence = td.path("silence_duration_ms").asDouble(500) / 1000.0;
            prefixPadding = td.path("prefix_padding_ms").asDouble(300) / 1000.0;
        }

        double seconds() {
            return (double) bytes / bytesPerSecond;
        }

        /** Server VAD over the script: speech starts at a heard word, stops after a long enough pause. */
        void vad(WsConnection conn, ScriptedTranscript.Cursor cursor) throws Exception {
            if (!serverVad) {
                return;
            }
            double now = seconds();
            List<Word> pending = script.words().stream().filter(w -> w.start() < now).toList();
            if (speechItem == null) {
                Word first = firstUnsettled(now);
                if (first != null) {
                    speechItem = nextId("item");
                    conn.sendJson(event("input_audio_buffer.speech_started").put("item_id", speechItem)
                            .put("audio_start_ms", Math.round(Math.max(0, first.start() - prefixPadding) * 1000)));
                }
                return;
            }
            Word last = pending.isEmpty() ? null : pending.getLast();
            boolean wordInProgress = script.words().stream().anyMatch(w -> w.start() < now && w.end() > now);
            if (last != null && !wordInProgress && now >= last.end() + silence) {
                String item = speechItem;
                conn.sendJson(event("input_audio_buffer.speech_stopped").put("item_id", item)
                        .put("audio_end_ms", Math.round(last.end() * 1000)));
                sinceCommit = 0;
                speechItem = item;
                commit(conn, cursor.finalizeUpTo(last.end() + 1e-9), last.end());
            }
        }

        private Word firstUnsettled(double now) {
            for (Word w : script.words()) {
                if (w.start() < now && !settled.contains(w)) {
                    return w;
                }
            }
            return null;
        }

        final Set<Word> settled = new java.util.HashSet<>();

        /** committed, then a delta per word, then completed. */
        void commit(WsConnection conn, List<Word> words, double at) throws Exception {
            settled.addAll(words);
            String item = speechItem != null ? speechItem : nextId("item");
            speechItem = null;
            sinceCommit = 0;
            ObjectNode committed = event("input_audio_buffer.committed").put("item_id", item);
            if (previousItem == null) {
                committed.putNull("previous_item_id");
            } else {
                committed.put("previous_item_id", previousItem);
            }
            previousItem = item;
            conn.sendJson(committed);
            for (int i = 0; i < words.size(); i++) {
                conn.sendJson(event("conversation.item.input_audio_transcription.delta").put("item_id", item)
                        .put("content_index", 0).put("delta", (i == 0 ? "" : " ") + words.get(i).punctuated()));
            }
            if (failNext) {
                failNext = false;
                ObjectNode failed = event("conversation.item.input_audio_transcription.failed").put("item_id", item)
                        .put("content_index", 0);
                failed.putObject("error").put("type", "transcription_error").put("code", "audio_unintelligible")
                        .put("message", "The audio could not be transcribed.").putNull("param");
                conn.sendJson(failed);
                return;
            }
            ObjectNode completed = event("conversation.item.input_audio_transcription.completed")
                    .put("item_id", item).put("content_index", 0)
                    .put("transcript", words.stream().map(Word::punctuated).collect(Collectors.joining(" ")));
            completed.set("usage", usage(0, true));
            conn.sendJson(completed);
        }
    }
}
