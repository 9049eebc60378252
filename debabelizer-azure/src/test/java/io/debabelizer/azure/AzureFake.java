package io.debabelizer.azure;

import io.debabelizer.audio.AudioFormat;
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
import io.debabelizer.testkit.fake.FrontDoor;
import io.debabelizer.testkit.fake.Json;
import io.debabelizer.testkit.fake.MultipartForm;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import io.debabelizer.testkit.fake.WsConnection;
import io.debabelizer.testkit.fake.WsMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Azure AI Speech service on one loopback port, written from {@code shared/protocols/azure.md}: short-audio
 * recognition, fast transcription, the token service, synthesis, the voice list, and live recognition over USP.
 * Reached through one endpoint URL, as a custom endpoint or container is.
 *
 * <p>Strict about what the notes mark certain: paths, the {@code api-version}, authentication (the key header or a
 * bearer token it issued; missing → 403, wrong → 401), the short-audio {@code language} and WAV PCM 16 kHz mono,
 * the multipart parts, SSML and {@code X-Microsoft-OutputFormat}, a {@code User-Agent}; on the WebSocket the
 * {@code X-ConnectionId}, the framing and headers of every message, and the order {@code speech.config} →
 * {@code speech.context} → audio starting with a RIFF header → PCM chunks of at most 8 KiB → empty audio, under
 * a new request id per turn. Tolerant of what they mark inferred (extra query parameters, body contents of
 * {@code speech.config}/{@code speech.context}). Broken rules are answered as the service would (4xx, or close
 * 1007/1002) and listed in {@link #violations()}.
 */
final class AzureFake implements SttProviderFake, TtsProviderFake {

    static final Set<String> OUTPUT_FORMATS = Set.of("raw-8khz-8bit-mono-mulaw", "raw-8khz-8bit-mono-alaw",
            "raw-8khz-16bit-mono-pcm", "raw-16khz-16bit-mono-pcm", "raw-22050hz-16bit-mono-pcm",
            "raw-24khz-16bit-mono-pcm", "raw-44100hz-16bit-mono-pcm", "raw-48khz-16bit-mono-pcm",
            "audio-16khz-32kbitrate-mono-mp3", "audio-16khz-64kbitrate-mono-mp3", "audio-16khz-128kbitrate-mono-mp3",
            "audio-24khz-48kbitrate-mono-mp3", "audio-24khz-96kbitrate-mono-mp3", "audio-24khz-160kbitrate-mono-mp3",
            "audio-48khz-96kbitrate-mono-mp3", "audio-48khz-192kbitrate-mono-mp3", "ogg-16khz-16bit-mono-opus",
            "ogg-24khz-16bit-mono-opus", "ogg-48khz-16bit-mono-opus", "webm-16khz-16bit-mono-opus",
            "webm-24khz-16bit-mono-opus", "riff-8khz-8bit-mono-mulaw", "riff-8khz-8bit-mono-alaw",
            "riff-8khz-16bit-mono-pcm", "riff-16khz-16bit-mono-pcm", "riff-22050hz-16bit-mono-pcm",
            "riff-24khz-16bit-mono-pcm", "riff-44100hz-16bit-mono-pcm", "riff-48khz-16bit-mono-pcm");
    static final Set<String> PROFANITY_FILTER_MODES = Set.of("None", "Masked", "Removed", "Tags");

    /** Live faults beyond the kit's: close with a code once this much PCM arrived. */
    record CloseWith(int code, String reason, long afterAudioBytes) {
    }

    private final String apiKey;
    private final FakeHttpServer http = FakeHttpServer.start();
    private final FakeWebSocketServer ws = FakeWebSocketServer.start();
    private final FrontDoor door = new FrontDoor(http.port(), ws.port());
    private final AtomicReference<Fault> pendingFault = new AtomicReference<>();
    private final AtomicReference<CloseWith> pendingClose = new AtomicReference<>();
    private final AtomicReference<ByteArrayOutputStream> latestAudio = new AtomicReference<>(new ByteArrayOutputStream());
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final List<String> ssml = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<List<String>> liveLogs = new CopyOnWriteArrayList<>();
    private final Set<String> validTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile ScriptedTranscript script = ScriptedTranscript.EMPTY;
    private volatile String recognitionStatus = "Success";
    private volatile boolean quotedTicks;

    private AzureFake(String apiKey) {
        this.apiKey = apiKey;
        http.route("POST", ShortAudioRecognition.PATH, this::shortAudio);
        http.route("POST", FastTranscription.PATH, this::fastTranscription);
        http.route("POST", AzureCredentials.ISSUE_TOKEN, this::issueToken);
        http.route("POST", AzureTtsProvider.SYNTHESIZE, this::synthesize);
        http.route("GET", AzureTtsProvider.VOICES, this::voices);
        ws.beforeUpgrade(this::authorize);
        ws.beforeUpgrade(this::upgradeFault);
        ws.beforeUpgrade(this::validateUpgrade);
        ws.route(AzureSttProvider.LIVE_PATH, this::live);
    }

    static AzureFake start(String apiKey) {
        return new AzureFake(apiKey);
    }

    /** {@code http://127.0.0.1:<port>}: every API and the WebSocket on one port, like a container. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + door.port());
    }

    FakeHttpServer http() {
        return http;
    }

    FakeWebSocketServer webSocket() {
        return ws;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    /** Per live connection, in order: message paths, {@code audio:header}, {@code audio:<bytes>}, {@code audio:end}. */
    List<List<String>> liveLogs() {
        // copies: a connection's thread may still be appending (a subList view of a live list would fail)
        return liveLogs.stream().map(List::copyOf).toList();
    }

    /** SSML documents that reached synthesis. */
    List<String> receivedSsml() {
        return List.copyOf(ssml);
    }

    int tokensIssued() {
        return tokensIssued.get();
    }

    /** Tokens issued so far stop being accepted (as after their 10 minutes). */
    void expireTokens() {
        validTokens.clear();
    }

    /** The RecognitionStatus of the next short-audio results (e.g. NoMatch, Error). */
    void willRecognise(String status) {
        recognitionStatus = status;
    }

    /** Write tick times as quoted strings, as the documentation's samples do. */
    void quoteTicks(boolean quoted) {
        quotedTicks = quoted;
    }

    void willCloseLive(CloseWith close) {
        pendingClose.set(close);
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

    // ---- errors and authentication --------------------------------------------------------------------------

    static FakeResponse error(int status, String code, String message) {
        String id = UUID.randomUUID().toString();
        return FakeResponse.json(status, Map.of("error", Map.of("code", code, "message", message)))
                .withHeader(AzureErrors.APIM_REQUEST_ID, id);
    }

    static FakeResponse invalidKey() {
        return error(401, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to "
                + "provide a valid key for an active subscription and use a correct regional API endpoint for your "
                + "resource.");
    }

    static FakeResponse tooManyRequests(Duration retryAfter) {
        return error(429, "429", "Too many requests.").withHeader("Retry-After",
                Long.toString((retryAfter.toMillis() + 999) / 1000));
    }

    private FakeResponse violation(int status, String what) {
        violations.add(what);
        return error(status, "InvalidRequest", what);
    }

    /** Null when the request carries the key or a token this fake issued; 403 without either, 401 if wrong. */
    private FakeResponse authorize(RecordedRequest req) {
        String key = req.header(AzureCredentials.KEY_HEADER).orElse(null);
        String bearer = req.header("Authorization").filter(a -> a.startsWith("Bearer ")).map(a -> a.substring(7))
                .orElse(null);
        if (key == null && bearer == null) {
            return error(403, "403", "Missing subscription key or authorization token.");
        }
        boolean ok = apiKey.equals(key) || bearer != null && validTokens.contains(bearer);
        return ok ? null : invalidKey();
    }

    private FakeResponse httpFault(FakeResponse partialBody) {
        Fault f = pendingFault.getAndSet(null);
        if (f == null) {
            return null;
        }
        return switch (f) {
            case Fault.Unauthorized u -> invalidKey();
            case Fault.RateLimited r -> tooManyRequests(r.retryAfter());
            case Fault.ServerError s -> error(s.status(), "InternalServerError", "An internal error occurred.");
            case Fault.MalformedPayload m -> FakeResponse.malformedJson();
            case Fault.Hang h -> FakeResponse.hang();
            case Fault.DropConnection d -> partialBody;
        };
    }

    private FakeResponse issueToken(RecordedRequest req) {
        if (!apiKey.equals(req.header(AzureCredentials.KEY_HEADER).orElse(""))) {
            return invalidKey();
        }
        if (req.body().length != 0) {
            return violation(400, "issueToken with a body");
        }
        String token = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJyZWdpb24iOiJmYWtlIiwibiI6" + tokensIssued.incrementAndGet()
                + "fQ.c2lnbmF0dXJl";
        validTokens.add(token);
        return FakeResponse.text(200, token).withHeader(AzureErrors.APIM_REQUEST_ID, UUID.randomUUID().toString());
    }

    // ---- short audio ----------------------------------------------------------------------------------------

    private FakeResponse shortAudio(RecordedRequest req) {
        FakeResponse denied = authorize(req);
        if (denied != null) {
            return denied;
        }
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        audio.writeBytes(req.body());
        latestAudio.set(audio);
        String language = req.queryParam("language").orElse(null);
        if (language == null || !language.matches("[a-z]{2,3}-[A-Za-z]{2,4}(-[A-Za-z]{2})?")) {
            return violation(400, "language missing or not a locale: " + language);
        }
        if (!Set.of("simple", "detailed").contains(req.queryParam("format").orElse("simple"))) {
            return violation(400, "bad format " + req.queryParam("format").orElse(""));
        }
        if (!Set.of("masked", "removed", "raw").contains(req.queryParam("profanity").orElse("masked"))) {
            return violation(400, "bad profanity " + req.queryParam("profanity").orElse(""));
        }
        String contentType = req.header("Content-Type").orElse("");
        if (!contentType.replace(" ", "").equals("audio/wav;codecs=audio/pcm;samplerate=16000")) {
            return violation(415, "content type " + contentType);
        }
        String requestId = UUID.randomUUID().toString();
        String json = shortAudioResult(req);
        FakeResponse fault = httpFault(FakeResponse.dropMidBody(200, "application/json",
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8), json.length() / 2));
        if (fault != null) {
            return fault;
        }
        TestAudio.Wav wav;
        try {
            wav = TestAudio.parseWav(req.body());
        } catch (RuntimeException e) {
            return violation(400, "body is not a WAV file");
        }
        AudioFormat f = wav.pcmFormat();
        if (f.sampleRate() != 16000 || f.channels() != 1 || f.bitsPerSample() != 16) {
            return violation(400, "audio is not 16 kHz 16-bit mono PCM: " + f);
        }
        return FakeResponse.json(200, json).withHeader(AzureErrors.X_REQUEST_ID, requestId);
    }

    private String shortAudioResult(RecordedRequest req) {
        String status = recognitionStatus;
        List<Word> words = script.words();
        ObjectNode root = Json.object().put("RecognitionStatus", status);
        if (words.isEmpty() || !status.equals("Success")) {
            root.set("Offset", ticks(0));
            root.set("Duration", ticks(0));
            return Json.write(root);
        }
        String display = ScriptedTranscript.join(words);
        root.put("DisplayText", display);
        root.set("Offset", ticks(words.getFirst().start()));
        root.set("Duration", ticks(words.getLast().end() - words.getFirst().start()));
        String lexical = String.join(" ", words.stream().map(Word::word).toList());
        ObjectNode best = root.putArray("NBest").addObject().put("Confidence", 0.9052885).put("Lexical", lexical)
                .put("ITN", lexical).put("MaskedITN", lexical).put("Display", display);
        if (req.queryParam("wordLevelTimestamps").filter("true"::equals).isPresent()) {
            ArrayNode array = best.putArray("Words");
            for (Word w : words) {
                ObjectNode o = array.addObject().put("Word", w.word()).put("Confidence", 0.92);
                o.set("Offset", ticks(w.start()));
                o.set("Duration", ticks(w.end() - w.start()));
            }
        }
        return Json.write(root);
    }

    private JsonNode ticks(double seconds) {
        long t = Math.round(seconds * 10_000_000);
        return quotedTicks ? tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(Long.toString(t))
                : tools.jackson.databind.node.JsonNodeFactory.instance.numberNode(t);
    }

    // ---- fast transcription ---------------------------------------------------------------------------------

    private FakeResponse fastTranscription(RecordedRequest req) {
        FakeResponse denied = authorize(req);
        if (denied != null) {
            return denied;
        }
        if (!req.queryParam("api-version").filter(FastTranscription.API_VERSION::equals).isPresent()) {
            return violation(400, "api-version missing or unknown: " + req.queryParam("api-version").orElse(""));
        }
        List<MultipartForm.Part> parts;
        try {
            parts = MultipartForm.parse(req.header("Content-Type").orElse(""), req.body());
        } catch (RuntimeException e) {
            return violation(400, "not multipart/form-data: " + e.getMessage());
        }
        MultipartForm.Part audio = parts.stream().filter(p -> p.name().equals("audio")).findFirst().orElse(null);
        MultipartForm.Part definitionPart = parts.stream().filter(p -> p.name().equals("definition")).findFirst()
                .orElse(null);
        if (audio == null || audio.filename() == null || definitionPart == null) {
            return violation(400, "the audio (a file) and definition parts are required");
        }
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        received.writeBytes(audio.content());
        latestAudio.set(received);
        JsonNode definition;
        try {
            definition = Json.parse(definitionPart.content());
        } catch (JacksonException e) {
            return violation(400, "definition is not JSON");
        }
        String problem = checkDefinition(definition);
        if (problem != null) {
            return violation(400, problem);
        }
        String json = Json.write(fastResult(definition, audio.content()));
        FakeResponse fault = httpFault(FakeResponse.dropMidBody(200, "application/json",
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8), json.length() / 2));
        return fault != null ? fault
                : FakeResponse.json(200, json).withHeader(AzureErrors.APIM_REQUEST_ID, UUID.randomUUID().toString());
    }

    private static String checkDefinition(JsonNode d) {
        if (!d.isObject()) {
            return "definition is not an object";
        }
        JsonNode locales = d.path("locales");
        if (!locales.isMissingNode() && (!locales.isArray() || !allStrings(locales))) {
            return "locales must be an array of strings";
        }
        if (d.has("profanityFilterMode") && !PROFANITY_FILTER_MODES.contains(d.path("profanityFilterMode")
                .asString(""))) {
            return "bad profanityFilterMode " + d.path("profanityFilterMode");
        }
        JsonNode diarization = d.path("diarization");
        if (!diarization.isMissingNode()) {
            int max = diarization.path("maxSpeakers").asInt(0);
            if (!diarization.path("enabled").isBoolean() || max < 2 || max > 35) {
                return "diarization needs enabled and maxSpeakers 2-35";
            }
        }
        JsonNode phraseList = d.path("phraseList");
        if (!phraseList.isMissingNode() && (!phraseList.path("phrases").isArray()
                || !allStrings(phraseList.path("phrases")))) {
            return "phraseList.phrases must be an array of strings";
        }
        return null;
    }

    private static boolean allStrings(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isString()) {
                return false;
            }
        }
        return true;
    }

    /** One phrase per stretch of words without a pause of half a second; speakers alternate when diarizing. */
    private ObjectNode fastResult(JsonNode definition, byte[] audio) {
        List<Word> words = script.words();
        String locale = definition.path("locales").path(0).asString("en-US");
        boolean diarize = definition.path("diarization").path("enabled").asBoolean(false);
        ObjectNode root = Json.object();
        double seconds;
        try {
            seconds = Wav.read(audio).durationSeconds();
        } catch (RuntimeException e) {
            seconds = words.isEmpty() ? 0 : words.getLast().end();
        }
        root.put("durationMilliseconds", Math.round(seconds * 1000));
        root.putArray("combinedPhrases").addObject().put("text", ScriptedTranscript.join(words));
        ArrayNode phrases = root.putArray("phrases");
        List<List<Word>> groups = new ArrayList<>();
        for (Word w : words) {
            if (groups.isEmpty() || w.start() - groups.getLast().getLast().end() >= 0.5) {
                groups.add(new ArrayList<>());
            }
            groups.getLast().add(w);
        }
        int speaker = 1;
        for (List<Word> g : groups) {
            ObjectNode p = phrases.addObject();
            if (diarize) {
                p.put("speaker", speaker);
                speaker = 3 - speaker;
            }
            p.put("offsetMilliseconds", Math.round(g.getFirst().start() * 1000));
            p.put("durationMilliseconds", Math.round((g.getLast().end() - g.getFirst().start()) * 1000));
            p.put("text", ScriptedTranscript.join(g));
            ArrayNode ws = p.putArray("words");
            for (Word w : g) {
                ws.addObject().put("text", w.word()).put("offsetMilliseconds", Math.round(w.start() * 1000))
                        .put("durationMilliseconds", Math.round((w.end() - w.start()) * 1000));
            }
            p.put("locale", locale).put("confidence", 0.78983736);
        }
        return root;
    }

    // ---- synthesis ------------------------------------------------------------------------------------------

    private FakeResponse synthesize(RecordedRequest req) throws Exception {
        FakeResponse denied = authorize(req);
        if (denied != null) {
            return denied;
        }
        if (!req.header("Content-Type").orElse("").startsWith("application/ssml+xml")) {
            return violation(415, "Content-Type must be application/ssml+xml");
        }
        String format = req.header(AzureTtsProvider.OUTPUT_FORMAT_HEADER).orElse("");
        if (!OUTPUT_FORMATS.contains(format)) {
            return violation(400, "unsupported X-Microsoft-OutputFormat '" + format + "'");
        }
        if (req.header("User-Agent").orElse("").isBlank()) {
            return violation(400, "User-Agent is required");
        }
        String document = req.bodyText();
        String text;
        try {
            text = spokenText(document);
        } catch (Exception e) {
            return violation(400, "SSML does not parse: " + e.getMessage());
        }
        ssml.add(document);
        texts.add(text);
        byte[] audio = speech(text, format);
        FakeResponse fault = httpFault(FakeResponse.streamed(200, contentType(format), body -> {
            body.write(java.util.Arrays.copyOf(audio, Math.min(audio.length, 4800)));
            body.drop();
        }));
        if (fault != null) {
            return fault;
        }
        return FakeResponse.streamed(200, contentType(format), body -> {
            for (int off = 0; off < audio.length; off += 4800) {
                body.write(java.util.Arrays.copyOfRange(audio, off, Math.min(audio.length, off + 4800)));
                body.pause(Duration.ofMillis(1));
            }
        }).withHeader(AzureErrors.X_REQUEST_ID, UUID.randomUUID().toString());
    }

    /** The text of the {@code <voice>} elements of a {@code <speak version=… xml:lang=…>} document. */
    static String spokenText(String document) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(document.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
        Element speak = doc.getDocumentElement();
        if (!speak.getLocalName().equals("speak") || speak.getAttribute("version").isEmpty()
                || speak.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang").isEmpty()) {
            throw new IllegalArgumentException("root must be <speak version xml:lang>");
        }
        var voices = speak.getElementsByTagNameNS("*", "voice");
        if (voices.getLength() == 0 || ((Element) voices.item(0)).getAttribute("name").isEmpty()) {
            throw new IllegalArgumentException("no <voice name=...>");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < voices.getLength(); i++) {
            sb.append(voices.item(i).getTextContent());
        }
        return sb.toString().strip();
    }

    /** 40 ms of tone per character in the named format; compressed ones only have real magic bytes. */
    static byte[] speech(String text, String format) {
        int rate = rateOf(format);
        byte[] pcm = TestAudio.tone(220, 0.04 * Math.max(1, text.length()), rate);
        short[] samples = new short[pcm.length / 2];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        if (format.endsWith("-pcm") || format.endsWith("-mulaw") || format.endsWith("-alaw")) {
            boolean pcmOut = format.endsWith("-pcm");
            Encoding e = pcmOut ? Encoding.PCM_SIGNED : format.endsWith("mulaw") ? Encoding.MULAW : Encoding.ALAW;
            byte[] coded = pcmOut ? pcm : e == Encoding.MULAW ? G711.encodeMulaw(samples) : G711.encodeAlaw(samples);
            return format.startsWith("riff-")
                    ? Wav.write(new AudioFormat(io.debabelizer.audio.Container.RAW, e, rate, 1, pcmOut ? 16 : 8), coded)
                    : coded;
        }
        byte[] magic = format.endsWith("mp3") ? new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0}
                : format.startsWith("ogg") ? "OggS".getBytes() : new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
        byte[] out = new byte[Math.max(magic.length, pcm.length / 8)];
        System.arraycopy(magic, 0, out, 0, magic.length);
        return out;
    }

    static int rateOf(String format) {
        for (String part : format.split("-")) {
            if (part.endsWith("khz")) {
                return Integer.parseInt(part.substring(0, part.length() - 3)) * 1000;
            }
            if (part.endsWith("hz")) {
                return Integer.parseInt(part.substring(0, part.length() - 2));
            }
        }
        return 24000;
    }

    private static String contentType(String format) {
        if (format.startsWith("riff-")) {
            return "audio/x-wav";
        }
        if (format.endsWith("mp3")) {
            return "audio/mpeg";
        }
        return format.startsWith("ogg") ? "audio/ogg" : format.startsWith("webm") ? "audio/webm"
                : "application/octet-stream";
    }

    // ---- voices ---------------------------------------------------------------------------------------------

    private FakeResponse voices(RecordedRequest req) {
        FakeResponse denied = authorize(req);
        if (denied != null) {
            return denied;
        }
        FakeResponse fault = httpFault(FakeResponse.dropConnection());
        if (fault != null) {
            return fault;
        }
        return FakeResponse.json(200, """
                [{"Name":"Microsoft Server Speech Text to Speech Voice (en-US, JennyNeural)","DisplayName":"Jenny",
                  "LocalName":"Jenny","ShortName":"en-US-JennyNeural","Gender":"Female","Locale":"en-US",
                  "LocaleName":"English (United States)",
                  "StyleList":["assistant","chat","customerservice","newscast","angry","cheerful","sad"],
                  "SampleRateHertz":"24000","VoiceType":"Neural","Status":"GA",
                  "ExtendedPropertyMap":{"IsHighQuality48K":"True"},"WordsPerMinute":"152"},
                 {"Name":"Microsoft Server Speech Text to Speech Voice (de-DE, ConradNeural)","DisplayName":"Conrad",
                  "LocalName":"Conrad","ShortName":"de-DE-ConradNeural","Gender":"Male","Locale":"de-DE",
                  "LocaleName":"German (Germany)","StyleList":["cheerful"],"SampleRateHertz":"48000",
                  "VoiceType":"Neural","Status":"GA","WordsPerMinute":"129"},
                 {"Name":"Microsoft Server Speech Text to Speech Voice (en-US, AvaMultilingualNeural)",
                  "DisplayName":"Ava Multilingual","LocalName":"Ava Multilingual",
                  "ShortName":"en-US-AvaMultilingualNeural","Gender":"Female","Locale":"en-US",
                  "LocaleName":"English (United States)","SecondaryLocaleList":["de-DE","fr-FR"],
                  "RolePlayList":["Narrator"],"SampleRateHertz":"48000","VoiceType":"Neural","Status":"GA"}]
                """).withHeader(AzureErrors.X_REQUEST_ID, UUID.randomUUID().toString());
    }

    // ---- live recognition -----------------------------------------------------------------------------------

    private FakeResponse upgradeFault(RecordedRequest req) {
        Fault f = pendingFault.get();
        boolean atUpgrade = f instanceof Fault.Unauthorized || f instanceof Fault.RateLimited || f instanceof Fault.Hang;
        if (!atUpgrade || !pendingFault.compareAndSet(f, null)) {
            return null;
        }
        return switch (f) {
            case Fault.Unauthorized u -> invalidKey();
            case Fault.RateLimited r -> tooManyRequests(r.retryAfter());
            default -> FakeResponse.hang();
        };
    }

    private FakeResponse validateUpgrade(RecordedRequest req) {
        String connectionId = req.header("X-ConnectionId").orElse("");
        if (!connectionId.matches("[0-9A-Fa-f]{32}")) {
            return violation(400, "X-ConnectionId missing or not 32 hex digits: '" + connectionId + "'");
        }
        boolean lid = req.queryParam("lidEnabled").filter("true"::equals).isPresent();
        if (req.queryParam("language").isEmpty() && !lid) {
            return violation(400, "language (or lidEnabled) is required");
        }
        return null;
    }

    private void live(WsConnection conn) throws Exception {
        RecordedRequest req = conn.request();
        Fault fault = pendingFault.getAndSet(null);
        CloseWith closeWith = pendingClose.getAndSet(null);
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        latestAudio.set(audio);
        List<String> log = new CopyOnWriteArrayList<>();
        liveLogs.add(log);
        double silence = req.queryParam("segmentationSilenceTimeoutMs").map(Integer::parseInt).orElse(500) / 1000.0;
        boolean wordTimingsByQuery = req.queryParam("wordLevelTimestamps").filter("true"::equals).isPresent();
        FakeRecognitionSession session = new FakeRecognitionSession(conn, script, silence, quotedTicks);
        LiveTurns turns = new LiveTurns();
        long received = 0;
        while (true) {
            WsMessage m = conn.receive(Duration.ofSeconds(30));
            if (m == null) {
                log.add("idle-timeout");
                conn.close(1000, "idle");
                return;
            }
            try {
                switch (m) {
                    case WsMessage.Text t -> {
                        UspWire.ClientMessage cm = UspWire.readText(t.text());
                        log.add(cm.path());
                        turns.text(cm, wordTimingsByQuery);
                    }
                    case WsMessage.Binary b -> {
                        UspWire.ClientMessage cm = UspWire.readBinary(b.data());
                        switch (turns.audio(cm)) {
                            case HEADER -> {
                                log.add("audio:header");
                                session.turnStarted(cm.requestId(), received / turns.byteRate, turns.wordTimings,
                                        turns.languages.isEmpty() ? null : turns.languages.getFirst());
                            }
                            case END -> {
                                log.add("audio:end");
                                session.turnAudioEnded();
                            }
                            case SAMPLES -> {
                                log.add("audio:" + cm.payload().length);
                                synchronized (audio) {
                                    audio.writeBytes(cm.payload());
                                }
                                received += cm.payload().length;
                                if (fault instanceof Fault.ServerError) {
                                    conn.close(1011, "Internal service error");
                                    return;
                                }
                                if (fault instanceof Fault.MalformedPayload) {
                                    session.sendMalformedPhrase();
                                    conn.receive(Duration.ofSeconds(30)); // the client should give up and close
                                    return;
                                }
                                if (fault instanceof Fault.DropConnection d && received >= d.afterAudioBytes()) {
                                    conn.drop();
                                    return;
                                }
                                if (closeWith != null && received >= closeWith.afterAudioBytes()) {
                                    conn.close(closeWith.code(), closeWith.reason());
                                    return;
                                }
                                session.audioReached(received / turns.byteRate);
                            }
                        }
                    }
                    case WsMessage.Close c -> {
                        log.add("close:" + c.code());
                        return;
                    }
                }
            } catch (UspWire.Violation v) {
                violations.add(v.getMessage());
                log.add("violation");
                conn.close(v.closeCode, v.getMessage().length() > 100 ? v.getMessage().substring(0, 100)
                        : v.getMessage());
                return;
            }
        }
    }

    /** The order rules of one connection: config once, then per turn context, RIFF header, samples, empty audio. */
    private static final class LiveTurns {
        enum Audio { HEADER, SAMPLES, END }

        private final Set<String> usedRequestIds = new HashSet<>();
        private boolean configSeen;
        private String turn;           // request id of the turn whose context arrived
        private boolean headerSeen;
        double byteRate = 32000;
        boolean wordTimings;
        List<String> languages = List.of();

        void text(UspWire.ClientMessage m, boolean wordTimingsByQuery) throws UspWire.Violation {
            switch (m.path()) {
                case "speech.config" -> {
                    if (configSeen || turn != null) {
                        throw new UspWire.Violation(1002, "speech.config must come once, before the first turn");
                    }
                    requireJson(m);
                    configSeen = true;
                }
                case "speech.context" -> {
                    if (!configSeen) {
                        throw new UspWire.Violation(1002, "speech.context before speech.config");
                    }
                    if (turn != null) {
                        throw new UspWire.Violation(1002, "speech.context while a turn's audio is open");
                    }
                    if (!usedRequestIds.add(m.requestId())) {
                        throw new UspWire.Violation(1002, "request id reused for a new turn");
                    }
                    JsonNode context = requireJson(m);
                    turn = m.requestId();
                    headerSeen = false;
                    wordTimings = wordTimingsByQuery;
                    context.path("phraseOutput").path("detailed").path("options").forEach(o -> {
                        if (o.asString("").equals("WordTimings")) {
                            wordTimings = true;
                        }
                    });
                    List<String> langs = new ArrayList<>();
                    context.path("languageId").path("languages").forEach(l -> langs.add(l.asString("")));
                    languages = langs;
                }
                case "telemetry" -> {
                    // the service tolerates and ignores it
                }
                default -> throw new UspWire.Violation(1002, "unknown client message path " + m.path());
            }
        }

        Audio audio(UspWire.ClientMessage m) throws UspWire.Violation {
            if (!m.path().equals("audio")) {
                throw new UspWire.Violation(1002, "binary message with path " + m.path());
            }
            if (turn == null) {
                throw new UspWire.Violation(1002, "audio before speech.context");
            }
            if (!turn.equals(m.requestId())) {
                throw new UspWire.Violation(1002, "audio under another request id than its turn's speech.context");
            }
            byte[] p = m.payload();
            if (!headerSeen) {
                if (!"audio/x-wav".equals(m.contentType()) || p.length < 44 || p[0] != 'R' || p[1] != 'I'
                        || p[2] != 'F' || p[3] != 'F' || p[8] != 'W' || p[12] != 'f') {
                    throw new UspWire.Violation(1007, "the first audio of a turn must be a RIFF header (audio/x-wav)");
                }
                ByteBuffer h = ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN);
                if (h.getShort(20) != 1 || h.getShort(22) != 1 || h.getShort(34) != 16) {
                    throw new UspWire.Violation(1007, "audio must be 16-bit mono PCM");
                }
                byteRate = h.getInt(28);
                headerSeen = true;
                return Audio.HEADER;
            }
            if (p.length == 0) {
                turn = null;
                return Audio.END;
            }
            if (p.length > 8192) {
                throw new UspWire.Violation(1007, "audio message of " + p.length + " bytes (max 8192)");
            }
            return Audio.SAMPLES;
        }

        private static JsonNode requireJson(UspWire.ClientMessage m) throws UspWire.Violation {
            if (m.contentType() == null || !m.contentType().startsWith("application/json")) {
                throw new UspWire.Violation(1007, m.path() + " without Content-Type application/json");
            }
            try {
                JsonNode n = Json.parse(m.text());
                if (!n.isObject()) {
                    throw new UspWire.Violation(1007, m.path() + " body is not a JSON object");
                }
                return n;
            } catch (JacksonException e) {
                throw new UspWire.Violation(1007, m.path() + " body is not JSON");
            }
        }
    }
}
