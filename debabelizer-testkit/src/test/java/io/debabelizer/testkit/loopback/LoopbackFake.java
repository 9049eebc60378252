package io.debabelizer.testkit.loopback;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The loopback provider's server, built from the testkit's blocks and speaking {@link LoopbackProtocol}: batch
 * and TTS over HTTP, live transcription over WebSocket. It recognises what {@link #willTranscribe} scripted,
 * revealing words as the audio it received reaches them.
 */
final class LoopbackFake implements SttProviderFake, TtsProviderFake {

    private final FakeHttpServer http = FakeHttpServer.start();
    private final FakeWebSocketServer ws = FakeWebSocketServer.start();
    private final AtomicReference<Fault> pendingFault = new AtomicReference<>();
    private final AtomicReference<ByteArrayOutputStream> latestAudio = new AtomicReference<>(new ByteArrayOutputStream());
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private volatile ScriptedTranscript script = ScriptedTranscript.EMPTY;

    private LoopbackFake(String apiKey) {
        String auth = "Bearer " + apiKey;
        http.requireHeader("Authorization", auth, LoopbackFake.error(401, "unauthorized", "Invalid API key."));
        http.route("POST", LoopbackProtocol.TRANSCRIBE, this::transcribe);
        http.route("POST", LoopbackProtocol.SPEAK, this::speak);
        http.route("POST", LoopbackProtocol.SPEAK_STREAM, this::speakStream);
        http.route("GET", LoopbackProtocol.VOICES, this::voices);
        ws.beforeUpgrade(req -> req.header("Authorization").map(auth::equals).orElse(false) ? null
                : error(401, "unauthorized", "Invalid API key."));
        ws.beforeUpgrade(this::upgradeFault);
        ws.route(LoopbackProtocol.STREAM, this::stream);
    }

    static LoopbackFake start(String apiKey) {
        return new LoopbackFake(apiKey);
    }

    URI httpUri() {
        return http.baseUri();
    }

    URI wsUri() {
        return ws.baseUri();
    }

    FakeHttpServer http() {
        return http;
    }

    FakeWebSocketServer webSocket() {
        return ws;
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
        ws.close();
        http.close();
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------

    static FakeResponse error(int status, String code, String message) {
        return FakeResponse.json(status, Map.of("error", Map.of("code", code, "message", message)));
    }

    /** The HTTP answer for a pending fault, or null when none is pending. */
    private FakeResponse httpFault(FakeResponse partialBody) {
        Fault f = pendingFault.getAndSet(null);
        if (f == null) {
            return null;
        }
        return switch (f) {
            case Fault.Unauthorized u -> error(401, "unauthorized", "Invalid API key.");
            case Fault.RateLimited r -> error(429, "rate_limited", "Slow down.")
                    .withHeader("Retry-After", Long.toString((r.retryAfter().toMillis() + 999) / 1000));
            case Fault.ServerError s -> error(s.status(), "server_error", "Internal error.");
            case Fault.MalformedPayload m -> FakeResponse.malformedJson();
            case Fault.Hang h -> FakeResponse.hang();
            case Fault.DropConnection d -> partialBody;
        };
    }

    private FakeResponse transcribe(RecordedRequest req) {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        audio.writeBytes(req.body());
        latestAudio.set(audio);
        String json = transcriptJson(req.body());
        FakeResponse fault = httpFault(FakeResponse.dropMidBody(200, "application/json",
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8), json.length() / 2));
        if (fault != null) {
            return fault;
        }
        if (req.body().length == 0) {
            return error(400, "bad_request", "No audio in the request body.");
        }
        return FakeResponse.json(200, json).withHeader("x-request-id", "lb-" + http.requestCount());
    }

    private String transcriptJson(byte[] wav) {
        ScriptedTranscript s = script;
        ObjectNode root = Json.object();
        root.put("text", s.text());
        root.set("words", wordsJson(s.words()));
        double duration;
        try {
            duration = TestAudio.parseWav(wav).durationSeconds();
        } catch (IllegalArgumentException e) {
            duration = -1;
        }
        root.put("duration", duration);
        root.put("language", "en");
        return Json.write(root);
    }

    private static ArrayNode wordsJson(List<Word> words) {
        ArrayNode arr = Json.array();
        for (Word w : words) {
            arr.addObject().put("word", w.word()).put("punctuated", w.punctuated()).put("start", w.start())
                    .put("end", w.end()).put("confidence", w.confidence());
        }
        return arr;
    }

    /** Validates a speak request; returns [text, format, rate] or throws a rejection. */
    private record SpeakRequest(String text, String voice, String format, int sampleRate) {
    }

    private SpeakRequest parseSpeak(RecordedRequest req) {
        JsonNode body = Json.parse(req.body());
        String text = body.path("text").asString("");
        texts.add(text);
        return new SpeakRequest(text, body.path("voice").asString("aria"), body.path("format").asString("wav"),
                body.path("sample_rate").asInt(24000));
    }

    private static FakeResponse invalid(SpeakRequest s) {
        if (s.text().isBlank()) {
            return error(400, "bad_request", "text is empty");
        }
        if (LoopbackProtocol.VOICE_IDS.stream().noneMatch(s.voice()::equals)) {
            return error(400, "bad_request", "unknown voice " + s.voice());
        }
        if (!s.format().equals("wav") && !s.format().equals("pcm")) {
            return error(400, "bad_request", "format must be wav or pcm");
        }
        return null;
    }

    private static byte[] speech(SpeakRequest s) {
        // 50 ms of tone per character: clearly audio, clearly proportional to the text.
        byte[] pcm = TestAudio.tone(220, 0.05 * s.text().length(), s.sampleRate());
        return s.format().equals("wav") ? TestAudio.toWav(pcm, s.sampleRate(), 1) : pcm;
    }

    private FakeResponse speak(RecordedRequest req) {
        SpeakRequest s = parseSpeak(req);
        byte[] audio = speech(s);
        FakeResponse fault = httpFault(FakeResponse.dropMidBody(200, contentType(s), audio, audio.length / 2));
        if (fault != null) {
            return fault;
        }
        FakeResponse bad = invalid(s);
        return bad != null ? bad : FakeResponse.bytes(200, contentType(s), audio);
    }

    private FakeResponse speakStream(RecordedRequest req) {
        SpeakRequest s = parseSpeak(req);
        byte[] pcm = TestAudio.tone(220, 0.05 * s.text().length(), s.sampleRate());
        FakeResponse drop = FakeResponse.streamed(200, contentType(s), body -> {
            body.write(java.util.Arrays.copyOf(pcm, 4800));
            body.drop();
        });
        FakeResponse fault = httpFault(drop);
        if (fault != null) {
            return fault;
        }
        FakeResponse bad = invalid(s);
        if (bad != null) {
            return bad;
        }
        return FakeResponse.streamed(200, contentType(s), body -> {
            if (s.format().equals("wav")) {
                body.write(LoopbackProtocol.streamingWavHeader(s.sampleRate()));
            }
            int chunk = s.sampleRate() / 10 * 2; // 100 ms
            for (int off = 0; off < pcm.length; off += chunk) {
                body.write(java.util.Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + chunk)));
                body.pause(Duration.ofMillis(2));
            }
        });
    }

    private static String contentType(SpeakRequest s) {
        return s.format().equals("wav") ? "audio/wav" : "audio/pcm;rate=" + s.sampleRate();
    }

    private FakeResponse voices(RecordedRequest req) {
        FakeResponse fault = httpFault(FakeResponse.dropConnection());
        if (fault != null) {
            return fault;
        }
        ArrayNode voices = Json.array();
        voices.addObject().put("id", "aria").put("name", "Aria").put("language", "en-US").put("gender", "female");
        voices.addObject().put("id", "bruno").put("name", "Bruno").put("language", "de-DE").put("gender", "male");
        ObjectNode root = Json.object();
        root.set("voices", voices);
        return FakeResponse.json(200, Json.write(root));
    }

    // ---- WebSocket ------------------------------------------------------------------------------------------

    /** Faults that stop the upgrade itself; the others are played by the connection handler. */
    private FakeResponse upgradeFault(RecordedRequest req) {
        Fault f = pendingFault.get();
        boolean atUpgrade = f instanceof Fault.Unauthorized || f instanceof Fault.RateLimited || f instanceof Fault.Hang;
        if (!atUpgrade || !pendingFault.compareAndSet(f, null)) {
            return null;
        }
        return switch (f) {
            case Fault.Unauthorized u -> error(401, "unauthorized", "Invalid API key.");
            case Fault.RateLimited r -> error(429, "rate_limited", "Too many concurrent streams.")
                    .withHeader("Retry-After", Long.toString((r.retryAfter().toMillis() + 999) / 1000));
            default -> FakeResponse.hang();
        };
    }

    private void stream(WsConnection conn) throws Exception {
        Fault fault = pendingFault.getAndSet(null);
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        latestAudio.set(audio);
        JsonNode config;
        try {
            config = Json.parse(conn.receiveText());
        } catch (JacksonException | AssertionError e) {
            sendError(conn, "bad_request", "the first message must be the JSON config");
            conn.close(1008, "bad config");
            return;
        }
        int rate = config.path("sample_rate").asInt(0);
        int channels = config.path("channels").asInt(1);
        if (!"config".equals(config.path("type").asString("")) || rate <= 0 || channels <= 0
                || !"pcm_s16le".equals(config.path("encoding").asString(""))) {
            sendError(conn, "bad_request", "config needs type=config, sample_rate, channels, encoding=pcm_s16le");
            conn.close(1008, "bad config");
            return;
        }
        double bytesPerSecond = rate * channels * 2.0;
        ScriptedTranscript.Cursor cursor = script.cursor();
        long received = 0;
        double lastFinalEnd = 0;
        while (true) {
            WsMessage m = conn.receive(Duration.ofSeconds(60));
            if (m == null) {
                sendError(conn, "timeout", "no audio for 60 s");
                conn.close(1011, "idle");
                return;
            }
            switch (m) {
                case WsMessage.Binary b -> {
                    synchronized (audio) {
                        audio.writeBytes(b.data());
                    }
                    received += b.data().length;
                    if (fault instanceof Fault.ServerError) {
                        sendError(conn, "server_error", "Internal error.");
                        conn.close(1011, "internal error");
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
                    List<Word> heard = cursor.newInterim(received / bytesPerSecond);
                    if (!heard.isEmpty()) {
                        conn.sendText(result("interim", heard, lastFinalEnd, received / bytesPerSecond, false));
                    }
                }
                case WsMessage.Text t -> {
                    String type = parseType(t.text());
                    double now = received / bytesPerSecond;
                    if ("finalize".equals(type) || "end".equals(type)) {
                        List<Word> settled = cursor.finalizeUpTo(now);
                        conn.sendText(result("final", settled, lastFinalEnd, now, "end".equals(type)));
                        lastFinalEnd = now;
                    }
                    if ("end".equals(type)) {
                        conn.sendText(Json.write(Map.of("type", "done", "audio_seconds", now)));
                        conn.close(1000, "done");
                        return;
                    }
                    if (!"finalize".equals(type)) {
                        sendError(conn, "bad_request", "unknown message " + type);
                        conn.close(1008, "unknown message");
                        return;
                    }
                }
                case WsMessage.Close c -> {
                    return;
                }
            }
        }
    }

    private static String parseType(String text) {
        try {
            return Json.parse(text).path("type").asString("");
        } catch (JacksonException e) {
            return "<not json>";
        }
    }

    private static String result(String type, List<Word> words, double start, double end, boolean speechFinal) {
        ObjectNode n = Json.object();
        n.put("type", type);
        n.put("text", ScriptedTranscript.join(words));
        n.set("words", wordsJson(words));
        n.put("start", start);
        n.put("end", end);
        n.put("confidence", 0.95);
        n.put("speech_final", speechFinal);
        return Json.write(n);
    }

    private static void sendError(WsConnection conn, String code, String message) throws java.io.IOException {
        conn.sendText(Json.write(Map.of("type", "error", "code", code, "message", message)));
    }
}
