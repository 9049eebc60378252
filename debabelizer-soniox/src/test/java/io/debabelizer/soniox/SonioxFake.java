package io.debabelizer.soniox;

import io.debabelizer.testkit.fake.MultipartForm;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.Fault;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.SttProviderFake;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Soniox server on loopback, written from {@code shared/protocols/soniox.md}: the real-time WebSocket
 * ({@code /transcribe-websocket}) and the async REST API ({@code /v1/files}, {@code /v1/transcriptions}...).
 *
 * <p>Strict like the real thing: the key ({@code Authorization: Bearer} on REST and on the upgrade, or the legacy
 * {@code api_key} in the config message), exact paths and methods, the configuration message first and only once,
 * known config fields and values, binary audio after it, nothing after the end-of-audio frame. Violations are
 * answered as Soniox would ({@code error_code} 400 then close) and listed in {@link LiveSession#violations()}.
 *
 * <p>Live recognition reveals the scripted words as the audio received reaches them, cut into Soniox-like sub-word
 * tokens (long words in two pieces, trailing punctuation as its own token, a leading space on each word but the
 * first): non-final while heard, final {@link #finalLag} after their end, at an endpoint (a pause of
 * {@link #endpointSilence} with endpoint detection, followed by {@code <end>}), on {@code finalize} (then
 * {@code <fin>}), and at the end of audio (then {@code finished}). It closes an idle session after
 * {@link #idleTimeout(Duration)} with error 408, as Soniox does after 20 s without audio or keepalive.
 */
final class SonioxFake implements SttProviderFake {

    static final String WS_PATH = "/transcribe-websocket";
    static final Set<String> RT_MODELS = Set.of("stt-rt-v5", "stt-rt-v4", "stt-rt-v3", "stt-rt-preview");
    static final Set<String> ASYNC_MODELS = Set.of("stt-async-v5", "stt-async-v4", "stt-async-v3",
            "stt-async-preview");
    static final Map<String, Integer> RAW_FORMATS = Map.ofEntries(Map.entry("pcm_s8", 1), Map.entry("pcm_s8le", 1),
            Map.entry("pcm_s8be", 1), Map.entry("pcm_u8", 1), Map.entry("pcm_u8le", 1), Map.entry("pcm_u8be", 1),
            Map.entry("pcm_s16le", 2), Map.entry("pcm_s16be", 2), Map.entry("pcm_u16le", 2),
            Map.entry("pcm_u16be", 2), Map.entry("pcm_s24le", 3), Map.entry("pcm_s24be", 3),
            Map.entry("pcm_u24le", 3), Map.entry("pcm_u24be", 3), Map.entry("pcm_s32le", 4),
            Map.entry("pcm_s32be", 4), Map.entry("pcm_u32le", 4), Map.entry("pcm_u32be", 4),
            Map.entry("pcm_f32le", 4), Map.entry("pcm_f32be", 4), Map.entry("pcm_f64le", 8),
            Map.entry("pcm_f64be", 8), Map.entry("mulaw", 1), Map.entry("alaw", 1));
    static final Set<String> CONTAINER_FORMATS = Set.of("auto", "aac", "aiff", "amr", "asf", "wav", "mp3", "flac",
            "ogg", "webm");
    static final Set<String> CONFIG_FIELDS = Set.of("api_key", "model", "audio_format", "sample_rate", "num_channels",
            "language_hints", "language_hints_strict", "enable_speaker_diarization", "enable_language_identification",
            "enable_endpoint_detection", "max_endpoint_delay_ms", "endpoint_sensitivity",
            "endpoint_latency_adjustment_level", "client_reference_id", "context", "translation");
    static final Set<String> CREATE_FIELDS = Set.of("model", "audio_url", "file_id", "language_hints",
            "language_hints_strict", "enable_speaker_diarization", "enable_language_identification", "translation",
            "context", "webhook_url", "webhook_auth_header_name", "webhook_auth_header_value", "client_reference_id");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("^(.*?)([.,?!;:]+)$");

    /** The steps of the async flow, for faults aimed at one of them. */
    enum Step { UPLOAD, CREATE, STATUS, TRANSCRIPT, DELETE_TRANSCRIPTION, DELETE_FILE }

    /** A real-time {@code error_code} message sent once {@code afterAudioBytes} arrived (0: right after config). */
    record StreamError(int code, String message, long afterAudioBytes, int closeCode) {
    }

    /** What one real-time session looked like from the server. */
    static final class LiveSession {
        final RecordedRequest upgrade;
        final WsConnection connection;
        volatile JsonNode config;
        final AtomicInteger keepalives = new AtomicInteger();
        final AtomicInteger finalizes = new AtomicInteger();
        final List<String> violations = new CopyOnWriteArrayList<>();
        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile boolean endOfAudio;
        volatile boolean finishedSent;

        LiveSession(WsConnection connection) {
            this.connection = connection;
            this.upgrade = connection.request();
        }

        JsonNode config() {
            return config;
        }

        List<String> violations() {
            return List.copyOf(violations);
        }

        /** The messages the server sent, in order. */
        List<String> sent() {
            return List.copyOf(sent);
        }

        int keepalives() {
            return keepalives.get();
        }

        /** Data messages the client sent after the end-of-audio frame (must be none). */
        List<WsMessage> afterEndOfAudio() {
            List<WsMessage> all = connection.received();
            List<WsMessage> after = new ArrayList<>();
            boolean ended = false;
            boolean configSeen = false;
            for (WsMessage m : all) {
                if (m instanceof WsMessage.Close) {
                    continue;
                }
                if (ended) {
                    after.add(m);
                } else if (m instanceof WsMessage.Text t && configSeen && t.text().isEmpty()
                        || m instanceof WsMessage.Binary b && b.data().length == 0) {
                    ended = true;
                }
                configSeen = true;
            }
            return after;
        }
    }

    private record StoredFile(String id, String filename, byte[] bytes) {
    }

    private static final class Transcription {
        final String id;
        final String fileId;
        final JsonNode request;
        final AtomicInteger polls = new AtomicInteger();
        volatile String status = "queued";
        volatile boolean deleted;

        Transcription(String id, String fileId, JsonNode request) {
            this.id = id;
            this.fileId = fileId;
            this.request = request;
        }
    }

    private final String apiKey;
    private final FakeHttpServer http = FakeHttpServer.start();
    private final FakeWebSocketServer ws = FakeWebSocketServer.start();
    private final AtomicReference<Fault> pendingFault = new AtomicReference<>();
    private final AtomicReference<ByteArrayOutputStream> latestAudio = new AtomicReference<>(new ByteArrayOutputStream());
    private final List<LiveSession> sessions = new CopyOnWriteArrayList<>();
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final Map<String, Transcription> transcriptions = new ConcurrentHashMap<>();
    private final List<String> deletedFiles = new CopyOnWriteArrayList<>();
    private final List<String> deletedTranscriptions = new CopyOnWriteArrayList<>();
    private final List<JsonNode> createRequests = new CopyOnWriteArrayList<>();
    private final Map<Step, FakeResponse> stepFaults = new ConcurrentHashMap<>();
    private volatile ScriptedTranscript script = ScriptedTranscript.EMPTY;
    private volatile StreamError streamError;
    private volatile Duration responseDelay = Duration.ZERO;
    private volatile Duration idleTimeout = Duration.ofSeconds(20);
    private volatile String language = "en";
    private volatile int pollsUntilComplete = 2;
    private volatile String[] transcriptionError;
    volatile double finalLag = 1.0;
    volatile double endpointSilence = 0.7;

    private SonioxFake(String apiKey) {
        this.apiKey = apiKey;
        http.requireHeader("Authorization", "Bearer " + apiKey, restError(401, "unauthenticated",
                "Incorrect API key provided. You can get an API key at https://console.soniox.com"));
        http.route("POST", "/v1/files", this::upload);
        http.route("POST", "/v1/transcriptions", this::create);
        ws.beforeUpgrade(this::checkUpgradeAuth);
        ws.beforeUpgrade(this::upgradeFault);
        ws.route(WS_PATH, this::session);
    }

    static SonioxFake start(String apiKey) {
        return new SonioxFake(apiKey);
    }

    URI restUri() {
        return http.baseUri();
    }

    /** The full real-time URL, as {@code ws_url} takes it. */
    URI wsUri() {
        return URI.create(ws.baseUri() + WS_PATH);
    }

    FakeHttpServer http() {
        return http;
    }

    FakeWebSocketServer webSocket() {
        return ws;
    }

    // ---- scripting ------------------------------------------------------------------------------------------

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
        ByteArrayOutputStream audio = latestAudio.get();
        synchronized (audio) {
            return audio.toByteArray();
        }
    }

    /** The next session sends this error once the audio reached {@code afterAudioBytes} (0: right after config). */
    void failStreamWith(StreamError error) {
        streamError = error;
    }

    /** Every message the server sends is delayed this long (a slow server). */
    void delayResponses(Duration delay) {
        responseDelay = delay;
    }

    void idleTimeout(Duration timeout) {
        idleTimeout = timeout;
    }

    /** The language tokens report when language identification is on. */
    void language(String language) {
        this.language = language;
    }

    /** How many status polls a transcription takes to complete (queued, processing..., completed). */
    void pollsUntilComplete(int polls) {
        pollsUntilComplete = polls;
    }

    /** Transcriptions end in status {@code error} with this type and message. */
    void transcriptionsFail(String errorType, String message) {
        transcriptionError = new String[] {errorType, message};
    }

    /** The next request of {@code step} gets {@code response}. */
    void failStep(Step step, FakeResponse response) {
        stepFaults.put(step, response);
    }

    List<LiveSession> sessions() {
        return List.copyOf(sessions);
    }

    LiveSession lastSession() {
        if (sessions.isEmpty()) {
            throw new AssertionError("no real-time session reached the fake");
        }
        return sessions.getLast();
    }

    Set<String> storedFiles() {
        return Set.copyOf(files.keySet());
    }

    /** Transcriptions not deleted. */
    Set<String> storedTranscriptions() {
        Set<String> out = new java.util.HashSet<>();
        transcriptions.forEach((id, t) -> {
            if (!t.deleted) {
                out.add(id);
            }
        });
        return out;
    }

    List<String> deletedFiles() {
        return List.copyOf(deletedFiles);
    }

    List<String> deletedTranscriptions() {
        return List.copyOf(deletedTranscriptions);
    }

    List<JsonNode> createRequests() {
        return List.copyOf(createRequests);
    }

    @Override
    public void close() {
        ws.close();
        http.close();
    }

    // ---- REST -----------------------------------------------------------------------------------------------

    /** The error body of the OpenAPI: status_code, error_type, message, validation_errors, request_id, more_info. */
    static FakeResponse restError(int status, String type, String message) {
        ObjectNode n = Json.object();
        n.put("status_code", status);
        n.put("error_type", type);
        n.put("message", message);
        n.putArray("validation_errors");
        n.put("request_id", UUID.randomUUID().toString());
        n.put("more_info", "https://soniox.com/docs/api-reference/errors#" + type);
        return FakeResponse.json(status, Json.write(n));
    }

    private static FakeResponse invalid(String location, String message) {
        ObjectNode n = Json.object();
        n.put("status_code", 400);
        n.put("error_type", "invalid_request");
        n.put("message", "Invalid request.");
        n.putArray("validation_errors").addObject().put("error_type", "invalid").put("location", location)
                .put("message", message);
        n.put("request_id", UUID.randomUUID().toString());
        return FakeResponse.json(400, Json.write(n));
    }

    /** A kit fault or a step fault for this request, or null. */
    private FakeResponse fault(Step step, FakeResponse partialBody) {
        FakeResponse f = stepFaults.remove(step);
        if (f != null) {
            return f;
        }
        Fault k = pendingFault.getAndSet(null);
        if (k == null) {
            return null;
        }
        return switch (k) {
            case Fault.Unauthorized u -> restError(401, "unauthenticated", "Incorrect API key provided.");
            case Fault.RateLimited r -> restError(429, "limit_exceeded", "Request rate limit exceeded.")
                    .withHeader("Retry-After", Long.toString((r.retryAfter().toMillis() + 999) / 1000));
            case Fault.ServerError s -> restError(s.status(), "internal_error", "Internal server error.");
            case Fault.MalformedPayload m -> FakeResponse.malformedJson();
            case Fault.Hang h -> FakeResponse.hang();
            case Fault.DropConnection d -> partialBody;
        };
    }

    private static FakeResponse dropMid(int status, String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return FakeResponse.dropMidBody(status, "application/json", b, b.length / 2);
    }

    private FakeResponse upload(RecordedRequest req) {
        String id = UUID.randomUUID().toString();
        List<MultipartForm.Part> parts;
        try {
            parts = MultipartForm.parse(req.header("Content-Type").orElse(null), req.body());
        } catch (IllegalArgumentException e) {
            return invalid("body", e.getMessage());
        }
        MultipartForm.Part file = null;
        String reference = null;
        for (MultipartForm.Part p : parts) {
            switch (p.name()) {
                case "file" -> {
                    if (file != null || p.filename() == null) {
                        return invalid("body.file", "exactly one file part with a filename is required");
                    }
                    file = p;
                }
                case "client_reference_id" -> reference = new String(p.content(), StandardCharsets.UTF_8);
                default -> {
                    return invalid("body." + p.name(), "unknown field");
                }
            }
        }
        if (file == null) {
            return invalid("body.file", "field required");
        }
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        audio.writeBytes(file.content());
        latestAudio.set(audio);
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("filename", file.filename());
        n.put("size", file.content().length);
        n.put("created_at", "2026-11-25T00:00:00Z");
        if (reference != null) {
            n.put("client_reference_id", reference);
        }
        String json = Json.write(n);
        FakeResponse f = fault(Step.UPLOAD, dropMid(201, json));
        if (f != null) {
            return f;
        }
        if (file.content().length == 0) {
            return invalid("body.file", "the file is empty");
        }
        files.put(id, new StoredFile(id, file.filename(), file.content()));
        String path = "/v1/files/" + id;
        http.route("GET", path, r -> fileInfo(id));
        http.route("DELETE", path, r -> deleteFile(id));
        return FakeResponse.json(201, json);
    }

    private FakeResponse fileInfo(String id) {
        StoredFile f = files.get(id);
        return f == null ? restError(404, "file_not_found", "File not found.")
                : FakeResponse.json(200, Map.of("id", id, "filename", f.filename(), "size", f.bytes().length));
    }

    private FakeResponse deleteFile(String id) {
        FakeResponse f = fault(Step.DELETE_FILE, FakeResponse.dropConnection());
        if (f != null) {
            return f;
        }
        if (files.remove(id) == null) {
            return restError(404, "file_not_found", "File not found.");
        }
        deletedFiles.add(id);
        return FakeResponse.status(204);
    }

    private FakeResponse create(RecordedRequest req) {
        if (!req.header("Content-Type").orElse("").startsWith("application/json")) {
            return invalid("header.Content-Type", "must be application/json");
        }
        JsonNode body;
        try {
            body = Json.parse(req.body());
        } catch (JacksonException e) {
            return invalid("body", "not JSON");
        }
        if (!body.isObject()) {
            return invalid("body", "not a JSON object");
        }
        createRequests.add(body);
        for (Iterator<String> it = body.propertyNames().iterator(); it.hasNext(); ) {
            String field = it.next();
            if (!CREATE_FIELDS.contains(field)) {
                return invalid("body." + field, "unknown field");
            }
        }
        if (!ASYNC_MODELS.contains(body.path("model").asString(""))) {
            return invalid("body.model", "invalid model " + body.path("model"));
        }
        if (body.has("audio_url") == body.has("file_id")) {
            return invalid("body", "exactly one of audio_url and file_id is required");
        }
        String problem = languageProblem(body.path("language_hints"));
        if (problem != null) {
            return invalid("body.language_hints", problem);
        }
        String fileId = body.path("file_id").asString("");
        String id = UUID.randomUUID().toString();
        Transcription t = new Transcription(id, fileId, body);
        String json = Json.write(transcriptionJson(t));
        FakeResponse f = fault(Step.CREATE, dropMid(201, json));
        if (f != null) {
            return f;
        }
        if (!files.containsKey(fileId)) {
            return restError(404, "file_not_found", "File not found.");
        }
        transcriptions.put(id, t);
        String path = "/v1/transcriptions/" + id;
        http.route("GET", path, r -> status(t));
        http.route("DELETE", path, r -> deleteTranscription(t));
        http.route("GET", path + "/transcript", r -> transcript(t));
        return FakeResponse.json(201, json);
    }

    private static String languageProblem(JsonNode hints) {
        if (hints.isMissingNode()) {
            return null;
        }
        if (!hints.isArray()) {
            return "must be an array";
        }
        for (JsonNode h : hints) {
            if (!h.isString() || !LANGUAGE.matcher(h.asString()).matches()) {
                return "invalid language code " + h;
            }
        }
        return null;
    }

    private ObjectNode transcriptionJson(Transcription t) {
        ObjectNode n = Json.object();
        n.put("id", t.id);
        n.put("status", t.status);
        n.put("created_at", "2026-11-25T00:00:00Z");
        n.put("model", t.request.path("model").asString());
        n.putNull("audio_url");
        n.put("file_id", t.fileId);
        StoredFile f = files.get(t.fileId);
        n.put("filename", f == null ? null : f.filename());
        n.set("language_hints", t.request.path("language_hints").isArray() ? t.request.path("language_hints")
                : Json.array());
        n.put("enable_speaker_diarization", t.request.path("enable_speaker_diarization").asBoolean(false));
        n.put("enable_language_identification", t.request.path("enable_language_identification").asBoolean(false));
        if ("completed".equals(t.status) && f != null) {
            try {
                n.put("audio_duration_ms", Math.round(TestAudio.parseWav(f.bytes()).durationSeconds() * 1000));
            } catch (IllegalArgumentException e) {
                n.putNull("audio_duration_ms");
            }
        } else {
            n.putNull("audio_duration_ms");
        }
        String[] error = "error".equals(t.status) ? transcriptionError : null;
        n.put("error_type", error == null ? null : error[0]);
        n.put("error_message", error == null ? null : error[1]);
        n.putNull("webhook_url");
        n.put("client_reference_id", t.request.path("client_reference_id").asString(null));
        return n;
    }

    private FakeResponse status(Transcription t) {
        FakeResponse f = fault(Step.STATUS, FakeResponse.dropConnection());
        if (f != null) {
            return f;
        }
        if (t.deleted) {
            return restError(404, "transcription_not_found", "Transcription not found.");
        }
        int polls = t.polls.incrementAndGet();
        if (polls >= pollsUntilComplete) {
            t.status = transcriptionError != null ? "error" : "completed";
        } else {
            t.status = polls == 1 ? "queued" : "processing";
        }
        return FakeResponse.json(200, Json.write(transcriptionJson(t)));
    }

    private FakeResponse transcript(Transcription t) {
        if (t.deleted) {
            return restError(404, "transcription_not_found", "Transcription not found.");
        }
        ObjectNode n = Json.object();
        n.put("id", t.id);
        boolean diarize = t.request.path("enable_speaker_diarization").asBoolean(false);
        boolean identify = t.request.path("enable_language_identification").asBoolean(false);
        ArrayNode tokens = n.putArray("tokens");
        List<Word> words = script.words();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            for (ObjectNode tok : tokens(words.get(i), i == 0, null, diarize, identify ? language : null)) {
                text.append(tok.path("text").asString());
                tokens.add(tok);
            }
        }
        n.put("text", text.toString());
        String json = Json.write(n);
        FakeResponse f = fault(Step.TRANSCRIPT, dropMid(200, json));
        if (f != null) {
            return f;
        }
        if (!"completed".equals(t.status)) {
            return restError(409, "transcription_invalid_state", "Transcription is not completed.");
        }
        return FakeResponse.json(200, json);
    }

    private FakeResponse deleteTranscription(Transcription t) {
        FakeResponse f = fault(Step.DELETE_TRANSCRIPTION, FakeResponse.dropConnection());
        if (f != null) {
            return f;
        }
        if (t.deleted) {
            return restError(404, "transcription_not_found", "Transcription not found.");
        }
        if (t.status.equals("queued") || t.status.equals("processing")) {
            return restError(409, "transcription_invalid_state", "Cannot delete a transcription that is "
                    + t.status + ".");
        }
        t.deleted = true;
        deletedTranscriptions.add(t.id);
        return FakeResponse.status(204);
    }

    // ---- tokens ---------------------------------------------------------------------------------------------

    /**
     * A word as Soniox-like tokens: a leading space unless it is the first word, long words in two pieces, trailing
     * punctuation as a token of its own; times shared out over the pieces.
     */
    static List<ObjectNode> tokens(Word w, boolean first, Boolean isFinal, boolean diarize, String language) {
        String body = w.punctuated();
        String punctuation = "";
        Matcher m = TRAILING_PUNCTUATION.matcher(body);
        if (m.matches() && !m.group(1).isEmpty()) {
            body = m.group(1);
            punctuation = m.group(2);
        }
        List<String> pieces = new ArrayList<>();
        if (body.length() > 5) {
            pieces.add(body.substring(0, body.length() / 2));
            pieces.add(body.substring(body.length() / 2));
        } else {
            pieces.add(body);
        }
        if (!first) {
            pieces.set(0, " " + pieces.getFirst());
        }
        long start = Math.round(w.start() * 1000);
        long end = Math.round(w.end() * 1000);
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            long s = start + (end - start) * i / pieces.size();
            long e = start + (end - start) * (i + 1) / pieces.size();
            out.add(token(pieces.get(i), s, e, w, isFinal, diarize, language));
        }
        if (!punctuation.isEmpty()) {
            out.add(token(punctuation, end, end, w, isFinal, diarize, language));
        }
        return out;
    }

    private static ObjectNode token(String text, long start, long end, Word w, Boolean isFinal, boolean diarize,
                                    String language) {
        ObjectNode t = Json.object();
        t.put("text", text);
        t.put("start_ms", start);
        t.put("end_ms", end);
        t.put("confidence", w.hasConfidence() ? w.confidence() : 0.9);
        if (isFinal != null) {
            t.put("is_final", isFinal);
        }
        if (diarize) {
            t.put("speaker", w.speaker() == null ? "1" : w.speaker());
        }
        if (language != null) {
            t.put("language", language);
        }
        return t;
    }

    private static ObjectNode marker(String text) {
        ObjectNode t = Json.object();
        t.put("text", text);
        t.put("is_final", true);
        return t;
    }

    // ---- real-time ------------------------------------------------------------------------------------------

    private FakeResponse checkUpgradeAuth(RecordedRequest req) {
        // Header auth is checked at the upgrade; a client without the header must send the legacy api_key field.
        return req.header("Authorization").map(h -> h.equals("Bearer " + apiKey) ? null
                : restError(401, "unauthenticated", "Incorrect API key provided.")).orElse(null);
    }

    private FakeResponse upgradeFault(RecordedRequest req) {
        Fault f = pendingFault.get();
        boolean atUpgrade = f instanceof Fault.Unauthorized || f instanceof Fault.RateLimited || f instanceof Fault.Hang;
        if (!atUpgrade || !pendingFault.compareAndSet(f, null)) {
            return null;
        }
        return switch (f) {
            case Fault.Unauthorized u -> restError(401, "unauthenticated", "Incorrect API key provided.");
            case Fault.RateLimited r -> restError(429, "limit_exceeded", "Too many concurrent requests.")
                    .withHeader("Retry-After", Long.toString((r.retryAfter().toMillis() + 999) / 1000));
            default -> FakeResponse.hang();
        };
    }

    /** Sends a server message (after the configured delay) and records it. */
    private void send(LiveSession s, String json) throws Exception {
        if (!responseDelay.isZero()) {
            s.connection.pause(responseDelay);
        }
        s.sent.add(json);
        s.connection.sendText(json);
    }

    private void sendError(LiveSession s, int code, String message, int closeCode) throws Exception {
        send(s, Json.write(Map.of("error_code", code, "error_message", message)));
        s.connection.close(closeCode, "");
    }

    /** A config problem, or null when it is valid. */
    private String configProblem(JsonNode c, boolean headerAuth) {
        for (Iterator<String> it = c.propertyNames().iterator(); it.hasNext(); ) {
            String field = it.next();
            if (!CONFIG_FIELDS.contains(field)) {
                return "Unknown field '" + field + "'.";
            }
        }
        if (!RT_MODELS.contains(c.path("model").asString(""))) {
            return "Invalid model specified.";
        }
        String format = c.path("audio_format").asString("auto");
        if (RAW_FORMATS.containsKey(format)) {
            if (c.path("sample_rate").asInt(0) <= 0 || c.path("num_channels").asInt(0) <= 0) {
                return "sample_rate and num_channels are required for " + format + ".";
            }
        } else if (!CONTAINER_FORMATS.contains(format)) {
            return "Invalid audio_format '" + format + "'.";
        }
        String hints = languageProblem(c.path("language_hints"));
        if (hints != null) {
            return "language_hints: " + hints;
        }
        JsonNode delay = c.path("max_endpoint_delay_ms");
        if (!delay.isMissingNode() && (delay.asInt() < 500 || delay.asInt() > 3000)) {
            return "max_endpoint_delay_ms must be 500..3000.";
        }
        return null;
    }

    private void session(WsConnection conn) throws Exception {
        LiveSession s = new LiveSession(conn);
        sessions.add(s);
        Fault fault = pendingFault.getAndSet(null);
        StreamError error = streamError;
        streamError = null;
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        latestAudio.set(audio);

        WsMessage first = conn.receive(idleTimeout);
        if (first == null) {
            sendError(s, 408, "Request timeout.", 1000);
            return;
        }
        if (first instanceof WsMessage.Close) {
            return;
        }
        if (!(first instanceof WsMessage.Text t)) {
            s.violations.add("audio before the configuration message");
            sendError(s, 400, "The first message must be the JSON configuration.", 1000);
            return;
        }
        JsonNode config;
        try {
            config = Json.parse(t.text());
        } catch (JacksonException e) {
            s.violations.add("configuration is not JSON");
            sendError(s, 400, "Invalid configuration message.", 1000);
            return;
        }
        s.config = config;
        boolean headerAuth = s.upgrade.header("Authorization").isPresent();
        if (!headerAuth && !apiKey.equals(config.path("api_key").asString(""))) {
            sendError(s, 401, "Invalid API key.", 1000);
            return;
        }
        String problem = config.isObject() ? configProblem(config, headerAuth) : "Invalid configuration message.";
        if (problem != null) {
            s.violations.add("bad configuration: " + problem);
            sendError(s, 400, problem, 1000);
            return;
        }
        if (error != null && error.afterAudioBytes() <= 0) {
            sendError(s, error.code(), error.message(), error.closeCode());
            return;
        }
        String format = config.path("audio_format").asString("auto");
        double bytesPerSecond = RAW_FORMATS.containsKey(format)
                ? (double) RAW_FORMATS.get(format) * config.path("sample_rate").asInt() * config.path("num_channels").asInt()
                : 0;
        Recognition rec = new Recognition(s, config);
        long received = 0;
        while (true) {
            WsMessage m = conn.receive(idleTimeout);
            if (m == null) {
                sendError(s, 408, "Audio data not received in time.", 1000);
                return;
            }
            switch (m) {
                case WsMessage.Binary b -> {
                    if (b.data().length == 0) {
                        finish(s, rec, received, bytesPerSecond);
                        return;
                    }
                    synchronized (audio) {
                        audio.writeBytes(b.data());
                    }
                    received += b.data().length;
                    if (fault instanceof Fault.ServerError se) {
                        sendError(s, se.status(), "Internal error.", 1011);
                        return;
                    }
                    if (fault instanceof Fault.MalformedPayload) {
                        conn.sendMalformedJson();
                        conn.receive(Duration.ofSeconds(30)); // the client should give up and close
                        return;
                    }
                    if (fault instanceof Fault.DropConnection d && received >= d.afterAudioBytes()) {
                        conn.drop();
                        return;
                    }
                    if (error != null && received >= error.afterAudioBytes()) {
                        sendError(s, error.code(), error.message(), error.closeCode());
                        return;
                    }
                    if (bytesPerSecond > 0) {
                        rec.heard(received / bytesPerSecond);
                    }
                }
                case WsMessage.Text text -> {
                    if (text.text().isEmpty()) {
                        finish(s, rec, received, bytesPerSecond);
                        return;
                    }
                    JsonNode control;
                    try {
                        control = Json.parse(text.text());
                    } catch (JacksonException e) {
                        s.violations.add("control message is not JSON: " + text.text());
                        sendError(s, 400, "Invalid message.", 1000);
                        return;
                    }
                    String type = control.path("type").asString("");
                    if (type.equals("keepalive") && control.size() == 1) {
                        s.keepalives.incrementAndGet();
                    } else if (type.equals("finalize") && control.size() <= 2
                            && (control.size() == 1 || control.has("trailing_silence_ms"))) {
                        s.finalizes.incrementAndGet();
                        rec.finalizeNow(bytesPerSecond > 0 ? received / bytesPerSecond : Double.POSITIVE_INFINITY);
                    } else {
                        s.violations.add("unexpected text message: " + text.text());
                        sendError(s, 400, "Invalid message.", 1000);
                        return;
                    }
                }
                case WsMessage.Close c -> {
                    return;
                }
            }
        }
    }

    private void finish(LiveSession s, Recognition rec, long received, double bytesPerSecond) throws Exception {
        s.endOfAudio = true;
        rec.finishAll();
        long ms = bytesPerSecond > 0 ? Math.round(received / bytesPerSecond * 1000) : 0;
        ObjectNode last = Json.object();
        last.putArray("tokens");
        last.put("final_audio_proc_ms", ms);
        last.put("total_audio_proc_ms", ms);
        last.put("finished", true);
        send(s, Json.write(last));
        s.finishedSent = true;
        s.connection.close(1000, "");
    }

    /** Which scripted words one session has revealed and settled. */
    private final class Recognition {
        private final LiveSession session;
        private final List<Word> words = script.words();
        private final boolean diarize;
        private final String tokenLanguage;
        private final boolean endpoints;
        private int finalised;
        private String lastTail = "";
        private double heardSeconds;

        Recognition(LiveSession session, JsonNode config) {
            this.session = session;
            this.diarize = config.path("enable_speaker_diarization").asBoolean(false);
            this.tokenLanguage = config.path("enable_language_identification").asBoolean(false) ? language : null;
            this.endpoints = config.path("enable_endpoint_detection").asBoolean(false);
        }

        void heard(double seconds) throws Exception {
            heardSeconds = seconds;
            ArrayNode out = Json.array();
            if (endpoints) {
                for (int j = finalised; j < words.size(); j++) {
                    Word w = words.get(j);
                    boolean pauseAfter = j == words.size() - 1
                            || words.get(j + 1).start() - w.end() >= endpointSilence;
                    if (w.end() + endpointSilence <= seconds && pauseAfter) {
                        settle(out, j + 1);
                        out.add(marker("<end>"));
                        break;
                    }
                    if (w.end() > seconds) {
                        break;
                    }
                }
            }
            int natural = finalised;
            while (natural < words.size() && words.get(natural).end() <= seconds - finalLag) {
                natural++;
            }
            settle(out, natural);
            respond(out, seconds, false);
        }

        void finalizeNow(double seconds) throws Exception {
            ArrayNode out = Json.array();
            int upTo = finalised;
            while (upTo < words.size() && words.get(upTo).end() <= seconds) {
                upTo++;
            }
            settle(out, upTo);
            out.add(marker("<fin>"));
            respond(out, seconds, true);
        }

        void finishAll() throws Exception {
            ArrayNode out = Json.array();
            settle(out, words.size());
            if (!out.isEmpty()) {
                respond(out, heardSeconds, true);
            }
        }

        private void settle(ArrayNode out, int upTo) {
            for (; finalised < upTo; finalised++) {
                tokens(words.get(finalised), finalised == 0, true, diarize, tokenLanguage).forEach(out::add);
            }
        }

        /** Sends the newly final tokens and the non-final tail when something changed (or {@code always}). */
        private void respond(ArrayNode finals, double seconds, boolean always) throws Exception {
            ArrayNode tail = Json.array();
            StringBuilder tailText = new StringBuilder();
            for (int i = finalised; i < words.size() && words.get(i).start() < seconds; i++) {
                for (ObjectNode t : tokens(words.get(i), i == 0, false, diarize, tokenLanguage)) {
                    tail.add(t);
                    tailText.append(t.path("text").asString());
                }
            }
            if (!always && finals.isEmpty() && tailText.toString().equals(lastTail)) {
                return;
            }
            lastTail = tailText.toString();
            ObjectNode msg = Json.object();
            ArrayNode all = msg.putArray("tokens");
            all.addAll(finals);
            all.addAll(tail);
            long finalMs = finalised == 0 ? 0 : Math.round(words.get(finalised - 1).end() * 1000);
            msg.put("final_audio_proc_ms", finalMs);
            msg.put("total_audio_proc_ms", Math.round(Math.min(seconds, 1e9) * 1000));
            send(session, Json.write(msg));
        }
    }
}
