package io.debabelizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.testkit.fake.FakeHttpServer;
import io.debabelizer.testkit.fake.FakeResponse;
import io.debabelizer.testkit.fake.RecordedRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the packaged jar as a user would, in a child JVM, with the scripted test providers of
 * {@code io.debabelizer.cli.testprovider} on the class path. Tests that need the library's facade skip themselves
 * (saying why) while it is not implemented, and run as soon as it is.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CliEndToEndIT {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Path JAR = Path.of(System.getProperty("debabelizer.cli.jar", "target/debabelizer-cli.jar"))
            .toAbsolutePath();
    private static final Path TEST_CLASSES = Path.of(System.getProperty("debabelizer.cli.test-classes",
            "target/test-classes")).toAbsolutePath();
    private static final String SCRIPT_TEXT = "And so, my fellow Americans, ask not what your country can do for "
            + "you. Ask what you can do for your country.";

    @TempDir
    static Path work;
    static Path speech;

    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    @BeforeAll
    static void writeAudio() throws IOException {
        assertThat(JAR).as("the CLI jar; run the integration-test phase (./mvnw verify)").isRegularFile();
        speech = work.resolve("speech.wav");
        Files.write(speech, wav(14.0));
    }

    /** 16 kHz mono 16-bit WAV of a quiet 440 Hz tone. */
    static byte[] wav(double seconds) {
        int rate = 16_000;
        int samples = (int) (seconds * rate);
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (3000 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        return b.array();
    }

    // ---- running the CLI ------------------------------------------------------------------------------------

    private static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", JAR + java.io.File.pathSeparator + TEST_CLASSES,
                "io.debabelizer.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Process start(List<String> command, Map<String, String> env, Path stdout, Path stderr)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Map<String, String> environment = pb.environment();
        // Only what the test sets may configure the child: no keys or preferences from the machine running the build.
        environment.keySet().removeIf(k -> k.startsWith("DEBABELIZER_") || k.endsWith("_API_KEY"));
        environment.put("HOME", work.toString());
        environment.put("XDG_CONFIG_HOME", work.resolve(".config").toString());
        environment.putAll(env);
        return pb.start();
    }

    private static Result run(List<String> command, Map<String, String> env, String stdin) throws Exception {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = start(command, env, out, err);
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("debabelizer " + command + " did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Result cli(String... args) throws Exception {
        return run(javaCommand(args), Map.of(), "");
    }

    private static Result cli(Map<String, String> env, String... args) throws Exception {
        return run(javaCommand(args), env, "");
    }

    private static JsonNode json(String text) {
        return MAPPER.readTree(text);
    }

    // ---- parsing, usage and error paths ----------------------------------------------------------------------

    @Test
    void versionPrintsOnStdoutAndNothingElse() throws Exception {
        Result r = cli("--version");

        assertThat(r.code()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).matches("debabelizer \\d+\\.\\d+\\.\\d+.*");
        assertThat(r.err()).as("no logging noise").isEmpty();
    }

    @Test
    void noCommandShowsUsageAndExitsTwo() throws Exception {
        Result r = cli();

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Usage: debabelizer").contains("transcribe").contains("synthesize");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void usageErrorIsOneLinePlusHintAndExitsTwo() throws Exception {
        Result r = cli("transcribe", "--bogus", "speech.wav");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("debabelizer: Unknown option: '--bogus'",
                "hint: see 'debabelizer transcribe --help'");
    }

    @Test
    void missingArgumentIsAUsageError() throws Exception {
        Result r = cli("stream");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines().getFirst()).isEqualTo("debabelizer: Missing required parameter: 'FILE'");
    }

    @Test
    void missingFileExitsOneWithOneLine() throws Exception {
        Result r = cli("transcribe", "nope.wav");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("debabelizer: file not found: nope.wav");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void failuresShowNoStackTraceUnlessDebug() throws Exception {
        Result plain = cli("-q", "transcribe", "--provider", "failing", speech.toString());
        Result debug = cli("--debug", "transcribe", "--provider", "failing", speech.toString());

        assertThat(plain.code()).isEqualTo(1);
        assertThat(plain.errLines().getFirst()).startsWith("debabelizer: ");
        assertThat(plain.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(debug.code()).isEqualTo(1);
        assertThat(debug.errLines()).as("debug logging comes first, then the same error line")
                .anyMatch(l -> l.startsWith("debabelizer: "));
        assertThat(debug.err()).contains("\tat io.debabelizer.");
    }

    @Test
    void launcherRunsFromAnyDirectoryAndThroughSymlinksPassingTheExitCode() throws Exception {
        Path launcher = JAR.getParent().getParent().getParent().resolve("debabelizer");
        Assumptions.assumeTrue(Files.isExecutable(launcher), "launcher not found at " + launcher);
        Path link = work.resolve("bin/dbz");
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, launcher);
        Map<String, String> noBuild = Map.of("DEBABELIZER_NO_BUILD", "1");

        Result version = run(List.of(launcher.toString(), "--version"), noBuild, "");
        Result viaLink = run(List.of(link.toString(), "--version"), noBuild, "");
        Result usage = run(List.of(link.toString(), "transcribe"), noBuild, "");
        Result missing = run(List.of(link.toString(), "transcribe", "nope.wav"), noBuild, "");

        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("debabelizer ");
        assertThat(viaLink.out()).isEqualTo(version.out());
        assertThat(usage.code()).isEqualTo(2);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.errLines()).containsExactly("debabelizer: file not found: nope.wav");
    }

    // ---- through the library, with the scripted providers ---------------------------------------------------

    @Test
    void transcribeJsonHasTheStableShape() throws Exception {
        Result r = cli("transcribe", "--provider", "scripted", "--format", "json", "speech.wav");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode t = json(r.out());
        assertThat(t.get("text").asString()).isEqualTo(SCRIPT_TEXT);
        assertThat(t.get("provider").asString()).isEqualTo("scripted");
        assertThat(t.get("model").asString()).isEqualTo("script-1");
        assertThat(t.get("duration").asDouble()).isEqualTo(14.0);
        assertThat(t.get("request_id").asString()).isEqualTo("scripted-req-1");
        assertThat(t.get("words")).hasSize(SCRIPT_TEXT.split(" ").length);
        JsonNode first = t.get("words").get(0);
        assertThat(first.get("word").asString()).isEqualTo("and");
        assertThat(first.get("start").asDouble()).isEqualTo(0.3);
        assertThat(first.get("end").asDouble()).isEqualTo(0.65);
        assertThat(first.get("confidence").asDouble()).isEqualTo(0.9);
        assertThat(r.err()).contains("transcribing speech.wav with scripted…");
    }

    @Test
    void transcribeSubtitles() throws Exception {
        Result srt = cli("-q", "transcribe", "--provider", "scripted", "--format", "srt", "speech.wav");
        Result vtt = cli("-q", "transcribe", "--provider", "scripted", "--format", "vtt", "speech.wav");

        assertThat(srt.code()).as(srt.err()).isZero();
        assertThat(srt.out()).startsWith("1\n00:00:00,300 --> 00:00:");
        assertThat(srt.out().split("\n\n")).hasSize(3)
                .allSatisfy(cue -> assertThat(cue).containsPattern("\\d+\n\\d\\d:\\d\\d:\\d\\d,\\d{3} --> "
                        + "\\d\\d:\\d\\d:\\d\\d,\\d{3}\n.+"));
        assertThat(vtt.out()).startsWith("WEBVTT\n\n00:00:00.300 --> 00:00:");
        assertThat(vtt.out()).contains("\nAsk what you can do for your country.\n");
        assertThat(srt.err()).as("--quiet").isEmpty();
    }

    @Test
    void transcribeUsesTheConfiguredProviderAndWritesTheOutputFile() throws Exception {
        Result r = cli(Map.of("DEBABELIZER_STT_PROVIDER", "scripted"), "transcribe", "speech.wav", "-o",
                "out/transcript.txt");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(work.resolve("out/transcript.txt"))).isEqualTo(SCRIPT_TEXT + "\n");
    }

    @Test
    void providerErrorsAreMappedWithAHint() throws Exception {
        Result r = cli("transcribe", "--provider", "failing", "speech.wav");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).contains(
                "debabelizer: authentication failed: failing: invalid API key (HTTP 401) (request id failing-req-42)",
                "hint: check FAILING_API_KEY (or providers.failing.api_key in the config file)");
    }

    @Test
    void providersJsonListsAvailabilityAndReasons() throws Exception {
        Result r = cli("providers", "--format", "json");

        assertThat(r.code()).as(r.err()).isZero();
        Map<String, JsonNode> byName = new HashMap<>();
        json(r.out()).forEach(p -> byName.put(p.get("name").asString(), p));
        assertThat(byName).containsKeys("scripted", "failing", "unconfigured");
        JsonNode scripted = byName.get("scripted");
        assertThat(scripted.get("available").asBoolean()).isTrue();
        assertThat(scripted.get("capabilities").valueStream().map(JsonNode::asString).toList())
                .containsExactly("stt", "stt-streaming", "tts");
        JsonNode unconfigured = byName.get("unconfigured");
        assertThat(unconfigured.get("available").asBoolean()).isFalse();
        assertThat(unconfigured.get("reason").asString()).isEqualTo("UNCONFIGURED_API_KEY not set");

        Result text = cli("providers");
        assertThat(text.out()).contains("unavailable: UNCONFIGURED_API_KEY not set");
    }

    @Test
    void voicesFilteredByLanguage() throws Exception {
        Result r = cli("voices", "--provider", "scripted", "--language", "en", "--format", "json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(json(r.out()).valueStream().map(v -> v.get("id").asString()).toList())
                .containsExactly("alice", "chloe");
    }

    @Test
    void synthesizeWritesTheFileInTheFormatOfItsExtension() throws Exception {
        Result wav = cli("synthesize", "Hello world", "-o", "tts/hello.wav", "--provider", "scripted",
                "--voice", "chloe");

        assertThat(wav.code()).as(wav.err()).isZero();
        byte[] audio = Files.readAllBytes(work.resolve("tts/hello.wav"));
        assertThat(new String(audio, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(wav.err()).contains("wrote tts/hello.wav").contains("voice chloe");
    }

    @Test
    void synthesizeReadsTextFromStdin() throws Exception {
        Result r = run(javaCommand("synthesize", "-", "-o", "stdin.ulaw", "--provider", "scripted"), Map.of(),
                "Hello from standard input\n");

        assertThat(r.code()).as(r.err()).isZero();
        byte[] audio = Files.readAllBytes(work.resolve("stdin.ulaw"));
        assertThat(audio).isNotEmpty().containsOnly((byte) 0xFF);
    }

    @Test
    void synthesizeFailureLeavesNoFile() throws Exception {
        Result r = cli("--quiet", "synthesize", "Hello", "-o", "nothing.mp3", "--provider", "scripted");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines().getFirst()).startsWith("debabelizer: unsupported audio format: scripted");
        assertThat(work.resolve("nothing.mp3")).doesNotExist();
    }

    @Test
    void streamPrintsFinalResultsOnePerLine() throws Exception {
        Result r = cli("stream", "--fast", "--provider", "scripted", "--timestamps", "speech.wav");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).containsExactly(
                "[0.30-7.40] And so, my fellow Americans, ask not what your country can do for you.",
                "[8.30-11.80] Ask what you can do for your country.");
        assertThat(r.err()).contains("streaming speech.wav (14.0 s) to scripted").contains("done:");
    }

    @Test
    void streamInterimLinesOnRequest() throws Exception {
        Result r = cli("-q", "stream", "--fast", "--interim", "--provider", "scripted", "speech.wav");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("interim: And\n");
        assertThat(r.out().lines().filter(l -> !l.startsWith("interim: "))).hasSize(2);
    }

    @Test
    void streamJsonLinesCoverEveryEventInOrder() throws Exception {
        Result r = cli("stream", "--fast", "--chunk-ms", "100", "--format", "json", "--provider", "scripted",
                "speech.wav");

        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> events = r.out().lines().map(CliEndToEndIT::json).toList();
        List<String> types = events.stream().map(e -> e.get("type").asString()).toList();
        assertThat(types.getFirst()).isEqualTo("speech_started");
        assertThat(types).contains("interim", "final", "utterance_end");
        assertThat(types.indexOf("interim")).isLessThan(types.indexOf("final"));
        assertThat(types.getLast()).isEqualTo("closed");
        assertThat(events.getLast().get("reason").asString()).isEqualTo("completed");
        assertThat(events.getLast().get("audio_seconds").asDouble()).isEqualTo(14.0);
    }

    @Test
    void streamInRealTime() throws Exception {
        Files.write(work.resolve("short.wav"), wav(1.2));
        Result r = cli("-q", "stream", "--provider", "scripted", "short.wav");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("And so,\n");
    }

    @Test
    void terminatingAStreamCancelsItCleanly() throws Exception {
        Path out = work.resolve("cancel.out");
        Path err = work.resolve("cancel.err");
        Process p = start(javaCommand("stream", "--format", "json", "--provider", "scripted", "speech.wav"),
                Map.of(), out, err);
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!Files.readString(out).contains("\"interim\"") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(p.isAlive()).as("still streaming in real time").isTrue();
            p.destroy(); // SIGTERM runs the same shutdown path as Ctrl-C
            assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        List<String> lines = Files.readString(out).lines().toList();
        JsonNode last = json(lines.getLast());
        assertThat(last.get("type").asString()).isEqualTo("closed");
        // Our hook cancels the stream; a processor that closes its sessions on shutdown may get there first.
        assertThat(last.get("reason").asString()).isIn("cancelled", "shutdown");
        assertThat(Files.readString(err)).doesNotContain("\tat ");
    }

    @Test
    void configIsPrintedWithSecretsRedacted() throws Exception {
        String secret = "sk-live-verysecretvalue-0123456789";
        Map<String, String> env = Map.of("SCRIPTED_API_KEY", secret, "DEBABELIZER_TTS_PROVIDER", "scripted");

        Result json = cli(env, "config", "--format", "json");
        Result text = cli(env, "config");

        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json(json.out()).isObject()).isTrue();
        assertThat(json.out()).contains("scripted").doesNotContain("verysecretvalue");
        assertThat(text.code()).isZero();
        assertThat(text.out()).doesNotContain("verysecretvalue");
        assertThat(json.err() + text.err()).doesNotContain("verysecretvalue");
    }

    @Test
    void evalScoresEachProviderPerFileAndOverall() throws Exception {
        Path manifest = work.resolve("manifest.tsv");
        Files.writeString(manifest, "file\treference\nspeech.wav\tand so my fellow americans ask not what your country "
                + "can do for you ask what you can do for your country\n");
        Result r = cli("eval", "manifest.tsv", "--provider", "scripted", "--provider", "failing", "--format", "json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode reports = json(r.out());
        assertThat(reports).hasSize(2);
        JsonNode scripted = reports.get(0);
        assertThat(scripted.get("provider").asString()).isEqualTo("scripted");
        assertThat(scripted.get("wer").asDouble()).isZero();
        assertThat(scripted.get("rtf").asDouble()).isPositive();
        assertThat(scripted.get("files").get(0).get("file").asString()).isEqualTo("speech.wav");
        assertThat(scripted.get("files").get(0).get("wer").asDouble()).isZero();
        JsonNode failing = reports.get(1);
        assertThat(failing.get("wer").asDouble()).isEqualTo(1.0);
        assertThat(failing.get("failures").asInt()).isEqualTo(1);
        assertThat(failing.get("files").get(0).get("error").asString()).isNotBlank();

        Result table = cli("eval", "manifest.tsv", "--provider", "scripted");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains("PROVIDER", "scripted", "0.0%");
    }

    @Test
    void evalOfABadManifestIsOneLineAndExitsOne() throws Exception {
        Path manifest = work.resolve("bad.tsv");
        Files.writeString(manifest, "path\ttext\nspeech.wav\thello\n");
        Result r = cli("eval", "bad.tsv", "--provider", "scripted");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines().getFirst()).startsWith("debabelizer: ").contains("'file' and 'reference'");
    }

    // ---- a cloud provider through its base-URL override (a loopback fake speaking Deepgram's REST shapes) ----

    private static final String DEEPGRAM_LISTEN = """
            {"metadata":{"request_id":"dg-req-7","duration":14.0,"channels":1},
             "results":{"channels":[{"detected_language":"en","alternatives":[{
               "transcript":"We, the people.","confidence":0.99,
               "words":[{"word":"we","start":0.32,"end":0.8,"confidence":0.86,"punctuated_word":"We,"},
                        {"word":"the","start":0.8,"end":0.96,"confidence":0.99,"punctuated_word":"the"},
                        {"word":"people","start":0.96,"end":1.44,"confidence":0.98,"punctuated_word":"people."}]}]}]}}
            """;

    @Test
    void transcribeAndSynthesizeThroughDeepgramAtItsBaseUrl() throws Exception {
        try (FakeHttpServer deepgram = FakeHttpServer.start()) {
            deepgram.requireHeader("Authorization", "Token dg-test-key")
                    .route("POST", "/v1/listen", req -> FakeResponse.json(200, DEEPGRAM_LISTEN))
                    .route("POST", "/v1/speak", req -> FakeResponse.bytes(200, "audio/wav", wav(0.5)));
            Map<String, String> env = Map.of("DEEPGRAM_API_KEY", "dg-test-key",
                    "DEEPGRAM_BASE_URL", deepgram.baseUri().toString());

            Result t = cli(env, "transcribe", "--provider", "deepgram", "--format", "json", "speech.wav");
            assertThat(t.code()).as(t.err()).isZero();
            JsonNode json = json(t.out());
            assertThat(json.get("text").asString()).isEqualTo("We, the people.");
            assertThat(json.get("provider").asString()).isEqualTo("deepgram");
            assertThat(json.get("request_id").asString()).isEqualTo("dg-req-7");
            assertThat(json.get("words")).hasSize(3);
            RecordedRequest listen = deepgram.requests().getFirst();
            assertThat(listen.queryParam("model")).contains("nova-3");
            assertThat(listen.body()).hasSize((int) Files.size(speech)); // the WAV is sent as it is

            Result s = cli(env, "synthesize", "Hello there.", "--provider", "deepgram", "-o", "dg.wav");
            assertThat(s.code()).as(s.err()).isZero();
            assertThat(work.resolve("dg.wav")).exists();
            assertThat(deepgram.lastRequest().path()).isEqualTo("/v1/speak");
        }
    }

    @Test
    void aRejectedDeepgramKeyIsOneLineWithAHintAndNoSecret() throws Exception {
        try (FakeHttpServer deepgram = FakeHttpServer.start()) {
            deepgram.route("POST", "/v1/listen", req -> FakeResponse.json(401,
                    "{\"err_code\":\"INVALID_AUTH\",\"err_msg\":\"Invalid credentials.\",\"request_id\":\"r-9\"}"));
            Map<String, String> env = Map.of("DEEPGRAM_API_KEY", "dg-wrong-key-123456",
                    "DEEPGRAM_BASE_URL", deepgram.baseUri().toString());
            Result r = cli(env, "transcribe", "--provider", "deepgram", "speech.wav");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.errLines()).filteredOn(l -> l.startsWith("debabelizer: ")).singleElement()
                    .satisfies(l -> assertThat(l).startsWith("debabelizer: authentication failed"));
            assertThat(r.err()).contains("DEEPGRAM_API_KEY").doesNotContain("dg-wrong-key-123456")
                    .doesNotContain("\tat ");
        }
    }

    /**
     * A minimal Soniox real-time peer: config message first, binary audio, then the empty text frame; it answers
     * with a non-final token while audio arrives, the final tokens at the end, then {@code finished}.
     */
    private static void sonioxSession(io.debabelizer.testkit.fake.WsConnection ws) throws Exception {
        JsonNode config = MAPPER.readTree(ws.receiveText());
        assertThat(config.get("audio_format").asString()).isEqualTo("pcm_s16le");
        assertThat(config.get("sample_rate").asInt()).isEqualTo(16_000);
        long audioBytes = 0;
        boolean interimSent = false;
        while (true) {
            var message = ws.receive(java.time.Duration.ofSeconds(30));
            if (message instanceof io.debabelizer.testkit.fake.WsMessage.Binary b) {
                audioBytes += b.data().length;
                if (!interimSent && audioBytes > 32_000) {
                    ws.sendText("{\"tokens\":[{\"text\":\"We\",\"start_ms\":320,\"end_ms\":800,"
                            + "\"confidence\":0.8,\"is_final\":false}]}");
                    interimSent = true;
                }
            } else if (message instanceof io.debabelizer.testkit.fake.WsMessage.Text t && t.text().isEmpty()) {
                break;
            } else {
                throw new AssertionError("unexpected message " + message);
            }
        }
        ws.sendText("{\"tokens\":[{\"text\":\"We\",\"start_ms\":320,\"end_ms\":800,\"confidence\":0.9,"
                + "\"is_final\":true},{\"text\":\" the\",\"start_ms\":800,\"end_ms\":960,\"confidence\":0.9,"
                + "\"is_final\":true},{\"text\":\" people.\",\"start_ms\":960,\"end_ms\":1440,"
                + "\"confidence\":0.9,\"is_final\":true}]}");
        ws.sendText("{\"tokens\":[],\"finished\":true}");
    }

    @Test
    void streamThroughSonioxAtItsWebSocketUrl() throws Exception {
        try (var soniox = io.debabelizer.testkit.fake.FakeWebSocketServer.start()) {
            soniox.route("/transcribe-websocket", CliEndToEndIT::sonioxSession);
            Map<String, String> env = Map.of("SONIOX_API_KEY", "sx-test-key",
                    "SONIOX_WS_URL", soniox.baseUri().resolve("/transcribe-websocket").toString());
            Result r = cli(env, "stream", "--provider", "soniox", "--fast", "--format", "json", "speech.wav");

            assertThat(r.code()).as(r.err()).isZero();
            List<JsonNode> events = r.out().lines().map(CliEndToEndIT::json).toList();
            List<String> types = events.stream().map(e -> e.get("type").asString()).toList();
            assertThat(types).contains("interim", "final").last().isEqualTo("closed");
            assertThat(types.indexOf("interim")).isLessThan(types.indexOf("final"));
            assertThat(String.join(" ", events.stream().filter(e -> e.get("type").asString().equals("final"))
                    .map(e -> e.get("text").asString()).filter(t -> !t.isEmpty()).toList()))
                    .isEqualTo("We the people.");
            assertThat(soniox.connections().getFirst().receivedBinary()).hasSize(14 * 32_000);
            assertThat(soniox.handlerErrors()).isEmpty();
        }
    }

    @Test
    void transcribeThroughAnOpenAiCompatibleServerBehindAPathPrefix() throws Exception {
        String verbose = """
                {"task":"transcribe","language":"english","duration":14.0,"text":" We, the people.",
                 "segments":[{"id":0,"seek":0,"start":0.32,"end":1.44,"text":" We, the people."}],
                 "words":[{"word":"We","start":0.32,"end":0.8},{"word":"the","start":0.8,"end":0.96},
                          {"word":"people","start":0.96,"end":1.44}]}
                """;
        try (FakeHttpServer server = FakeHttpServer.start()) {
            server.requireHeader("Authorization", "Bearer oa-test-key")
                    .route("POST", "/proxy/v1/audio/transcriptions", req -> FakeResponse.json(200, verbose)
                            .withHeader("x-request-id", "req_oa_1"));
            Map<String, String> env = Map.of("OPENAI_API_KEY", "oa-test-key",
                    "OPENAI_BASE_URL", server.baseUri().resolve("/proxy/v1").toString());
            Result r = cli(env, "transcribe", "--provider", "openai", "--format", "json", "speech.wav");

            assertThat(r.code()).as(r.err()).isZero();
            JsonNode json = json(r.out());
            assertThat(json.get("text").asString()).isEqualTo("We, the people.");
            assertThat(json.get("provider").asString()).isEqualTo("openai");
            assertThat(json.get("request_id").asString()).isEqualTo("req_oa_1");
            assertThat(json.get("words")).hasSize(3);
            assertThat(server.lastRequest().header("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("multipart/form-data"));
        }
    }

    @Test
    void elevenLabsVoicesAndSynthesisByVoiceName() throws Exception {
        String voices = """
                {"voices":[{"voice_id":"21m00Tcm4TlvDq8ikWAM","name":"Rachel","category":"premade",
                            "labels":{"gender":"female","accent":"american"},"preview_url":"https://x/p.mp3",
                            "verified_languages":[{"language":"en","model_id":"eleven_multilingual_v2","locale":"en-US"}]},
                           {"voice_id":"pNInz6obpgDQGcFmaJgB","name":"Adam","category":"premade",
                            "labels":{"gender":"male"},"preview_url":"https://x/a.mp3"}]}
                """;
        byte[] pcm = new byte[16_000]; // 0.5 s of 16 kHz 16-bit silence, as pcm_16000 returns it
        try (FakeHttpServer server = FakeHttpServer.start()) {
            server.requireHeader("xi-api-key", "el-test-key")
                    .route("GET", "/v1/voices", req -> FakeResponse.json(200, voices))
                    .route("POST", "/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM",
                            req -> FakeResponse.bytes(200, "audio/pcm", pcm));
            Map<String, String> env = Map.of("ELEVENLABS_API_KEY", "el-test-key",
                    "ELEVENLABS_BASE_URL", server.baseUri().toString());

            Result list = cli(env, "voices", "--provider", "elevenlabs", "--format", "json");
            assertThat(list.code()).as(list.err()).isZero();
            assertThat(json(list.out()).valueStream().map(v -> v.get("name").asString()).toList())
                    .containsExactly("Rachel", "Adam");

            Result s = cli(env, "synthesize", "Hello.", "--provider", "elevenlabs", "--voice", "Rachel",
                    "-o", "el.wav");
            assertThat(s.code()).as(s.err()).isZero();
            RecordedRequest speak = server.lastRequest();
            assertThat(speak.path()).isEqualTo("/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM");
            assertThat(speak.queryParam("output_format")).hasValueSatisfying(f -> assertThat(f).startsWith("pcm_"));
            assertThat(io.debabelizer.audio.AudioFormatDetector.detect(Files.readAllBytes(work.resolve("el.wav")))
                    .container()).isEqualTo(io.debabelizer.audio.Container.WAV);
        }
    }
}
