package io.debabelizer.deepgram;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.ProtocolException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent.CloseReason;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.HttpClients;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.fake.FakeWebSocketServer;
import io.debabelizer.testkit.fake.WsConnection;
import io.debabelizer.testkit.fake.WsMessage;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every documented server message of the live socket mapped to events, with hand-written messages in the shapes of
 * the notes (and the recorded fixture), served by a bare scripted WebSocket server.
 */
@Timeout(60)
class DeepgramLiveMessageMappingTest {

    private static final String KEY = "k-mapping";
    private static final String INTERIM = """
            {"type":"Results","channel_index":[0,1],"duration":1.73,"start":5.9,"is_final":false,"speech_final":false,
             "channel":{"alternatives":[{"transcript":"ensure domestic","confidence":0.98,"words":[
               {"word":"ensure","start":6.25,"end":6.64,"confidence":0.98},
               {"word":"domestic","start":6.64,"end":7.1,"confidence":0.97}]}]},
             "metadata":{"request_id":"4b21fb93-0ece-46c8-a7c8-05709d2119dc","model_info":{"name":"general","version":"2024-01-26.8851","arch":"base"},"model_uuid":"1ed36bac"},
             "from_finalize":false}""";
    private static final String FINAL = """
            {"type":"Results","channel_index":[0,1],"duration":1.73,"start":5.9,"is_final":true,"speech_final":true,
             "channel":{"alternatives":[{"transcript":"Ensure domestic tranquility.","confidence":0.9897461,
               "languages":["pt-br"],
               "words":[{"word":"ensure","start":6.251818,"end":6.6427274,"confidence":0.9897461,"punctuated_word":"Ensure","speaker":1,"language":"pt"},
                        {"word":"domestic","start":6.6427274,"end":7.1,"confidence":0.99,"punctuated_word":"domestic","speaker":1},
                        {"word":"tranquility","start":7.1,"end":7.42,"confidence":0.99,"punctuated_word":"tranquility.","speaker":0}]}]},
             "metadata":{"request_id":"4b21fb93-0ece-46c8-a7c8-05709d2119dc"},"from_finalize":false}""";

    private final FakeWebSocketServer ws = FakeWebSocketServer.start();
    private final HttpClient client = HttpClient.newHttpClient();
    private SttProvider provider;

    @AfterEach
    void stop() throws InterruptedException {
        if (provider != null) {
            provider.close();
        }
        ws.close();
        HttpClients.closeOrFail(client);
    }

    private SpeechStream open(FakeWebSocketServer.Handler handler) {
        ws.requireHeader("Authorization", "Token " + KEY);
        ws.route("/v1/listen", handler);
        ProviderSettings settings = new ProviderSettings(io.debabelizer.config.Secret.of(KEY), Duration.ofSeconds(15),
                Duration.ofSeconds(15), client);
        // An http:// base: the provider derives ws:// on the same port.
        provider = new DeepgramProviderFactory().createStt(settings.context("deepgram", Map.of("api_key", KEY,
                "base_url", "http://127.0.0.1:" + ws.port())));
        return provider.openStream(StreamRequest.builder(AudioFormat.pcm16(16000, 1)).build());
    }

