package io.debabelizer.deepgram;

import io.debabelizer.testkit.fake.FrontDoor;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.audio.G711;
import io.debabelizer.audio.Wav;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Deepgram server on one loopback port, written from {@code shared/protocols/deepgram.md}: {@code POST /v1/listen},
 * {@code wss /v1/listen}, {@code POST /v1/speak}, {@code wss /v1/speak} and {@code GET /v1/models}. Strict like the
 * real one: {@code Authorization: Token <key>} on everything, documented query parameters only (400
 * {@code INVALID_QUERY_PARAMETER} with {@code dg-error} otherwise), {@code encoding} needs {@code sample_rate}, the
 * live control messages are {@code KeepAlive}, {@code Finalize}, {@code CloseStream} only, no zero-length audio frame,
 * no audio after {@code CloseStream}, the 10 s idle timeout (close 1011 {@code NET-0001}). A broken rule closes the
 * stream (1008) and is listed in {@link #violations()}.
 *
 * <p>It "recognises" the scripted transcript, revealing words as the audio received reaches them: interim
 * {@code Results} while audio arrives, a final with {@code speech_final} once {@code endpointing} ms of silence
 * follow a word, a final with {@code from_finalize} on {@code Finalize}, the rest on {@code CloseStream}, then
 * {@code Metadata} and close 1000.
 */
final class DeepgramFake implements SttProviderFake, TtsProviderFake {

    static final String MODEL_UUID = "3b3aabe4-608a-46ac-9585-7960a25daf1a";

    private static final Set<String> REST_LISTEN_PARAMS = Set.of("model", "language", "detect_language", "punctuate",
            "smart_format", "diarize", "diarize_model", "utterances", "utt_split", "paragraphs", "numerals",
            "profanity_filter", "filler_words", "dictation", "measurements", "multichannel", "encoding",
            "sample_rate", "channels", "keyterm", "keywords", "search", "replace", "redact", "tag", "extra",
            "callback", "callback_method", "summarize", "topics", "intents", "sentiment", "detect_entities",
            "custom_topic", "custom_topic_mode", "custom_intent", "custom_intent_mode", "version", "mip_opt_out");
    private static final Set<String> LIVE_ONLY_PARAMS = Set.of("interim_results", "endpointing", "utterance_end_ms",
            "vad_events");
    private static final Set<String> BOOLEAN_PARAMS = Set.of("punctuate", "smart_format", "diarize", "utterances",
            "paragraphs", "numerals", "profanity_filter", "filler_words", "dictation", "measurements",
            "multichannel", "interim_results", "vad_events", "mip_opt_out", "topics", "intents", "sentiment",
            "detect_entities");
    private static final Set<String> REST_ENCODINGS = Set.of("linear16", "flac", "mulaw", "amr-nb", "amr-wb", "opus",
            "speex", "g729");
    private static final Set<String> LIVE_ENCODINGS = Set.of("linear16", "linear32", "flac", "alaw", "mulaw",
            "amr-nb", "amr-wb", "opus", "ogg-opus", "speex", "g729");
    private static final Set<String> SPEAK_PARAMS = Set.of("model", "encoding", "container", "sample_rate",
            "bit_rate", "speed", "callback", "callback_method", "tag", "mip_opt_out");
    private static final Set<String> SPEAK_WS_PARAMS = Set.of("model", "encoding", "sample_rate", "speed",
            "mip_opt_out");
    private static final int MAX_SPEAK_CHARS = 2000;

    /** Live-stream faults beyond the kit's: close with a code after some audio, or slow results down. */
    sealed interface LiveFault {
        /** Close with {@code code}/{@code reason} once {@code afterAudioBytes} arrived (0: right after the upgrade). */
        record CloseWith(int code, String reason, long afterAudioBytes) implements LiveFault {
        }

        /** Wait this long before each result message. */
        record DelayResults(Duration delay) implements LiveFault {
        }
    }

    private final String apiKey;
    private final FakeHttpServer http = FakeHttpServer.start();
    private final FakeWebSocketServer ws = FakeWebSocketServer.start();
    private final FrontDoor door = new FrontDoor(http.port(), ws.port());
    private final AtomicReference<Fault> pendingFault = new AtomicReference<>();
    private final AtomicReference<LiveFault> pendingLiveFault = new AtomicReference<>();
    private final AtomicReference<ByteArrayOutputStream> latestAudio = new AtomicReference<>(new ByteArrayOutputStream());
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<List<String>> liveLogs = new CopyOnWriteArrayList<>();
    private volatile ScriptedTranscript script = ScriptedTranscript.EMPTY;
    private volatile Duration idleTimeout = Duration.ofSeconds(10);

    private DeepgramFake(String apiKey) {
        this.apiKey = apiKey;
        String auth = "Token " + apiKey;
        http.requireHeader("Authorization", auth, invalidAuth());
        http.route("POST", "/v1/listen", this::listen);
        http.route("POST", "/v1/speak", this::speak);
        http.route("GET", "/v1/models", this::models);
        ws.beforeUpgrade(req -> req.header("Authorization").map(auth::equals).orElse(false) ? null : invalidAuth());
        ws.beforeUpgrade(this::upgradeFault);
        ws.beforeUpgrade(this::validateUpgrade);
        ws.route("/v1/listen", this::liveListen);
        ws.route("/v1/speak", this::liveSpeak);
    }

    static DeepgramFake start(String apiKey) {
        return new DeepgramFake(apiKey);
    }

    /** {@code http://127.0.0.1:<port>}: REST and WebSocket on the same port, like api.deepgram.com. */
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + door.port());
    }

    FakeHttpServer http() {
        return http;
    }

    FakeWebSocketServer webSocket() {
        return ws;
    }

    /** Server-side idle timeout of live streams (Deepgram's is about 10 s). */
    DeepgramFake idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
        return this;
    }

    void willFailLive(LiveFault fault) {
        pendingLiveFault.set(fault);
    }

    /** Protocol rules the client broke, in order. */
    List<String> violations() {
        return List.copyOf(violations);
    }

    /**
     * What each live stream received, in order: {@code audio:<bytes>} per binary frame and the {@code type} of each
     * control message.
     */
    List<List<String>> liveLogs() {
        return liveLogs.stream().map(List::copyOf).toList(); // a connection may still be appending
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
        ByteArrayOutputStream audio = latestAudio.get();
        synchronized (audio) {
            return audio.toByteArray();
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

    // ---- errors in Deepgram's shapes ------------------------------------------------------------------------

    static FakeResponse legacyError(int status, String code, String message) {
        String id = UUID.randomUUID().toString();
        return FakeResponse.json(status, Map.of("err_code", code, "err_msg", message, "request_id", id))
                .withHeader(DeepgramErrors.REQUEST_ID_HEADER, id).withHeader(DeepgramErrors.ERROR_HEADER, message);
    }

    static FakeResponse invalidAuth() {
        return legacyError(401, "INVALID_AUTH", "Invalid credentials.");
    }

    static FakeResponse paymentRequired() {
        return legacyError(402, "ASR_PAYMENT_REQUIRED", "Project does not have enough credits for an ASR request.");
    }

    static FakeResponse tooManyRequests(Duration retryAfter) {
        return legacyError(429, "TOO_MANY_REQUESTS", "Too many requests. Please try again later")
                .withHeader("Retry-After", Long.toString((retryAfter.toMillis() + 999) / 1000));
    }

    static FakeResponse serverError(int status) {
        String id = UUID.randomUUID().toString();
        return FakeResponse.json(status, Map.of("error_code", "Service Unavailable", "err_msg",
                "Please try again later", "request_id", id)).withHeader(DeepgramErrors.REQUEST_ID_HEADER, id);
    }

    private static FakeResponse badQuery(String message) {
        return legacyError(400, "INVALID_QUERY_PARAMETER", message);
    }

    /** The HTTP answer for a pending kit fault, or null when none is pending. */
    private FakeResponse httpFault(FakeResponse partialBody) {
        Fault f = pendingFault.getAndSet(null);
        if (f == null) {
            return null;
        }
        return switch (f) {
            case Fault.Unauthorized u -> invalidAuth();
            case Fault.RateLimited r -> tooManyRequests(r.retryAfter());
            case Fault.ServerError s -> serverError(s.status());
            case Fault.MalformedPayload m -> FakeResponse.malformedJson();
            case Fault.Hang h -> FakeResponse.hang();
            case Fault.DropConnection d -> partialBody;
        };
    }

    // ---- query validation -----------------------------------------------------------------------------------

    /** Null when the listen query is valid for REST ({@code live == false}) or the WebSocket, else the problem. */
    private static String checkListenQuery(RecordedRequest req, boolean live) {
        for (Map.Entry<String, List<String>> e : req.query().entrySet()) {
            String name = e.getKey();
            boolean known = REST_LISTEN_PARAMS.contains(name) || live && LIVE_ONLY_PARAMS.contains(name);
            if (!known) {
                return "unknown query parameter '" + name + "'" + (LIVE_ONLY_PARAMS.contains(name)
                        ? " (streaming only)" : "");
            }
            if (BOOLEAN_PARAMS.contains(name) && !e.getValue().stream().allMatch(v -> v.equals("true")
                    || v.equals("false"))) {
                return name + " must be true or false";
            }
            if (!name.equals("keyterm") && !name.equals("detect_language") && !name.equals("tag")
                    && !name.equals("extra") && !name.equals("search") && !name.equals("replace")
                    && !name.equals("keywords") && !name.equals("custom_topic") && !name.equals("custom_intent")
                    && e.getValue().size() > 1) {
                return name + " given more than once";
            }
        }
        String encoding = req.queryParam("encoding").orElse(null);
        if (encoding != null) {
            if (!(live ? LIVE_ENCODINGS : REST_ENCODINGS).contains(encoding)) {
                return "unsupported encoding '" + encoding + "'";
            }
            if (positiveInt(req, "sample_rate") <= 0) {
                return "sample_rate is required with encoding";
            }
        }
        if (req.queryParam("channels").isPresent() && positiveInt(req, "channels") <= 0) {
            return "channels must be a positive integer";
        }
        if (live) {
            String endpointing = req.queryParam("endpointing").orElse(null);
            if (endpointing != null && !endpointing.equals("false") && !endpointing.matches("\\d+")) {
                return "endpointing must be false or milliseconds";
            }
            if (req.queryParam("utterance_end_ms").isPresent()
                    && !req.queryParam("interim_results").map("true"::equals).orElse(false)) {
                return "utterance_end_ms requires interim_results=true";
            }
            if (req.queryParam("diarize_model").filter(v -> !v.equals("latest") && !v.equals("v1")).isPresent()) {
                return "diarize_model must be latest or v1 on streaming";
            }
        }
        return null;
    }

    private static int positiveInt(RecordedRequest req, String name) {
        try {
            return Integer.parseInt(req.queryParam(name).orElse("0"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private FakeResponse validateUpgrade(RecordedRequest req) {
        String problem = switch (req.path()) {
            case "/v1/listen" -> checkListenQuery(req, true);
            case "/v1/speak" -> checkSpeakQuery(req, true);
            default -> null;
        };
        if (problem != null) {
            violations.add(problem);
            return badQuery(problem);
        }
        return null;
    }

    /** Kit faults that stop the upgrade itself; the others are played by the connection handler. */
    private FakeResponse upgradeFault(RecordedRequest req) {
        Fault f = pendingFault.get();
        boolean atUpgrade = f instanceof Fault.Unauthorized || f instanceof Fault.RateLimited || f instanceof Fault.Hang;
        if (!atUpgrade || !pendingFault.compareAndSet(f, null)) {
            return null;
        }
        return switch (f) {
            case Fault.Unauthorized u -> invalidAuth();
            case Fault.RateLimited r -> tooManyRequests(r.retryAfter());
            default -> FakeResponse.hang();
        };
    }

    // ---- batch listen ---------------------------------------------------------------------------------------

    private FakeResponse listen(RecordedRequest req) {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        audio.writeBytes(req.body());
        latestAudio.set(audio);
        String contentType = req.header("Content-Type").orElse("");
        String problem = checkListenQuery(req, false);
        if (problem != null) {
            violations.add(problem);
            return badQuery(problem);
        }
        if (!contentType.startsWith("audio/") && !contentType.startsWith("application/octet-stream")) {
            violations.add("content type " + contentType);
            return legacyError(400, "Bad Request", "failed to process audio: corrupt or unsupported data");
        }
        String requestId = UUID.randomUUID().toString();
        String json = Json.write(batchResult(req, requestId));
        FakeResponse fault = httpFault(FakeResponse.dropMidBody(200, "application/json",
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8), json.length() / 2));
        if (fault != null) {
            return fault;
        }
        if (req.body().length == 0) {
            return legacyError(400, "Bad Request", "failed to process audio: corrupt or unsupported data");
        }
        return FakeResponse.json(200, json).withHeader(DeepgramErrors.REQUEST_ID_HEADER, requestId);
    }

    private ObjectNode batchResult(RecordedRequest req, String requestId) {
        ScriptedTranscript s = script;
        boolean punctuate = flag(req, "punctuate") || flag(req, "smart_format");
        boolean diarize = flag(req, "diarize");
        ObjectNode root = Json.object();
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("transaction_key", "deprecated");
        metadata.put("request_id", requestId);
        metadata.put("sha256", sha256(req.body()));
        metadata.put("created", Instant.now().toString());
        metadata.put("duration", durationOf(req));
        metadata.put("channels", 1);
        metadata.putArray("models").add(MODEL_UUID);
        metadata.putObject("model_info").putObject(MODEL_UUID).put("name", "general-nova-3")
                .put("version", "2024-12-20.0").put("arch", "nova-3");
        ObjectNode channel = root.putObject("results").putArray("channels").addObject();
        if (req.queryParam("detect_language").filter("true"::equals).isPresent()) {
            channel.put("detected_language", "en");
            channel.put("language_confidence", 0.99);
        }
        ObjectNode alt = channel.putArray("alternatives").addObject();
        alt.put("transcript", transcript(s.words(), punctuate));
        alt.put("confidence", 0.98);
        alt.set("words", wordsJson(s.words(), punctuate, diarize));
        if (flag(req, "utterances") && !s.words().isEmpty()) {
            ObjectNode u = root.withObject("results").putArray("utterances").addObject();
            u.put("start", s.words().getFirst().start()).put("end", s.words().getLast().end())
                    .put("confidence", 0.98).put("channel", 0).put("transcript", transcript(s.words(), punctuate))
                    .put("speaker", 0).put("id", UUID.randomUUID().toString());
            u.set("words", wordsJson(s.words(), punctuate, true));
        }
        return root;
    }

    private static double durationOf(RecordedRequest req) {
        byte[] body = req.body();
        String encoding = req.queryParam("encoding").orElse(null);
        if (encoding != null) {
            int perSample = switch (encoding) {
                case "linear16" -> 2;
                case "mulaw", "alaw" -> 1;
                default -> 0;
            };
            int rate = positiveInt(req, "sample_rate");
            int channels = Math.max(1, positiveInt(req, "channels"));
            return perSample == 0 || rate <= 0 ? 0 : (double) body.length / (perSample * rate * channels);
        }
        try {
            return Wav.read(body).durationSeconds();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static boolean flag(RecordedRequest req, String name) {
        return req.queryParam(name).map("true"::equals).orElse(false);
    }

    static String transcript(List<Word> words, boolean punctuate) {
        return words.stream().map(w -> punctuate ? w.punctuated() : w.word()).collect(Collectors.joining(" "));
    }

    static ArrayNode wordsJson(List<Word> words, boolean punctuate, boolean diarize) {
        ArrayNode arr = Json.array();
        for (Word w : words) {
            ObjectNode o = arr.addObject().put("word", w.word()).put("start", w.start()).put("end", w.end())
                    .put("confidence", w.confidence());
            if (punctuate) {
                o.put("punctuated_word", w.punctuated());
            }
            if (diarize) {
                o.put("speaker", 0).put("speaker_confidence", 0.71);
            }
        }
        return arr;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- live listen ----------------------------------------------------------------------------------------

    /** Bytes per second of the stream's audio, or 0 when unknown (then words settle only at the end). */
    private static double bytesPerSecond(RecordedRequest req, byte[] firstAudio) {
        String encoding = req.queryParam("encoding").orElse(null);
        int channels = Math.max(1, positiveInt(req, "channels"));
        if (encoding != null) {
            int perSample = switch (encoding) {
                case "linear16" -> 2;
                case "linear32" -> 4;
                case "mulaw", "alaw" -> 1;
                default -> 0;
            };
            return (double) perSample * positiveInt(req, "sample_rate") * channels;
        }
        if (firstAudio.length >= 44 && firstAudio[0] == 'R' && firstAudio[1] == 'I') {
            ByteBuffer b = ByteBuffer.wrap(firstAudio).order(ByteOrder.LITTLE_ENDIAN);
            return b.getInt(28); // byte rate of a canonical WAV header
        }
        return 0;
    }

    private void liveListen(WsConnection conn) throws Exception {
        RecordedRequest req = conn.request();
        Fault fault = pendingFault.getAndSet(null);
        LiveFault liveFault = pendingLiveFault.getAndSet(null);
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        latestAudio.set(audio);
        List<String> log = new CopyOnWriteArrayList<>();
        liveLogs.add(log);
        LiveSession session = new LiveSession(conn, req, script, liveFault instanceof LiveFault.DelayResults d
                ? d.delay() : Duration.ZERO);
        if (liveFault instanceof LiveFault.CloseWith c && c.afterAudioBytes() == 0) {
            conn.close(c.code(), c.reason());
            return;
        }
        double bytesPerSecond = -1;
        long received = 0;
        long headerBytes = 0;
        boolean closeStreamReceived = false;
        while (true) {
            WsMessage m = conn.receive(idleTimeout);
            if (m == null) {
                log.add("idle-timeout");
                conn.close(1011, "NET-0001");
                return;
            }
            switch (m) {
                case WsMessage.Binary b -> {
                    log.add("audio:" + b.data().length);
                    if (closeStreamReceived) {
                        violate(conn, "audio after CloseStream");
                        return;
                    }
                    if (b.data().length == 0) {
                        violate(conn, "zero-length audio frame");
                        return;
                    }
                    synchronized (audio) {
                        audio.writeBytes(b.data());
                    }
                    if (bytesPerSecond < 0) {
                        bytesPerSecond = bytesPerSecond(req, b.data());
                        headerBytes = req.queryParam("encoding").isEmpty() && bytesPerSecond > 0 ? 44 : 0;
                    }
                    received += b.data().length;
                    if (fault instanceof Fault.ServerError) {
                        conn.close(1011, "NET-0000");
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
                    if (liveFault instanceof LiveFault.CloseWith c && received >= c.afterAudioBytes()) {
                        conn.close(c.code(), c.reason());
                        return;
                    }
                    double now = bytesPerSecond > 0 ? Math.max(0, received - headerBytes) / bytesPerSecond : 0;
                    session.audioReached(now);
                }
                case WsMessage.Text t -> {
                    String type = controlType(t.text());
                    log.add(type == null ? "<invalid>" : type);
                    if (type == null) {
                        violate(conn, "control message is not {\"type\": ...} JSON with only documented fields: "
                                + t.text());
                        return;
                    }
                    if (closeStreamReceived) {
                        violate(conn, type + " after CloseStream");
                        return;
                    }
                    switch (type) {
                        case "KeepAlive" -> {
                            // no reply; it only resets the idle timer
                        }
                        case "Finalize" -> session.finalizeNow();
                        case "CloseStream" -> {
                            closeStreamReceived = true;
                            session.closeStream();
                            conn.close(1000, "");
                            return;
                        }
                        default -> {
                            violate(conn, "unknown control message type " + type);
                            return;
                        }
                    }
                }
                case WsMessage.Close c -> {
                    log.add("close:" + c.code());
                    return;
                }
            }
        }
    }

    /** The {@code type} of a control message, or null if it is not a JSON object with only {@code type}. */
    private static String controlType(String text) {
        try {
            JsonNode n = Json.parse(text);
            if (!n.isObject() || !n.path("type").isString() || n.size() != 1) {
                return null;
            }
            return n.path("type").asString();
        } catch (JacksonException e) {
            return null;
        }
    }

    private void violate(WsConnection conn, String what) throws InterruptedException {
        violations.add(what);
        conn.close(1008, "DATA-0000");
    }

    /** The recognition side of one live stream: what to reveal and settle as audio arrives. */
    private static final class LiveSession {
        private final WsConnection conn;
        private final ScriptedTranscript script;
        private final ScriptedTranscript.Cursor cursor;
        private final Duration delay;
        private final String requestId = UUID.randomUUID().toString();
        private final boolean interims;
        private final boolean punctuate;
        private final boolean diarize;
        private final boolean vadEvents;
        private final double endpointing;
        private final double utteranceEnd;
        private int settled;
        private double lastFinalEnd;
        private double now;
        private boolean inSpeech;
        private double pendingUtteranceEnd = -1;

        LiveSession(WsConnection conn, RecordedRequest req, ScriptedTranscript script, Duration delay) {
            this.conn = conn;
            this.script = script;
            this.cursor = script.cursor();
            this.delay = delay;
            this.interims = flag(req, "interim_results");
            this.punctuate = flag(req, "punctuate") || flag(req, "smart_format");
            this.diarize = flag(req, "diarize");
            this.vadEvents = flag(req, "vad_events");
            String ep = req.queryParam("endpointing").orElse("10");
            this.endpointing = ep.equals("false") ? Double.POSITIVE_INFINITY : Integer.parseInt(ep) / 1000.0;
            this.utteranceEnd = req.queryParam("utterance_end_ms").map(v -> Integer.parseInt(v) / 1000.0).orElse(-1.0);
        }

        void audioReached(double seconds) throws Exception {
            now = seconds;
            List<Word> heard = cursor.newInterim(now);
            if (!heard.isEmpty()) {
                pendingUtteranceEnd = -1;
                if (vadEvents && !inSpeech) {
                    send(Json.write(Map.of("type", "SpeechStarted", "channel", List.of(0, 1), "timestamp",
                            heard.getFirst().start())));
                }
                inSpeech = true;
                if (interims) {
                    send(results(heard, false, false, false));
                }
            }
            // Endpoint: the audio ran on `endpointing` seconds past the last word heard without a new one.
            List<Word> unsettled = unsettledHeard();
            if (!unsettled.isEmpty() && now >= unsettled.getLast().end() + endpointing) {
                double lastEnd = unsettled.getLast().end();
                List<Word> words = cursor.finalizeUpTo(lastEnd);
                settled += words.size();
                send(results(words, true, true, false));
                inSpeech = false;
                pendingUtteranceEnd = lastEnd;
            }
            if (utteranceEnd > 0 && pendingUtteranceEnd >= 0 && now >= pendingUtteranceEnd + utteranceEnd) {
                send(Json.write(Map.of("type", "UtteranceEnd", "channel", List.of(0, 1), "last_word_end",
                        pendingUtteranceEnd)));
                pendingUtteranceEnd = -1;
            }
        }

        private List<Word> unsettledHeard() {
            List<Word> out = new ArrayList<>();
            for (int i = settled; i < script.words().size() && script.words().get(i).start() < now; i++) {
                out.add(script.words().get(i));
            }
            return out;
        }

        void finalizeNow() throws Exception {
            List<Word> words = cursor.finalizeUpTo(now);
            settled += words.size();
            send(results(words, true, false, true));
        }

        void closeStream() throws Exception {
            List<Word> words = cursor.finalizeAll();
            settled += words.size();
            if (!words.isEmpty()) {
                send(results(words, true, true, false));
            }
            send(Json.write(Map.of("type", "Metadata", "transaction_key", "deprecated", "request_id", requestId,
                    "sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "created",
                    Instant.now().toString(), "duration", now, "channels", 1)));
        }

        private String results(List<Word> words, boolean isFinal, boolean speechFinal, boolean fromFinalize) {
            double start = lastFinalEnd;
            double end = Math.max(start, now);
            if (isFinal) {
                lastFinalEnd = end;
            }
            ObjectNode n = Json.object();
            n.put("type", "Results");
            n.putArray("channel_index").add(0).add(1);
            n.put("duration", end - start);
            n.put("start", start);
            n.put("is_final", isFinal);
            n.put("speech_final", speechFinal);
            ObjectNode alt = n.putObject("channel").putArray("alternatives").addObject();
            alt.put("transcript", transcript(words, punctuate));
            alt.put("confidence", words.isEmpty() ? 0 : 0.95);
            alt.set("words", wordsJson(words, punctuate, diarize));
            ObjectNode md = n.putObject("metadata");
            md.put("request_id", requestId);
            md.put("model_uuid", MODEL_UUID);
            md.putObject("model_info").put("name", "general-nova-3").put("version", "2024-12-20.0")
                    .put("arch", "nova-3");
            n.put("from_finalize", fromFinalize);
            return Json.write(n);
        }

        private void send(String json) throws Exception {
            if (!delay.isZero()) {
                conn.pause(delay);
            }
            conn.sendText(json);
        }
    }

    // ---- speak ----------------------------------------------------------------------------------------------

    private String checkSpeakQuery(RecordedRequest req, boolean live) {
        for (Map.Entry<String, List<String>> e : req.query().entrySet()) {
            if (!(live ? SPEAK_WS_PARAMS : SPEAK_PARAMS).contains(e.getKey())) {
                return "unknown query parameter '" + e.getKey() + "'";
            }
            if (e.getValue().size() > 1) {
                return e.getKey() + " given more than once";
            }
        }
        if (!req.queryParam("model").orElse("aura-asteria-en").startsWith("aura-")) {
            return "No such model: " + req.queryParam("model").orElse("");
        }
        String encoding = req.queryParam("encoding").orElse(live ? "linear16" : "mp3");
        Set<String> encodings = live ? Set.of("linear16", "mulaw", "alaw")
                : Set.of("linear16", "mulaw", "alaw", "mp3", "opus", "flac", "aac");
        if (!encodings.contains(encoding)) {
            return "unsupported encoding '" + encoding + "'";
        }
        String container = req.queryParam("container").orElse(null);
        if (container != null) {
            boolean ok = switch (encoding) {
                case "linear16", "mulaw", "alaw" -> container.equals("wav") || container.equals("none");
                case "opus" -> container.equals("ogg") || container.equals("none");
                default -> container.equals("none");
            };
            if (!ok) {
                return "container " + container + " is not available for " + encoding;
            }
        }
        if (req.queryParam("sample_rate").isPresent()) {
            int rate = positiveInt(req, "sample_rate");
            Set<Integer> rates = switch (encoding) {
                case "linear16" -> Set.of(8000, 16000, 24000, 32000, 48000);
                case "mulaw", "alaw" -> Set.of(8000, 16000);
                case "flac" -> Set.of(8000, 16000, 22050, 32000, 48000);
                default -> Set.of();
            };
            if (!rates.contains(rate)) {
                return "sample_rate " + rate + " is not configurable/allowed for " + encoding;
            }
        }
        return null;
    }

    /** 50 ms of tone per character, encoded as asked: clearly audio, clearly proportional to the text. */
    private static byte[] speech(String text, String encoding, String container, int rate) {
        byte[] pcm = TestAudio.tone(220, 0.05 * text.length(), rate);
        short[] samples = new short[pcm.length / 2];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        byte[] coded = switch (encoding) {
            case "linear16" -> pcm;
            case "mulaw" -> G711.encodeMulaw(samples);
            case "alaw" -> G711.encodeAlaw(samples);
            // Compressed encodings: only their magic bytes are real; the fake never decodes them.
            case "mp3" -> withMagic(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0}, pcm.length / 8);
            case "opus" -> withMagic("OggS".getBytes(), pcm.length / 8);
            case "flac" -> withMagic("fLaC".getBytes(), pcm.length / 2);
            default -> withMagic(new byte[] {(byte) 0xFF, (byte) 0xF1}, pcm.length / 8);
        };
        if ("wav".equals(container)) {
            Encoding e = switch (encoding) {
                case "mulaw" -> Encoding.MULAW;
                case "alaw" -> Encoding.ALAW;
                default -> Encoding.PCM_SIGNED;
            };
            return Wav.write(new AudioFormat(Container.RAW, e, rate, 1, e == Encoding.PCM_SIGNED ? 16 : 8), coded);
        }
        return coded;
    }

    private static byte[] withMagic(byte[] magic, int length) {
        byte[] out = new byte[Math.max(length, magic.length)];
        System.arraycopy(magic, 0, out, 0, magic.length);
        return out;
    }

    private static String contentType(String encoding, String container) {
        if ("wav".equals(container)) {
            return "audio/wav";
        }
        return switch (encoding) {
            case "mp3" -> "audio/mpeg";
            case "opus" -> "audio/ogg";
            case "flac" -> "audio/flac";
            case "aac" -> "audio/aac";
            default -> "application/octet-stream";
        };
    }

    private FakeResponse speak(RecordedRequest req) throws Exception {
        String problem = checkSpeakQuery(req, false);
        if (problem != null) {
            violations.add(problem);
            return badQuery(problem);
        }
        String contentType = req.header("Content-Type").orElse("");
        if (!contentType.startsWith("application/json") && !contentType.startsWith("text/plain")) {
            return legacyError(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json or text/plain");
        }
        String text;
        try {
            text = contentType.startsWith("text/plain") ? req.bodyText()
                    : Json.parse(req.body()).path("text").asString("");
        } catch (JacksonException e) {
            return legacyError(400, "INVALID_JSON", "Invalid JSON submitted.");
        }
        texts.add(text);
        String encoding = req.queryParam("encoding").orElse("mp3");
        String container = req.queryParam("container").orElse(switch (encoding) {
            case "linear16", "mulaw", "alaw" -> "wav";
            case "opus" -> "ogg";
            default -> "none";
        });
        int rate = req.queryParam("sample_rate").map(Integer::parseInt).orElse(switch (encoding) {
            case "linear16" -> 24000;
            case "mulaw", "alaw" -> 8000;
            default -> 22050;
        });
        byte[] audio = speech(text, encoding, container, rate);
        String type = contentType(encoding, container);
        String requestId = UUID.randomUUID().toString();
        FakeResponse drop = FakeResponse.streamed(200, type, body -> {
            body.write(java.util.Arrays.copyOf(audio, Math.min(audio.length, 4800)));
            body.drop();
        });
        FakeResponse fault = httpFault(drop);
        if (fault != null) {
            return fault;
        }
        if (text.isBlank()) {
            return legacyError(400, "Bad Request", "text is empty");
        }
        if (text.length() > MAX_SPEAK_CHARS) {
            return legacyError(413, "Payload Too Large", "Input text exceeds maximum character limit of "
                    + MAX_SPEAK_CHARS);
        }
        return FakeResponse.streamed(200, type, body -> {
            int chunk = 4800;
            for (int off = 0; off < audio.length; off += chunk) {
                body.write(java.util.Arrays.copyOfRange(audio, off, Math.min(audio.length, off + chunk)));
                body.pause(Duration.ofMillis(2));
            }
        }).withHeader(DeepgramErrors.REQUEST_ID_HEADER, requestId)
                .withHeader("dg-model-name", req.queryParam("model").orElse("aura-asteria-en"))
                .withHeader("dg-char-count", Integer.toString(text.length()));
    }

    private void liveSpeak(WsConnection conn) throws Exception {
        RecordedRequest req = conn.request();
        Fault fault = pendingFault.getAndSet(null);
        List<String> log = new CopyOnWriteArrayList<>();
        liveLogs.add(log);
        String model = req.queryParam("model").orElse("aura-asteria-en");
        String encoding = req.queryParam("encoding").orElse("linear16");
        int rate = req.queryParam("sample_rate").map(Integer::parseInt).orElse(24000);
        conn.sendText(Json.write(Map.of("type", "Metadata", "request_id", UUID.randomUUID().toString(),
                "model_name", model, "model_version", "2025-04-01.0", "model_uuid", MODEL_UUID)));
        StringBuilder pending = new StringBuilder();
        int flushes = 0;
        int clears = 0;
        while (true) {
            WsMessage m = conn.receive(Duration.ofSeconds(60));
            if (m == null || m instanceof WsMessage.Close) {
                return;
            }
            if (m instanceof WsMessage.Binary) {
                violate(conn, "binary message on the speak socket");
                return;
            }
            JsonNode n;
            try {
                n = Json.parse(m.asText());
            } catch (JacksonException e) {
                violate(conn, "speak message is not JSON");
                return;
            }
            String type = n.path("type").asString("");
            log.add(type);
            switch (type) {
                case "Speak" -> {
                    if (!n.path("text").isString()) {
                        violate(conn, "Speak without text");
                        return;
                    }
                    texts.add(n.path("text").asString());
                    pending.append(n.path("text").asString());
                }
                case "Flush", "Close" -> {
                    if (pending.length() > 0) {
                        byte[] audio = speech(pending.toString(), encoding, "none", rate);
                        pending.setLength(0);
                        if (fault instanceof Fault.DropConnection) {
                            conn.sendBinary(java.util.Arrays.copyOf(audio, Math.min(audio.length, 960)));
                            conn.drop();
                            return;
                        }
                        if (fault instanceof Fault.ServerError) {
                            conn.close(1011, "NET-0000");
                            return;
                        }
                        for (int off = 0; off < audio.length; off += 4800) {
                            conn.sendBinary(java.util.Arrays.copyOfRange(audio, off, Math.min(audio.length, off + 4800)));
                        }
                    }
                    if (type.equals("Close")) {
                        conn.close(1000, "");
                        return;
                    }
                    conn.sendText(Json.write(Map.of("type", "Flushed", "sequence_id", flushes++)));
                }
                case "Clear" -> {
                    pending.setLength(0);
                    conn.sendText(Json.write(Map.of("type", "Cleared", "sequence_id", clears++)));
                }
                default -> {
                    violate(conn, "unknown speak message type " + type);
                    return;
                }
            }
        }
    }

    // ---- models ---------------------------------------------------------------------------------------------

    private FakeResponse models(RecordedRequest req) {
        FakeResponse fault = httpFault(FakeResponse.dropConnection());
        if (fault != null) {
            return fault;
        }
        ObjectNode root = Json.object();
        root.putArray("stt").addObject().put("name", "nova-3").put("canonical_name", "nova-3")
                .put("architecture", "nova-3").put("version", "2024-12-20.0").put("uuid", MODEL_UUID)
                .put("batch", true).put("streaming", true).put("formatted_output", true)
                .putArray("languages").add("en").add("en-US");
        ArrayNode tts = root.putArray("tts");
        voice(tts, "thalia", "aura-2-thalia-en", "aura-2", List.of("en", "en-US"), "American", "feminine");
        voice(tts, "orion", "aura-orion-en", "aura", List.of("en", "en-US"), "American", "masculine");
        voice(tts, "celeste", "aura-2-celeste-es", "aura-2", List.of("es", "es-co"), "Colombian", "feminine");
        return FakeResponse.json(200, Json.write(root));
    }

    private static void voice(ArrayNode tts, String name, String canonical, String arch, List<String> languages,
                              String accent, String tag) {
        ObjectNode v = tts.addObject().put("name", name).put("canonical_name", canonical).put("architecture", arch)
                .put("version", "2025-04-01.0").put("uuid", UUID.nameUUIDFromBytes(canonical.getBytes()).toString());
        ArrayNode langs = v.putArray("languages");
        languages.forEach(langs::add);
        ObjectNode md = v.putObject("metadata").put("accent", accent).put("age", "Adult").put("color", "#C58DFF")
                .put("sample", "https://static.deepgram.com/examples/" + canonical + ".wav");
        md.putArray("tags").add(tag).add("friendly");
        md.putArray("use_cases").add("IVR");
    }
}
