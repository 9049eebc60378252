package io.debabelizer.google;

import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.G711;
import io.debabelizer.audio.Wav;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.Fault;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.SttProviderFake;
import io.debabelizer.testkit.TtsProviderFake;
import io.debabelizer.testkit.fake.FakeHttpServer;
import io.debabelizer.testkit.fake.FakeResponse;
import io.debabelizer.testkit.fake.Json;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback fake of Google Cloud speech: Speech-to-Text v1 REST ({@code speech:recognize},
 * {@code speech:longrunningrecognize}, {@code operations/*}), Text-to-Speech v1 REST ({@code text:synthesize},
 * {@code voices}), an OAuth token endpoint for the JWT bearer grant (it verifies the assertion's RS256 signature with
 * the service account's public key), and the gRPC StreamingRecognize service ({@link SpeechGrpcFake}).
 *
 * <p>Strict where the protocol notes are certain: paths and methods, credentials on every request, the JSON field
 * names and enum values of the requests, base64 audio, {@code "1.500s"} durations, int64 request ids as strings.
 */
final class GoogleFake implements SttProviderFake, TtsProviderFake {

    static final String TOKEN_PATH = "/token";
    static final String REQUEST_ID = "5632156342598716123";
    static final Set<String> SPEECH_ENCODINGS = Set.of("LINEAR16", "FLAC", "MULAW", "AMR", "AMR_WB", "OGG_OPUS",
            "SPEEX_WITH_HEADER_BYTE", "MP3", "WEBM_OPUS");
    static final Set<String> TTS_ENCODINGS = Set.of("LINEAR16", "MP3", "OGG_OPUS", "MULAW", "ALAW", "PCM", "M4A");

    private final FakeHttpServer http = FakeHttpServer.start();
    private final SpeechGrpcFake grpc;
    private final String apiKey;
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicReference<Fault> fault = new AtomicReference<>();
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> operationPolls = new ConcurrentHashMap<>();
    private final List<JsonNode> operationBodies = new CopyOnWriteArrayList<>();
    private volatile ScriptedTranscript script = ScriptedTranscript.EMPTY;
    private volatile byte[] receivedAudio = new byte[0];
    private volatile ServiceAccount account;
    private volatile long tokenLifetimeSeconds = 3599;
    private volatile int pollsBeforeDone = 2;
    private volatile Map<String, Object> operationError;

    /** The public half of a service account the token endpoint accepts. */
    record ServiceAccount(String clientEmail, PublicKey publicKey) {
    }

    private GoogleFake(String apiKey) {
        this.apiKey = apiKey;
        this.grpc = new SpeechGrpcFake(this::credentialsOk, () -> fault.set(null));
        http.route("POST", "/v1/speech:recognize", this::recognize)
                .route("POST", "/v1/speech:longrunningrecognize", this::longRunningRecognize)
                .route("POST", "/v1/text:synthesize", this::synthesize)
                .route("GET", "/v1/voices", this::voices)
                .route("POST", TOKEN_PATH, this::token);
        for (int i = 0; i < 4; i++) {
            http.route("GET", "/v1/operations/op-" + i, this::operation);
        }
        TestAudio.Wav jfk = TestAudio.speech("jfk.wav");
        grpc.recognise(script, jfk.pcm(), jfk.pcmFormat().bytesPerSecond());
    }

    static GoogleFake start(String apiKey) {
        return new GoogleFake(apiKey);
    }

    URI baseUri() {
        return http.baseUri();
    }

    URI tokenUri() {
        return URI.create(http.baseUri() + TOKEN_PATH);
    }

    String grpcTarget() {
        return grpc.target();
    }

    FakeHttpServer http() {
        return http;
    }

    SpeechGrpcFake grpc() {
        return grpc;
    }

    /** Lets the token endpoint accept JWTs of this account. */
    void acceptServiceAccount(ServiceAccount account, long tokenLifetimeSeconds) {
        this.account = account;
        this.tokenLifetimeSeconds = tokenLifetimeSeconds;
    }

    int tokenRequests() {
        return tokenRequests.get();
    }

    void pollsBeforeDone(int polls) {
        this.pollsBeforeDone = polls;
    }

    /** Operations end done with this google.rpc.Status (numeric gRPC code) instead of a response. */
    void failOperations(int code, String message) {
        operationError = Map.of("code", code, "message", message);
    }

    List<JsonNode> operationBodies() {
        return operationBodies;
    }

    // ---- kit hooks ------------------------------------------------------------------------------------------

    @Override
    public void willTranscribe(String text, List<Word> words) {
        script = new ScriptedTranscript(text, words);
        TestAudio.Wav jfk = TestAudio.speech("jfk.wav");
        grpc.recognise(script, jfk.pcm(), jfk.pcmFormat().bytesPerSecond());
    }

    @Override
    public void willFail(Fault f) {
        fault.set(f); // whichever comes first, a request or a live stream, takes it
        grpc.willFail(f);
    }

    @Override
    public byte[] receivedAudioBytes() {
        return grpc.calls().isEmpty() ? receivedAudio : grpc.streamAudio();
    }

    @Override
    public List<String> receivedTexts() {
        return List.copyOf(texts);
    }

    @Override
    public void close() {
        grpc.close();
        http.close();
    }

    // ---- credentials ----------------------------------------------------------------------------------------

    /** Whether an API key or bearer header is what this fake accepts (shared with {@link TtsGrpcFake}). */
    boolean credentialsOk(String key, String authorization) {
        return apiKey.equals(key) || authorization != null && authorization.startsWith("Bearer ")
                && issuedTokens.contains(authorization.substring("Bearer ".length()));
    }

    /** Credentials first (Google answers 401 to a missing or wrong token), then a queued fault. */
    private FakeResponse gate(RecordedRequest r) {
        if (!credentialsOk(r.header("X-Goog-Api-Key").orElse(null), r.header("Authorization").orElse(null))) {
            return error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
        }
        Fault f = fault.getAndSet(null);
        if (f == null) {
            return null;
        }
        grpc.clearFault();
        return switch (f) {
            case Fault.Unauthorized u -> error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
            case Fault.RateLimited rl -> FakeResponse.json(429, """
                    {"error":{"code":429,"message":"Quota exceeded for quota metric 'Requests'.",
                    "status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo",
                    "retryDelay":"%ds"}]}}""".formatted(rl.retryAfter().toSeconds()));
            case Fault.ServerError se -> error(se.status(), "INTERNAL", "Internal error encountered.");
            case Fault.MalformedPayload m -> FakeResponse.malformedJson();
            case Fault.Hang h -> FakeResponse.hang();
            case Fault.DropConnection d -> FakeResponse.dropConnection();
        };
    }

    static FakeResponse error(int code, String status, String message) {
        return FakeResponse.json(code, Json.write(Map.of("error", Map.of("code", code, "message", message,
                "status", status))));
    }

    // ---- Speech-to-Text -------------------------------------------------------------------------------------

    private FakeResponse recognize(RecordedRequest r) {
        FakeResponse refused = gate(r);
        if (refused != null) {
            return refused;
        }
        JsonNode body = Json.parse(r.body());
        FakeResponse invalid = checkRecognizeBody(body);
        return invalid != null ? invalid : FakeResponse.json(200, Json.write(recognizeResponse(body.path("config"))));
    }

    private FakeResponse longRunningRecognize(RecordedRequest r) {
        FakeResponse refused = gate(r);
        if (refused != null) {
            return refused;
        }
        JsonNode body = Json.parse(r.body());
        FakeResponse invalid = checkRecognizeBody(body);
        if (invalid != null) {
            return invalid;
        }
        String name = "op-" + operationBodies.size();
        operationBodies.add(body);
        operationPolls.put(name, 0);
        return FakeResponse.json(200, Json.write(Map.of("name", name)));
    }

    private FakeResponse operation(RecordedRequest r) {
        FakeResponse refused = gate(r);
        if (refused != null) {
            return refused;
        }
        String name = r.path().substring("/v1/operations/".length());
        int polls = operationPolls.merge(name, 1, Integer::sum);
        ObjectNode op = Json.object().put("name", name);
        ObjectNode metadata = op.putObject("metadata");
        metadata.put("@type", "type.googleapis.com/google.cloud.speech.v1.LongRunningRecognizeMetadata");
        if (polls < pollsBeforeDone) {
            metadata.put("progressPercent", 50);
            return FakeResponse.json(200, Json.write(op));
        }
        metadata.put("progressPercent", 100);
        op.put("done", true);
        if (operationError != null) {
            op.set("error", Json.mapper().valueToTree(operationError));
            return FakeResponse.json(200, Json.write(op));
        }
        JsonNode body = operationBodies.get(Integer.parseInt(name.substring(3)));
        ObjectNode response = recognizeResponse(body.path("config"));
        response.put("@type", "type.googleapis.com/google.cloud.speech.v1.LongRunningRecognizeResponse");
        op.set("response", response);
        return FakeResponse.json(200, Json.write(op));
    }

    private FakeResponse checkRecognizeBody(JsonNode body) {
        JsonNode config = body.path("config");
        if (!config.path("languageCode").isString()) {
            return error(400, "INVALID_ARGUMENT", "Invalid recognition 'config': languageCode is required.");
        }
        if (!SPEECH_ENCODINGS.contains(config.path("encoding").asString(""))) {
            return error(400, "INVALID_ARGUMENT", "Invalid recognition 'config': bad encoding..");
        }
        if (!body.path("audio").path("content").isString()) {
            return error(400, "INVALID_ARGUMENT", "RecognitionAudio not set.");
        }
        receivedAudio = Base64.getDecoder().decode(body.path("audio").path("content").asString());
        return null;
    }

    /** One result per sentence of the script, its top alternative with words when word offsets were asked. */
    private ObjectNode recognizeResponse(JsonNode config) {
        ObjectNode response = Json.object();
        ArrayNode results = response.putArray("results");
        List<Word> sentence = new ArrayList<>();
        for (Word w : script.words()) {
            sentence.add(w);
            if (w.punctuated().matches(".*[.?!]$")) {
                results.add(result(sentence, config));
                sentence = new ArrayList<>();
            }
        }
        if (!sentence.isEmpty()) {
            results.add(result(sentence, config));
        }
        if (results.isEmpty()) {
            response.remove("results"); // proto3 JSON omits empty lists
        }
        response.put("totalBilledTime", "11s");
        response.put("requestId", REQUEST_ID);
        return response;
    }

    private static ObjectNode result(List<Word> words, JsonNode config) {
        ObjectNode result = Json.object();
        ObjectNode alt = result.putArray("alternatives").addObject();
        alt.put("transcript", ScriptedTranscript.join(words));
        alt.put("confidence", 0.98267895);
        if (config.path("enableWordTimeOffsets").asBoolean(false)) {
            ArrayNode ws = alt.putArray("words");
            for (Word w : words) {
                ObjectNode o = ws.addObject().put("startTime", duration(w.start())).put("endTime", duration(w.end()))
                        .put("word", w.punctuated());
                if (config.path("diarizationConfig").path("enableSpeakerDiarization").asBoolean(false)) {
                    o.put("speakerLabel", "1");
                }
            }
        }
        result.put("resultEndTime", duration(words.getLast().end()));
        result.put("languageCode", config.path("languageCode").asString().toLowerCase(java.util.Locale.ROOT));
        return result;
    }

    static String duration(double seconds) {
        return String.format(java.util.Locale.ROOT, "%.3fs", seconds);
    }

    // ---- Text-to-Speech -------------------------------------------------------------------------------------

    private FakeResponse synthesize(RecordedRequest r) {
        FakeResponse refused = gate(r);
        if (refused != null) {
            return refused;
        }
        JsonNode body = Json.parse(r.body());
        JsonNode input = body.path("input");
        if (input.has("text") == input.has("ssml")) {
            return error(400, "INVALID_ARGUMENT", "exactly one of input.text and input.ssml must be set");
        }
        if (!body.path("voice").path("languageCode").isString()) {
            return error(400, "INVALID_ARGUMENT", "voice.languageCode is required");
        }
        String encoding = body.path("audioConfig").path("audioEncoding").asString("");
        if (!TTS_ENCODINGS.contains(encoding)) {
            return error(400, "INVALID_ARGUMENT", "audioConfig.audioEncoding is required");
        }
        texts.add(input.has("text") ? input.path("text").asString() : input.path("ssml").asString());
        int rate = body.path("audioConfig").path("sampleRateHertz").asInt(24000);
        byte[] audio = audio(encoding, rate);
        return FakeResponse.json(200, Json.write(Map.of("audioContent", Base64.getEncoder().encodeToString(audio))));
    }

    static byte[] audio(String encoding, int rate) {
        byte[] pcm = TestAudio.tone(440, 0.25, rate);
        return switch (encoding) {
            case "LINEAR16" -> TestAudio.toWav(pcm, rate, 1);
            case "PCM" -> pcm;
            case "MULAW" -> Wav.write(AudioFormat.mulaw(rate).withContainer(Container.WAV),
                    G711.encodeMulaw(samples(pcm)));
            case "ALAW" -> Wav.write(AudioFormat.alaw(rate).withContainer(Container.WAV),
                    G711.encodeAlaw(samples(pcm)));
            case "MP3" -> new byte[] {(byte) 0xff, (byte) 0xfb, (byte) 0x90, 0x64, 0, 0, 0, 0};
            default -> "OggS-fake-opus".getBytes(StandardCharsets.US_ASCII);
        };
    }

    private static short[] samples(byte[] pcm) {
        short[] out = new short[pcm.length / 2];
        java.nio.ByteBuffer.wrap(pcm).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    private FakeResponse voices(RecordedRequest r) {
        FakeResponse refused = gate(r);
        if (refused != null) {
            return refused;
        }
        String language = r.queryParam("languageCode").orElse(null);
        ArrayNode voices = Json.array();
        voice(voices, "en-US", "en-US-Neural2-F", "FEMALE", language);
        voice(voices, "en-US", "en-US-Standard-B", "MALE", language);
        voice(voices, "de-DE", "de-DE-Chirp3-HD-Charon", "MALE", language);
        ObjectNode response = Json.object();
        response.set("voices", voices);
        return FakeResponse.json(200, Json.write(response));
    }

    private static void voice(ArrayNode voices, String lang, String name, String gender, String filter) {
        if (filter == null || filter.equals(lang)) {
            ObjectNode v = voices.addObject();
            v.putArray("languageCodes").add(lang);
            v.put("name", name).put("ssmlGender", gender).put("naturalSampleRateHertz", 24000);
        }
    }

    // ---- OAuth token endpoint -------------------------------------------------------------------------------

    private FakeResponse token(RecordedRequest r) throws Exception {
        tokenRequests.incrementAndGet();
        Map<String, List<String>> form = formOf(r.bodyText());
        if (!r.header("Content-Type").orElse("").startsWith("application/x-www-form-urlencoded")
                || !List.of(ServiceAccountAuth.GRANT_TYPE).equals(form.get("grant_type"))) {
            return tokenError("unsupported_grant_type", "Invalid grant_type.");
        }
        ServiceAccount a = account;
        String[] jwt = form.getOrDefault("assertion", List.of("")).getFirst().split("\\.");
        if (a == null || jwt.length != 3) {
            return tokenError("invalid_grant", "Invalid JWT.");
        }
        Base64.Decoder b64 = Base64.getUrlDecoder();
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(a.publicKey());
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        if (!rs256.verify(b64.decode(jwt[2]))) {
            return tokenError("invalid_grant", "Invalid JWT Signature.");
        }
        JsonNode header = Json.parse(b64.decode(jwt[0]));
        JsonNode claims = Json.parse(b64.decode(jwt[1]));
        long iat = claims.path("iat").asLong();
        if (!header.path("alg").asString("").equals("RS256") || !claims.path("iss").asString("").equals(a.clientEmail())
                || !claims.path("aud").asString("").equals(tokenUri().toString())
                || !claims.path("scope").asString("").contains(ServiceAccountAuth.SCOPE)
                || claims.path("exp").asLong() - iat > 3600 || claims.path("exp").asLong() <= iat) {
            return tokenError("invalid_grant", "Invalid JWT: claims.");
        }
        String token = "ya29.fake-" + tokenRequests.get();
        issuedTokens.add(token);
        return FakeResponse.json(200, Json.write(Map.of("access_token", token, "expires_in", tokenLifetimeSeconds,
                "token_type", "Bearer")));
    }

    private static FakeResponse tokenError(String error, String description) {
        return FakeResponse.json(400, Json.write(Map.of("error", error, "error_description", description)));
    }

    private static Map<String, List<String>> formOf(String body) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.computeIfAbsent(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        k -> new ArrayList<>()).add(java.net.URLDecoder.decode(pair.substring(eq + 1),
                        StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