    @Test
    void resultsSpeechStartedUtteranceEndAndMetadataAreMapped() throws Exception {
        SpeechStream stream = open(conn -> {
            conn.receive(); // first audio
            conn.sendText("{\"type\":\"SpeechStarted\",\"channel\":[0,1],\"timestamp\":5.9}");
            conn.sendText(INTERIM);
            conn.sendText("{\"type\":\"SomethingNew\",\"x\":1}"); // forward compatible: ignored
            conn.sendText(FINAL);
            conn.sendText("{\"type\":\"UtteranceEnd\",\"channel\":[0,1],\"last_word_end\":7.42}");
            conn.sendText("{\"type\":\"UtteranceEnd\",\"channel\":[0,1]}");
            awaitCloseStream(conn);
            conn.sendText("{\"type\":\"Metadata\",\"transaction_key\":\"deprecated\",\"request_id\":\"8c8ebea9\","
                    + "\"sha256\":\"e3b0\",\"created\":\"2024-08-29T22:37:55.202Z\",\"duration\":7.9,\"channels\":1}");
            conn.close(1000, "");
        });
        stream.send(new byte[640]);
        stream.endInput();
        List<StreamEvent> events = DeepgramTestSupport.drain(stream);

        assertThat(events).hasSize(6);
        assertThat(events.get(0)).isEqualTo(new StreamEvent.SpeechStarted(5.9));
        StreamEvent.Interim interim = (StreamEvent.Interim) events.get(1);
        assertThat(interim.text()).isEqualTo("ensure domestic");
        assertThat(interim.start()).isEqualTo(5.9);
        assertThat(interim.end()).isCloseTo(7.63, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(interim.words()).extracting(Word::punctuated).containsExactly("ensure", "domestic");
        StreamEvent.Final fin = (StreamEvent.Final) events.get(2);
        assertThat(fin.text()).isEqualTo("Ensure domestic tranquility.");
        assertThat(fin.speechFinal()).isTrue();
        assertThat(fin.confidence()).isEqualTo(0.9897461);
        assertThat(fin.language()).isEqualTo("pt-BR");
        assertThat(fin.words().getFirst()).isEqualTo(new Word("ensure", "Ensure", 6.251818, 6.6427274, 0.9897461,
                "1"));
        assertThat(fin.words()).extracting(Word::speaker).containsExactly("1", "1", "0");
        assertThat(events.get(3)).isEqualTo(new StreamEvent.UtteranceEnd(7.42));
        assertThat(events.get(4)).isEqualTo(new StreamEvent.UtteranceEnd(-1));
        assertThat(((StreamEvent.Closed) events.get(5)).reason()).isEqualTo(CloseReason.COMPLETED);
        assertThat(((DeepgramSpeechStream) stream).requestId()).isEqualTo("8c8ebea9");
    }

    @Test
    void aMessageWithoutTypeIsAProtocolError() throws Exception {
        SpeechStream stream = open(conn -> {
            conn.receive();
            conn.sendText("{\"is_final\":true}");
            conn.receive(Duration.ofSeconds(10));
        });
        stream.send(new byte[640]);
        List<StreamEvent> events = DeepgramTestSupport.drain(stream);
        assertThat(events.get(events.size() - 2)).isInstanceOfSatisfying(StreamEvent.Error.class,
                e -> assertThat(e.error()).isInstanceOf(ProtocolException.class).hasMessageContaining("type"));
    }

    @Test
    void aBinaryMessageOnTheListenSocketIsAProtocolError() throws Exception {
        SpeechStream stream = open(conn -> {
            conn.receive();
            conn.sendBinary(new byte[] {1, 2, 3});
            conn.receive(Duration.ofSeconds(10));
        });
        stream.send(new byte[640]);
        List<StreamEvent> events = DeepgramTestSupport.drain(stream);
        assertThat(events.get(events.size() - 2)).isInstanceOfSatisfying(StreamEvent.Error.class,
                e -> assertThat(e.error()).isInstanceOf(ProtocolException.class));
    }

    @Test
    void fragmentedResultsAreReassembled() throws Exception {
        SpeechStream stream = open(conn -> {
            conn.receive();
            conn.sendFragmentedText(FINAL, 17);
            awaitCloseStream(conn);
            conn.close(1000, "");
        });
        stream.send(new byte[640]);
        stream.endInput();
        List<StreamEvent> events = DeepgramTestSupport.drain(stream);
        assertThat(((StreamEvent.Final) events.getFirst()).text()).isEqualTo("Ensure domestic tranquility.");
    }

    private static void awaitCloseStream(WsConnection conn) throws InterruptedException {
        while (true) {
            WsMessage m = conn.receive();
            if (m instanceof WsMessage.Text t && t.text().contains("CloseStream")) {
                return;
            }
        }
    }
}
