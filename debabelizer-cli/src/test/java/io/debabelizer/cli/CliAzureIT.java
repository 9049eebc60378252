package io.debabelizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.testkit.fake.FakeHttpServer;
import io.debabelizer.testkit.fake.FakeResponse;
import io.debabelizer.testkit.fake.FakeWebSocketServer;
import io.debabelizer.testkit.fake.FrontDoor;
import io.debabelizer.testkit.fake.WsConnection;
import io.debabelizer.testkit.fake.WsMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --provider azure} for transcribe, stream, synthesize and voices: the packaged jar against a loopback Azure
 * speech service reached through {@code AZURE_SPEECH_ENDPOINT} (REST and the USP WebSocket on one port, as a
 * container serves them).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CliAzureIT {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String KEY = "az-cli-key-4d2a";
    private static final String PHRASE = """
            {"RecognitionStatus":"Success","Offset":3200000,"Duration":11200000,"DisplayText":"We, the people.",
             "NBest":[{"Confidence":0.97,"Lexical":"we the people","ITN":"we the people","MaskedITN":"we the people",
               "Display":"We, the people.","Words":[{"Word":"we","Offset":3200000,"Duration":4800000},
               {"Word":"the","Offset":8000000,"Duration":1600000},{"Word":"people","Offset":9600000,
               "Duration":4800000}]}]}""";
    private static final String VOICES = """
            [{"Name":"Microsoft Server Speech Text to Speech Voice (en-US, JennyNeural)","DisplayName":"Jenny",
              "ShortName":"en-US-JennyNeural","Gender":"Female","Locale":"en-US","StyleList":["cheerful"],
              "SampleRateHertz":"24000","VoiceType":"Neural","Status":"GA"}]""";

    @TempDir
    static Path work;
    static Path speech;

    private FakeHttpServer http;
    private FakeWebSocketServer ws;
    private FrontDoor door;
    private final List<String> liveLog = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void writeAudio() throws Exception {
        speech = work.resolve("speech.wav");
        Files.write(speech, CliEndToEndIT.wav(2.0));
    }

    @BeforeEach
    void startAzure() {
        http = FakeHttpServer.start();
        ws = FakeWebSocketServer.start();
        http.requireHeader("Ocp-Apim-Subscription-Key", KEY)
                .route("POST", "/speech/recognition/conversation/cognitiveservices/v1",
                        req -> FakeResponse.json(200, PHRASE).withHeader("X-RequestId", "az-req-1"))
                .route("POST", "/cognitiveservices/v1", req -> FakeResponse.bytes(200, "audio/x-wav",
                        CliEndToEndIT.wav(0.5)))
                .route("GET", "/cognitiveservices/voices/list", req -> FakeResponse.json(200, VOICES));
        ws.requireHeader("Ocp-Apim-Subscription-Key", KEY)
                .route("/speech/recognition/conversation/cognitiveservices/v1", this::recognise);
        door = new FrontDoor(http.port(), ws.port());
    }

    @AfterEach
    void stopAzure() {
        door.close();
        ws.close();
        http.close();
    }

    /** A USP peer: config, context, RIFF header, audio, empty audio; a hypothesis, then the phrase and turn.end. */
    private void recognise(WsConnection conn) throws Exception {
        String requestId = null;
        boolean hypothesisSent = false;
        while (true) {
            WsMessage m = conn.receive(Duration.ofSeconds(30));
            if (m == null || m instanceof WsMessage.Close) {
                return;
            }
            if (m instanceof WsMessage.Text t) {
                String path = header(t.text(), "Path");
                liveLog.add(path);
                requestId = header(t.text(), "X-RequestId");
                continue;
            }
            byte[] data = ((WsMessage.Binary) m).data();
            int length = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
            int payload = data.length - 2 - length;
            if (new String(data, 2, length, StandardCharsets.US_ASCII).contains("audio/x-wav")) {
                liveLog.add("header");
                send(conn, "turn.start", requestId, "{\"context\":{\"serviceTag\":\"T\"}}");
            } else if (payload == 0) {
                liveLog.add("end");
                send(conn, "speech.phrase", requestId, PHRASE);
                send(conn, "speech.endDetected", requestId, "{\"Offset\":20000000}");
                send(conn, "turn.end", requestId, "");
            } else if (!hypothesisSent) {
                hypothesisSent = true;
                send(conn, "speech.hypothesis", requestId, "{\"Text\":\"we the\",\"Offset\":3200000,"
                        + "\"Duration\":6400000}");
            }
        }
    }

    private static String header(String message, String name) {
        for (String line : message.substring(0, message.indexOf("\r\n\r\n")).split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return null;
    }

    private static void send(WsConnection conn, String path, String requestId, String body) throws Exception {
        conn.sendText("X-RequestId:" + requestId + "\r\nPath:" + path
                + "\r\nContent-Type:application/json; charset=utf-8\r\n\r\n" + body);
    }

    private PackagedCli.Result cli(String... args) throws Exception {
        return new PackagedCli(work, "AZURE_").run(Map.of("AZURE_SPEECH_KEY", KEY,
                "AZURE_SPEECH_ENDPOINT", "http://127.0.0.1:" + door.port()), args);
    }

    @Test
    void transcribeUsesTheShortAudioApi() throws Exception {
        PackagedCli.Result r = cli("transcribe", "--provider", "azure", "--language", "en-US", "--format", "json", "speech.wav");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = MAPPER.readTree(r.out());
        assertThat(json.get("text").asString()).isEqualTo("We, the people.");
        assertThat(json.get("provider").asString()).isEqualTo("azure");
        assertThat(json.get("request_id").asString()).isEqualTo("az-req-1");
        assertThat(json.get("words")).hasSize(3);
        assertThat(http.lastRequest().queryParam("language")).contains("en-US");
        assertThat(http.lastRequest().body()).isEqualTo(Files.readAllBytes(speech));
    }

    @Test
    void streamSpeaksUspAndPrintsInterimAndFinal() throws Exception {
        PackagedCli.Result r = cli("stream", "--provider", "azure", "--language", "en-US", "--fast", "--interim", "speech.wav");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("interim: we the").contains("We, the people.");
        assertThat(liveLog).startsWith("speech.config", "speech.context", "header").endsWith("end");
        assertThat(ws.upgradeRequests().getFirst().header("X-ConnectionId"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9A-F]{32}"));
    }

    @Test
    void synthesizeAndVoices() throws Exception {
        PackagedCli.Result s = cli("synthesize", "Hello & welcome.", "--provider", "azure", "-o", "az.wav");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(work.resolve("az.wav")).exists();
        assertThat(http.lastRequest().path()).isEqualTo("/cognitiveservices/v1");
        assertThat(http.lastRequest().header("X-Microsoft-OutputFormat")).hasValueSatisfying(
                f -> assertThat(f).startsWith("riff-"));
        assertThat(http.lastRequest().bodyText()).contains("Hello &amp; welcome.");

        PackagedCli.Result v = cli("voices", "--provider", "azure");
        assertThat(v.code()).as(v.err()).isZero();
        assertThat(v.out()).contains("en-US-JennyNeural");
    }
}
