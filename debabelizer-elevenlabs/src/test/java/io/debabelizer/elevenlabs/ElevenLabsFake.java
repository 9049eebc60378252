package io.debabelizer.elevenlabs;

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
import io.debabelizer.testkit.fake.WsConnection;
import io.debabelizer.testkit.fake.WsMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An ElevenLabs server on one loopback port, written from {@code shared/protocols/elevenlabs.md} (with the
 * corrections in its README): {@code POST /v1/text-to-speech/{voice_id}}, {@code /stream}, {@code /with-timestamps},
 * the {@code stream-input} WebSocket, {@code GET /v1/voices}, {@code GET /v1/models} and {@code POST
 * /v1/speech-to-text}. Strict like the real one: {@code xi-api-key} on everything (REST and the upgrade), known
 * query parameters, body fields, voice settings and {@code output_format} values (else 422 in FastAPI's shape),
 * multipart fields for Scribe, and the stream-input message order (a single space first, pieces ending in a space,
 * {@code {"text":""}} last). A broken rule is listed in {@link #violations()}.
 *
 * <p>Speech is 50 ms per character (a tone for PCM, filler frames for compressed formats); alignment gives every
 * character exactly its 50 ms, so tests can check timings against the text. The socket generates audio when its
 * buffer reaches the chunk length schedule, on {@code flush}, on {@code try_trigger_generation} with at least 50
 * characters, and at the end; each generation goes out as two audio messages cut mid-text, times relative to each.
 */
final class ElevenLabsFake implements TtsProviderFake, SttProviderFake {

    static final String RACHEL = "21m00Tcm4TlvDq8ikWAM";
    static final String ADAM = "pNInz6obpgDQGcFmaJgB";
    static final String MIA = "Xb7hH8MSUJpSbSDYk0k2";
    static final List<String> VOICE_IDS = List.of(RACHEL, ADAM, MIA);
    static final double SECONDS_PER_CHAR = 0.05;

    static final Set<String> MODELS = Set.of("eleven_multilingual_v2", "eleven_flash_v2_5", "eleven_turbo_v2_5",
            "eleven_flash_v2", "eleven_turbo_v2", "eleven_v3", "eleven_monolingual_v1", "eleven_multilingual_v1");
    private static final Set<String> BODY_FIELDS = Set.of("text", "model_id", "language_code", "voice_settings",
            "pronunciation_dictionary_locators", "seed", "previous_text", "next_text", "previous_request_ids",
            "next_request_ids", "apply_text_normalization", "apply_language_text_normalization", "use_pvc_as_ivc");
    private static final Set<String> VOICE_SETTINGS = Set.of("stability", "similarity_boost", "style",
            "use_speaker_boost", "speed");
    private static final Set<String> REST_QUERY = Set.of("output_format", "enable_logging",
            "optimize_streaming_latency");
    private static final Set<String> WS_QUERY = Set.of("model_id", "language_code", "output_format",
            "enable_logging", "enable_ssml_parsing", "inactivity_timeout", "sync_alignment", "auto_mode",
            "apply_text_normalization", "seed", "authorization");
    private static final Set<String> STT_FIELDS = Set.of("model_id", "file", "cloud_storage_url", "source_url",
            "language_code", "tag_audio_events", "num_speakers", "timestamps_granularity", "diarize",
            "diarization_threshold", "additional_formats", "file_format", "webhook", "webhook_id", "webhook_metadata",
            "temperature", "seed", "use_multi_channel", "multichannel_output_style", "keyterms");
    private static final Set<String> STT_MODELS = Set.of("scribe_v1", "scribe_v1_experimental", "scribe_v2");
    private static final List<Integer> DEFAULT_SCHEDULE = List.of(120, 160, 250, 290);

    /** Faults beyond the kit's. */
    sealed interface Trouble {
        /** REST audio announced in full but cut off (a clean FIN) after half. */
        record TruncatedAudio() implements Trouble {
        }

        /** The socket accepts the connection and every message but never sends audio. */
        record SilentSocket() implements Trouble {
        }

        /** On the first text piece the socket reports {@code error} and closes with {@code code}. */
        record SocketError(String error, String message, int code) implements Trouble {
        }
    }

    /** What one stream-input connection received and how it answered. */
    record SocketLog(RecordedRequest upgrade, List<String> messages, List<Integer> audioMessages) {
    }

    private final FakeHttpServer http = FakeHttpServer.start();
    private final FakeWebSocketServer ws = FakeWebSocketServer.start();
    private final FrontDoor door = new FrontDoor(http.port(), ws.port());
    private final AtomicReference<Fault> pendingFault = new AtomicReference<>();
    private final AtomicReference<Trouble> pendingTrouble = new AtomicReference<>();
    private final AtomicReference<byte[]> latestAudio = new AtomicReference<>(new byte[0]);
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<SocketLog> sockets = new CopyOnWriteArrayList<>();
    private volatile ScriptedTranscript script = ScriptedTranscript.EMPTY;
    private volatile String durationsKey = "charDurationsMs";

    private ElevenLabsFake(String apiKey) {
        http.requireHeader("xi-api-key", apiKey, invalidApiKey());
        for (String id : VOICE_IDS) {
            String base = "/v1/text-to-speech/" + id;
            http.route("POST", base, req -> speak(req, id, Mode.WHOLE));
            http.route("POST", base + "/stream", req -> speak(req, id, Mode.STREAM));
            http.route("POST", base + "/with-timestamps", req -> speak(req, id, Mode.TIMESTAMPS));
            ws.route(base + "/stream-input", this::streamInput);
        }
        http.route("GET", "/v1/voices", this::voices);
        http.route("GET", "/v1/models", this::models);
        http.route("POST", "/v1/speech-to-text", this::transcribe);
        ws.beforeUpgrade(req -> req.header("xi-api-key").map(apiKey::equals).orElse(false) ? null
                : invalidApiKey());
        ws.beforeUpgrade(this::upgradeFault);
        ws.beforeUpgrade(this::validateUpgrade);
    }

    static ElevenLabsFake start(String apiKey) {
        return new ElevenLabsFake(apiKey);
    }

    /** {@code http://127.0.0.1:<port>}: REST and WebSocket on one port, like api.elevenlabs.io. */
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + door.port());
    }

    FakeHttpServer http() {
        return http;
    }

    FakeWebSocketServer webSocket() {
        return ws;
    }

    void willFail(Trouble trouble) {
        pendingTrouble.set(trouble);
    }

    /** Spell the alignment durations key the spec's way ({@code charsDurationsMs}) or the SDK's. */
    void durationsKey(String key) {
        this.durationsKey = key;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    List<SocketLog> sockets() {
        return List.copyOf(sockets);
    }

    // ---- kit hooks ------------------------------------------------------------------------------------------

    @Override
    public void willFail(Fault fault) {
        pendingFault.set(fault);
    }

    @Override
    public List<String> receivedTexts() {
        return List.copyOf(texts);
    }

    @Override
    public void willTranscribe(String text, List<Word> words) {
        script = new ScriptedTranscript(text, words);
    }

    @Override
    public byte[] receivedAudioBytes() {
        return latestAudio.get().clone();
    }

    @Override
    public void close() {
        door.close();
        ws.close();
        http.close();
    }

    // ---- errors in ElevenLabs' shapes -----------------------------------------------------------------------

    static FakeResponse error(int status, String code, String message) {
        return FakeResponse.json(status, Map.of("detail", Map.of("status", code, "message", message)))
                .withHeader("request-id", UUID.randomUUID().toString());
    }

    static FakeResponse invalidApiKey() {
        return error(401, "invalid_api_key", "Invalid API key");
    }

    static FakeResponse tooManyRequests(Duration retryAfter) {
        return error(429, "too_many_concurrent_requests", "Too many concurrent requests for your plan.")
                .withHeader("Retry-After", Long.toString((retryAfter.toMillis() + 999) / 1000));
    }

    static FakeResponse serverError(int status) {
        return error(status, "internal_server_error", "An internal error occurred.");
    }

    private FakeResponse unprocessable(List<String> loc, String msg) {
        violations.add(String.join(".", loc) + ": " + msg);
        ObjectNode root = Json.object();
        ObjectNode d = root.putArray("detail").addObject();
        ArrayNode l = d.putArray("loc");
        loc.forEach(l::add);
        d.put("msg", msg).put("type", "value_error");
        return FakeResponse.json(422, Json.write(root)).withHeader("request-id", UUID.randomUUID().toString());
    }

    /** The HTTP answer for a pending kit fault, or null. */
    private FakeResponse httpFault(FakeResponse partialBody) {
        Fault f = pendingFault.getAndSet(null);
        if (f == null) {
            return null;
        }
        return switch (f) {
            case Fault.Unauthorized u -> invalidApiKey();
            case Fault.RateLimited r -> tooManyRequests(r.retryAfter());
            case Fault.ServerError s -> serverError(s.status());
            case Fault.MalformedPayload m -> FakeResponse.malformedJson();
            case Fault.Hang h -> FakeResponse.hang();
            case Fault.DropConnection d -> partialBody;
        };
    }

    // ---- speech ---------------------------------------------------------------------------------------------

    private enum Mode { WHOLE, STREAM, TIMESTAMPS }

    /** Audio for {@code chars} characters in {@code outputFormat}: 50 ms each. */
    static byte[] audio(int chars, String outputFormat) {
        String[] p = outputFormat.split("_");
        int rate = Integer.parseInt(p[1]);
        int samples = (int) Math.round(chars * SECONDS_PER_CHAR * rate);
        return switch (p[0]) {
            case "pcm" -> tone(samples, rate);
            case "wav" -> io.debabelizer.testkit.fake.TestAudio.toWav(tone(samples, rate), rate, 1);
            case "ulaw" -> filled(samples, (byte) 0xF0);
            case "alaw" -> filled(samples, (byte) 0xD5);
            case "mp3" -> framed(chars * Integer.parseInt(p[2]) * 1000 / 8 / 20, new byte[] {(byte) 0xFF,
                    (byte) 0xFB, (byte) 0x90, 0x64});
            default -> framed(chars * Integer.parseInt(p[2]) * 1000 / 8 / 20, "OggS".getBytes(
                    StandardCharsets.US_ASCII));
        };
    }

    private static byte[] tone(int samples, int rate) {
        byte[] out = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short s = (short) Math.round(Math.sin(2 * Math.PI * 220 * i / rate) * 8000);
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }

    private static byte[] filled(int n, byte b) {
        byte[] out = new byte[n];
        Arrays.fill(out, b);
        return out;
    }

    private static byte[] framed(int n, byte[] head) {
        byte[] out = new byte[Math.max(n, head.length)];
        System.arraycopy(head, 0, out, 0, head.length);
        return out;
    }

    /** REST alignment: one entry per character, 50 ms each, in seconds. */
    private static ObjectNode restAlignment(String text) {
        ObjectNode a = Json.object();
        ArrayNode chars = a.putArray("characters");
        ArrayNode starts = a.putArray("character_start_times_seconds");
        ArrayNode ends = a.putArray("character_end_times_seconds");
        int i = 0;
        for (int cp : text.codePoints().toArray()) {
            chars.add(new String(Character.toChars(cp)));
            starts.add(Math.round(i * SECONDS_PER_CHAR * 1000) / 1000.0);
            ends.add(Math.round((i + 1) * SECONDS_PER_CHAR * 1000) / 1000.0);
            i++;
        }
        return a;
    }

    private String checkRestQuery(RecordedRequest req) {
        for (String k : req.query().keySet()) {
            if (!REST_QUERY.contains(k)) {
                return k;
            }
        }
        return null;
    }

    private FakeResponse speak(RecordedRequest req, String voiceId, Mode mode) {
        String badParam = checkRestQuery(req);
        if (badParam != null) {
            return unprocessable(List.of("query", badParam), "unknown query parameter");
        }
        String format = req.queryParam("output_format").orElse("mp3_44100_128");
        if (!OutputFormat.KNOWN.contains(format)) {
            return unprocessable(List.of("query", "output_format"), "unknown output format " + format);
        }
        if (!req.header("Content-Type").orElse("").startsWith("application/json")) {
            return unprocessable(List.of("body"), "Content-Type must be application/json");
        }
        JsonNode body;
        try {
            body = Json.parse(req.body());
        } catch (JacksonException e) {
            return unprocessable(List.of("body"), "invalid JSON");
        }
        FakeResponse invalid = checkBody(body);
        if (invalid != null) {
            return invalid;
        }
        String text = body.path("text").asString();
        texts.add(text);
        byte[] audio = audio(text.codePointCount(0, text.length()), format);
        String requestId = UUID.randomUUID().toString();
        FakeResponse drop = FakeResponse.streamed(200, "audio/mpeg", out -> {
            out.write(Arrays.copyOf(audio, Math.min(audio.length, 960)));
            out.drop();
        });
        FakeResponse fault = httpFault(drop);
        if (fault != null) {
            return fault;
        }
        Trouble trouble = pendingTrouble.get();
        if (trouble instanceof Trouble.TruncatedAudio && pendingTrouble.compareAndSet(trouble, null)) {
            return FakeResponse.truncatedBody(200, "audio/mpeg", audio, audio.length / 2)
                    .withHeader("request-id", requestId);
        }
        FakeResponse ok = switch (mode) {
            case WHOLE -> FakeResponse.bytes(200, "audio/mpeg", audio);
            case STREAM -> FakeResponse.streamed(200, "audio/mpeg", out -> {
                for (int off = 0; off < audio.length; off += 4800) {
                    out.write(Arrays.copyOfRange(audio, off, Math.min(audio.length, off + 4800)));
                    out.pause(Duration.ofMillis(2));
                }
            });
            case TIMESTAMPS -> {
                ObjectNode r = Json.object();
                r.put("audio_base64", Base64.getEncoder().encodeToString(audio));
                r.set("alignment", restAlignment(text));
                r.set("normalized_alignment", restAlignment(text));
                yield FakeResponse.json(200, Json.write(r));
            }
        };
        return ok.withHeader("request-id", requestId).withHeader("history-item-id", voiceId + "-" + requestId)
                .withHeader("x-character-count", Integer.toString(text.length()));
    }

    private FakeResponse checkBody(JsonNode body) {
        if (!body.isObject()) {
            return unprocessable(List.of("body"), "expected an object");
        }
        for (String k : body.propertyNames()) {
            if (!BODY_FIELDS.contains(k)) {
                return unprocessable(List.of("body", k), "extra fields not permitted");
            }
        }
        if (!body.path("text").isString() || body.path("text").asString().isEmpty()) {
            return unprocessable(List.of("body", "text"), "field required");
        }
        if (body.has("model_id") && !MODELS.contains(body.path("model_id").asString(""))) {
            return FakeResponse.json(400, Map.of("detail", Map.of("status", "model_not_found",
                    "message", "A model with model_id " + body.path("model_id") + " was not found.")));
        }
        if (body.has("voice_settings")) {
            String problem = checkVoiceSettings(body.path("voice_settings"));
            if (problem != null) {
                return unprocessable(List.of("body", "voice_settings"), problem);
            }
        }
        for (String k : List.of("language_code", "previous_text", "next_text")) {
            if (body.has(k) && !body.path(k).isString()) {
                return unprocessable(List.of("body", k), "str type expected");
            }
        }
        return null;
    }

    private static String checkVoiceSettings(JsonNode vs) {
        if (!vs.isObject()) {
            return "expected an object";
        }
        for (String k : vs.propertyNames()) {
            if (!VOICE_SETTINGS.contains(k)) {
                return "unknown voice setting " + k;
            }
            JsonNode v = vs.path(k);
            if (k.equals("use_speaker_boost") ? !v.isBoolean() : !v.isNumber()) {
                return k + " has the wrong type";
            }
            if (Set.of("stability", "similarity_boost", "style").contains(k) && (v.asDouble() < 0
                    || v.asDouble() > 1)) {
                return k + " out of range";
            }
        }
        return null;
    }

    // ---- stream-input ---------------------------------------------------------------------------------------

    private FakeResponse upgradeFault(RecordedRequest req) {
        Fault f = pendingFault.get();
        boolean atUpgrade = f instanceof Fault.Unauthorized || f instanceof Fault.RateLimited || f instanceof Fault.Hang;
        if (!atUpgrade || !pendingFault.compareAndSet(f, null)) {
            return null;
        }
        return switch (f) {
            case Fault.Unauthorized u -> invalidApiKey();
            case Fault.RateLimited r -> tooManyRequests(r.retryAfter());
            default -> FakeResponse.hang();
        };
    }

    private FakeResponse validateUpgrade(RecordedRequest req) {
        for (String k : req.query().keySet()) {
            if (!WS_QUERY.contains(k)) {
                return unprocessable(List.of("query", k), "unknown query parameter");
            }
        }
        String model = req.queryParam("model_id").orElse("eleven_multilingual_v2");
        if (!MODELS.contains(model) || model.equals("eleven_v3")) {
            return error(400, "invalid_model", "model " + model + " is not available for stream-input");
        }
        String format = req.queryParam("output_format").orElse("mp3_44100_128");
        if (!OutputFormat.KNOWN.contains(format)) {
            return unprocessable(List.of("query", "output_format"), "unknown output format " + format);
        }
        return null;
    }

    private void violate(WsConnection conn, String problem) throws Exception {
        violations.add(problem);
        conn.sendJson(Map.of("message", problem, "error", "invalid_request", "code", 1008));
        conn.close(1008, "invalid_request");
    }

    private void streamInput(WsConnection conn) throws Exception {
        RecordedRequest req = conn.request();
        Fault fault = pendingFault.getAndSet(null);
        Trouble trouble = pendingTrouble.getAndSet(null);
        SocketLog log = new SocketLog(req, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        sockets.add(log);
        String format = req.queryParam("output_format").orElse("mp3_44100_128");
        WsMessage first = conn.receive(Duration.ofSeconds(30));
        if (!(first instanceof WsMessage.Text t1)) {
            violations.add("no initial message");
            conn.close(1008, "no initial message");
            return;
        }
        log.messages().add(t1.text());
        JsonNode init;
        try {
            init = Json.parse(t1.text());
        } catch (JacksonException e) {
            violate(conn, "initial message is not JSON");
            return;
        }
        if (!" ".equals(init.path("text").asString(null))) {
            violate(conn, "the first message's text must be a single space");
            return;
        }
        if (init.has("xi_api_key") || init.has("xi-api-key")) {
            violate(conn, "the key belongs in the xi-api-key header");
            return;
        }
        if (init.has("voice_settings") && checkVoiceSettings(init.path("voice_settings")) != null) {
            violate(conn, "voice_settings: " + checkVoiceSettings(init.path("voice_settings")));
            return;
        }
        List<Integer> schedule = new ArrayList<>(DEFAULT_SCHEDULE);
        if (init.has("generation_config")) {
            JsonNode s = init.path("generation_config").path("chunk_length_schedule");
            schedule.clear();
            for (JsonNode n : s) {
                if (!n.isInt() || n.asInt() < 50 || n.asInt() > 500) {
                    violate(conn, "chunk_length_schedule items must be 50..500");
                    return;
                }
                schedule.add(n.asInt());
            }
            if (schedule.isEmpty()) {
                violate(conn, "empty chunk_length_schedule");
                return;
            }
        }
        Generator gen = new Generator(conn, log, format, schedule, fault);
        while (true) {
            WsMessage m = conn.receive(Duration.ofSeconds(60));
            if (m == null) {
                conn.sendJson(Map.of("message", "Have not received a new text input within the timeout of 60.0 "
                        + "seconds.", "error", "input_timeout_exceeded", "code", 1008));
                conn.close(1008, "input_timeout_exceeded");
                return;
            }
            if (m instanceof WsMessage.Close) {
                return;
            }
            if (m instanceof WsMessage.Binary) {
                violate(conn, "binary message on stream-input");
                return;
            }
            log.messages().add(m.asText());
            JsonNode n;
            try {
                n = Json.parse(m.asText());
            } catch (JacksonException e) {
                violate(conn, "message is not JSON");
                return;
            }
            for (String k : n.propertyNames()) {
                if (!Set.of("text", "flush", "try_trigger_generation").contains(k)) {
                    violate(conn, "unexpected field " + k);
                    return;
                }
            }
            if (!n.path("text").isString()) {
                violate(conn, "a message without text");
                return;
            }
            String text = n.path("text").asString();
            if (text.isEmpty()) {
                if (trouble instanceof Trouble.SilentSocket) {
                    conn.receive(Duration.ofSeconds(120)); // waits for the client to give up
                    return;
                }
                if (!gen.generate(gen.buffer.length())) {
                    return;
                }
                conn.sendJson(Map.of("isFinal", true));
                conn.close(1000, "");
                return;
            }
            if (!text.equals(" ")) {
                if (!text.endsWith(" ")) {
                    violate(conn, "text pieces must end with a space: '" + text + "'");
                    return;
                }
                texts.add(text);
                if (trouble instanceof Trouble.SocketError e) {
                    conn.sendJson(Map.of("message", e.message(), "error", e.error(), "code", e.code()));
                    conn.close(e.code(), e.error());
                    return;
                }
            }
            gen.buffer.append(text);
            if (trouble instanceof Trouble.SilentSocket) {
                continue;
            }
            boolean flush = n.path("flush").asBoolean(false);
            boolean trigger = n.path("try_trigger_generation").asBoolean(false);
            boolean ok = true;
            if (flush) {
                ok = gen.generate(gen.buffer.length());
            } else if (trigger && gen.buffer.length() >= 50 || gen.buffer.length() >= gen.threshold()) {
                int cut = gen.buffer.lastIndexOf(" ") + 1;
                ok = gen.generate(cut);
            }
            if (!ok) {
                return;
            }
        }
    }

    /** Turns buffered text into audio messages on one connection. */
    private final class Generator {
        final StringBuilder buffer = new StringBuilder();
        private final WsConnection conn;
        private final SocketLog log;
        private final String format;
        private final List<Integer> schedule;
        private final Fault fault;
        private int generations;

        Generator(WsConnection conn, SocketLog log, String format, List<Integer> schedule, Fault fault) {
            this.conn = conn;
            this.log = log;
            this.format = format;
            this.schedule = schedule;
            this.fault = fault;
        }

        int threshold() {
            return schedule.get(Math.min(generations, schedule.size() - 1));
        }

        /** Speaks the first {@code length} buffered characters; false when the connection was ended by a fault. */
        boolean generate(int length) throws Exception {
            String text = buffer.substring(0, length);
            buffer.delete(0, length);
            if (text.isBlank()) {
                return true;
            }
            generations++;
            // Two messages per generation, cut mid-text, each with alignment relative to itself.
            int cut = text.length() / 2 + 1;
            for (String part : text.length() > 8 ? List.of(text.substring(0, cut), text.substring(cut))
                    : List.of(text)) {
                byte[] audio = audio(part.length(), format);
                if (fault instanceof Fault.DropConnection) {
                    conn.sendJson(Map.of("audio", Base64.getEncoder().encodeToString(Arrays.copyOf(audio,
                            Math.min(audio.length, 960))), "isFinal", false));
                    conn.drop();
                    return false;
                }
                ObjectNode m = Json.object();
                m.put("audio", Base64.getEncoder().encodeToString(audio));
                m.put("isFinal", false);
                m.set("normalizedAlignment", socketAlignment(part));
                m.set("alignment", socketAlignment(part));
                conn.sendText(Json.write(m));
                log.audioMessages().add(audio.length);
                if (fault instanceof Fault.ServerError) {
                    conn.sendJson(Map.of("message", "An internal server error occurred.", "error", "internal_error",
                            "code", 1011));
                    conn.close(1011, "internal_error");
                    return false;
                }
                if (fault instanceof Fault.MalformedPayload) {
                    conn.sendMalformedJson();
                    conn.close(1011, "");
                    return false;
                }
            }
            return true;
        }

        private ObjectNode socketAlignment(String part) {
            ObjectNode a = Json.object();
            ArrayNode starts = a.putArray("charStartTimesMs");
            ArrayNode durations = a.putArray(durationsKey);
            ArrayNode chars = a.putArray("chars");
            for (int i = 0; i < part.length(); i++) {
                starts.add(i * 50);
                durations.add(50);
                chars.add(String.valueOf(part.charAt(i)));
            }
            return a;
        }
    }

    // ---- voices and models ----------------------------------------------------------------------------------

    private FakeResponse voices(RecordedRequest req) {
        FakeResponse fault = httpFault(FakeResponse.dropConnection());
        if (fault != null) {
            return fault;
        }
        ObjectNode root = Json.object();
        ArrayNode voices = root.putArray("voices");
        voice(voices, RACHEL, "Rachel", "premade", Map.of("accent", "american", "age", "young", "gender", "female",
                "use_case", "narration"), "en", "en-US");
        voice(voices, ADAM, "Adam", "premade", Map.of("accent", "american", "age", "middle aged", "gender", "male",
                "description", "deep"), "en", null);
        voice(voices, MIA, "Mia - calm", "cloned", Map.of("gender", "female", "language", "es"), "es", "es-ES");
        return FakeResponse.json(200, Json.write(root)).withHeader("request-id", UUID.randomUUID().toString());
    }

    private static void voice(ArrayNode voices, String id, String name, String category, Map<String, String> labels,
                              String language, String locale) {
        ObjectNode v = voices.addObject().put("voice_id", id).put("name", name).put("category", category);
        ObjectNode l = v.putObject("labels");
        labels.forEach(l::put);
        v.putNull("description");
        v.put("preview_url", "https://storage.googleapis.com/eleven-public-prod/premade/voices/" + id + "/p.mp3");
        v.putArray("available_for_tiers");
        v.putArray("high_quality_base_model_ids").add("eleven_multilingual_v2").add("eleven_flash_v2_5");
        if (locale != null) {
            v.putArray("verified_languages").addObject().put("language", language)
                    .put("model_id", "eleven_multilingual_v2").put("locale", locale);
        }
        v.put("is_owner", category.equals("cloned")).put("is_legacy", false).put("is_mixed", false);
    }

    private FakeResponse models(RecordedRequest req) {
        FakeResponse fault = httpFault(FakeResponse.dropConnection());
        if (fault != null) {
            return fault;
        }
        ArrayNode models = Json.array();
        model(models, "eleven_multilingual_v2", "Eleven Multilingual v2", 10000, 1.0, "en", "es", "de");
        model(models, "eleven_flash_v2_5", "Eleven Flash v2.5", 40000, 0.5, "en", "es", "hu");
        return FakeResponse.json(200, Json.write(models)).withHeader("request-id", UUID.randomUUID().toString());
    }

    private static void model(ArrayNode models, String id, String name, int max, double cost, String... languages) {
        ObjectNode m = models.addObject().put("model_id", id).put("name", name).put("can_do_text_to_speech", true)
                .put("can_do_voice_conversion", false).put("can_use_style", true).put("can_use_speaker_boost", true)
                .put("serves_pro_voices", false).put("token_cost_factor", 1.0).put("description", name + " model")
                .put("maximum_text_length_per_request", max).put("requires_alpha_access", false);
        ArrayNode langs = m.putArray("languages");
        for (String l : languages) {
            langs.addObject().put("language_id", l).put("name", l.toUpperCase());
        }
        m.putObject("model_rates").put("character_cost_multiplier", cost);
    }

    // ---- Scribe ---------------------------------------------------------------------------------------------

    private FakeResponse transcribe(RecordedRequest req) {
        List<MultipartForm.Part> parts;
        try {
            parts = MultipartForm.parse(req.header("Content-Type").orElse(null), req.body());
        } catch (IllegalArgumentException e) {
            return unprocessable(List.of("body"), e.getMessage());
        }
        Map<String, String> fields = new HashMap<>();
        byte[] file = null;
        for (MultipartForm.Part p : parts) {
            if (!STT_FIELDS.contains(p.name())) {
                return unprocessable(List.of("body", p.name()), "extra fields not permitted");
            }
            if (p.name().equals("file")) {
                if (p.filename() == null || file != null) {
                    return unprocessable(List.of("body", "file"), "one file part with a filename expected");
                }
                file = p.content();
            } else if (!p.name().equals("keyterms") && fields.put(p.name(),
                    new String(p.content(), StandardCharsets.UTF_8)) != null) {
                return unprocessable(List.of("body", p.name()), "given twice");
            }
        }
        String model = fields.get("model_id");
        if (model == null || !STT_MODELS.contains(model)) {
            return unprocessable(List.of("body", "model_id"), "field required: one of " + STT_MODELS);
        }
        if (file == null || file.length == 0) {
            return unprocessable(List.of("body", "file"), "field required");
        }
        for (String b : List.of("diarize", "tag_audio_events")) {
            if (fields.containsKey(b) && !Set.of("true", "false").contains(fields.get(b))) {
                return unprocessable(List.of("body", b), "value could not be parsed to a boolean");
            }
        }
        String granularity = fields.getOrDefault("timestamps_granularity", "word");
        if (!Set.of("none", "word", "character").contains(granularity)) {
            return unprocessable(List.of("body", "timestamps_granularity"), "unexpected value");
        }
        if (fields.containsKey("file_format") && !Set.of("pcm_s16le_16", "other").contains(fields.get("file_format"))) {
            return unprocessable(List.of("body", "file_format"), "unexpected value");
        }
        latestAudio.set(file);
        boolean diarize = Boolean.parseBoolean(fields.getOrDefault("diarize", "false"));
        ScriptedTranscript s = script;
        ObjectNode r = Json.object();
        r.put("language_code", fields.getOrDefault("language_code", "eng"));
        r.put("language_probability", 0.98);
        r.put("text", s.text());
        ArrayNode words = r.putArray("words");
        Iterator<Word> it = s.words().iterator();
        int i = 0;
        while (it.hasNext()) {
            Word w = it.next();
            ObjectNode o = words.addObject().put("text", w.punctuated()).put("type", "word").put("logprob", -0.05);
            times(o, granularity, w.start(), w.end());
            if (diarize) {
                o.put("speaker_id", "speaker_" + (i / 5 % 2));
            }
            if (it.hasNext()) {
                ObjectNode sp = words.addObject().put("text", " ").put("type", "spacing").put("logprob", 0.0);
                times(sp, granularity, w.end(), w.end());
            }
            i++;
        }
        double end = s.words().isEmpty() ? 0 : s.words().getLast().end();
        ObjectNode event = words.addObject().put("text", "(applause)").put("type", "audio_event").put("logprob", 0.0);
        times(event, granularity, end, end + 0.3);
        r.put("transcription_id", UUID.randomUUID().toString());
        r.put("audio_duration_secs", end + 0.5);
        r.putNull("additional_formats");
        FakeResponse fault = httpFault(FakeResponse.dropMidBody(200, "application/json",
                Json.write(r).getBytes(StandardCharsets.UTF_8), 40));
        if (fault != null) {
            return fault;
        }
        return FakeResponse.json(200, Json.write(r)).withHeader("request-id", UUID.randomUUID().toString());
    }

    private static void times(ObjectNode o, String granularity, double start, double end) {
        if (granularity.equals("none")) {
            o.putNull("start").putNull("end");
        } else {
            o.put("start", start).put("end", end);
        }
    }

}
