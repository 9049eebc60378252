package io.debabelizer.soniox;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.testkit.HttpClients;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.fake.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fake is as strict as the protocol notes: a raw JDK client breaking the rules gets Soniox's answers. */
@Timeout(60)
class SonioxFakeTest {

    private static final String KEY = ProviderSettings.KIT_API_KEY;
    private static final String CONFIG = "{\"model\":\"stt-rt-v5\",\"audio_format\":\"pcm_s16le\","
            + "\"sample_rate\":16000,\"num_channels\":1}";

    private SonioxFake fake;
    private HttpClient client;

    @BeforeEach
    void start() {
        fake = SonioxFake.start(KEY);
        fake.willTranscribe(ScriptedTranscript.jfk().text(), ScriptedTranscript.jfk().words());
        client = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() throws InterruptedException {
        fake.close();
        HttpClients.closeOrFail(client);
    }

    /** Collects what the server sends. */
    private static final class Inbox implements WebSocket.Listener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            texts.add(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closed.complete(code);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(1006);
        }
    }

    private WebSocket connect(Inbox inbox, boolean withHeader) throws Exception {
        WebSocket.Builder b = client.newWebSocketBuilder();
        if (withHeader) {
            b.header("Authorization", "Bearer " + KEY);
        }
        return b.buildAsync(fake.wsUri(), inbox).get(10, TimeUnit.SECONDS);
    }

    private static int errorCode(Inbox inbox) throws Exception {
        inbox.closed.get(10, TimeUnit.SECONDS);
        return Json.parse(inbox.texts.getLast()).path("error_code").asInt();
    }

    @Test
    void audioBeforeTheConfigurationIsRefused() throws Exception {
        Inbox inbox = new Inbox();
        WebSocket ws = connect(inbox, true);
        ws.sendBinary(ByteBuffer.wrap(new byte[640]), true).get();
        assertThat(errorCode(inbox)).isEqualTo(400);
        assertThat(fake.lastSession().violations()).containsExactly("audio before the configuration message");
    }

    @Test
    void unknownConfigFieldsAndRawAudioWithoutARateAreRefused() throws Exception {
        Inbox first = new Inbox();
        connect(first, true).sendText("{\"model\":\"stt-rt-v5\",\"audio_format\":\"auto\",\"sampel_rate\":1}", true);
        assertThat(errorCode(first)).isEqualTo(400);
        Inbox second = new Inbox();
        connect(second, true).sendText("{\"model\":\"stt-rt-v5\",\"audio_format\":\"pcm_s16le\"}", true);
        assertThat(errorCode(second)).isEqualTo(400);
        Inbox third = new Inbox();
        connect(third, true).sendText("{\"model\":\"nova-3\",\"audio_format\":\"auto\"}", true);
        assertThat(errorCode(third)).isEqualTo(400);
    }

    @Test
    void theLegacyConfigKeyIsAcceptedWithoutTheHeaderAndCheckedExactly() throws Exception {
        Inbox wrong = new Inbox();
        connect(wrong, false).sendText(CONFIG.replace("{", "{\"api_key\":\"nope\","), true);
        assertThat(errorCode(wrong)).isEqualTo(401);

        Inbox right = new Inbox();
        WebSocket ws = connect(right, false);
        ws.sendText(CONFIG.replace("{", "{\"api_key\":\"" + KEY + "\","), true).get();
        ws.sendBinary(ByteBuffer.wrap(new byte[32000 * 2]), true).get();
        ws.sendText("", true).get();
        right.closed.get(10, TimeUnit.SECONDS);
        assertThat(right.texts.getLast()).contains("\"finished\":true");
    }

    @Test
    void dataAfterTheEndOfAudioIsRecordedAsAViolation() throws Exception {
        fake.delayResponses(Duration.ofMillis(500)); // the stray frame surely arrives before the server closes
        Inbox inbox = new Inbox();
        WebSocket ws = connect(inbox, true);
        ws.sendText(CONFIG, true).get();
        ws.sendBinary(ByteBuffer.wrap(new byte[6400]), true).get();
        ws.sendBinary(ByteBuffer.allocate(0), true).get(); // the empty binary frame also ends the audio
        ws.sendBinary(ByteBuffer.wrap(new byte[640]), true).get(10, TimeUnit.SECONDS);
        inbox.closed.get(10, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !fake.lastSession().afterEndOfAudio().isEmpty());
        assertThat(fake.lastSession().afterEndOfAudio()).hasSize(1);
    }

    @Test
    void restCallsNeedTheBearerKeyAndExistingIds() throws Exception {
        HttpResponse<String> noKey = client.send(HttpRequest.newBuilder(URI.create(fake.restUri() + "/v1/files"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(Json.parse(noKey.body()).path("error_type").asString()).isEqualTo("unauthenticated");
        HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(
                        URI.create(fake.restUri() + "/v1/transcriptions/00000000-0000-0000-0000-000000000000"))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> notMultipart = client.send(HttpRequest.newBuilder(
                        URI.create(fake.restUri() + "/v1/files")).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10]))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notMultipart.statusCode()).isEqualTo(400);
    }
}
