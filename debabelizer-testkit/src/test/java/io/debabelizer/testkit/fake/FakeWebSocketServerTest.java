package io.debabelizer.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FakeWebSocketServerTest {

    private FakeWebSocketServer server;
    private HttpClient client;

    /** What the JDK client saw, in order. */
    sealed interface Seen {
        record Text(String text) implements Seen {
        }

        record Binary(byte[] data) implements Seen {
        }

        record Pong(byte[] data) implements Seen {
        }

        record Closed(int code, String reason) implements Seen {
        }

        record Failed(Throwable error) implements Seen {
        }
    }

    /** A JDK listener that joins fragments and records everything. */
    static final class Recorder implements WebSocket.Listener {
        final LinkedBlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                seen.add(new Seen.Text(text.toString()));
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                seen.add(new Seen.Binary(binary.toByteArray()));
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            seen.add(new Seen.Pong(b));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            seen.add(new Seen.Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            seen.add(new Seen.Failed(error));
        }

        Seen next() throws InterruptedException {
            Seen s = seen.poll(20, TimeUnit.SECONDS);
            assertThat(s).as("client event").isNotNull();
            return s;
        }
    }

    @BeforeEach
    void setUp() {
        server = FakeWebSocketServer.start();
        client = HttpClient.newHttpClient();
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    private WebSocket connect(String path, Recorder recorder, String... headers) {
        WebSocket.Builder b = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.buildAsync(URI.create(server.baseUri() + path), recorder).join();
    }

    /** Echoes every data message until the client closes. */
    private static void echo(WsConnection conn) throws Exception {
        while (true) {
            WsMessage m = conn.receive();
            switch (m) {
                case WsMessage.Text t -> conn.sendText(t.text());
                case WsMessage.Binary b -> conn.sendBinary(b.data());
                case WsMessage.Close c -> {
                    return;
                }
            }
        }
    }

    @Test
    void handshakeRecordsTheUpgradeAndEchoesTextAndBinary() throws Exception {
        server.route("/v1/listen", FakeWebSocketServerTest::echo);
        Recorder rec = new Recorder();
        WebSocket ws = connect("/v1/listen?encoding=linear16&sample_rate=16000", rec, "Authorization", "Token k");

        ws.sendText("{\"type\":\"config\"}", true).join();
        assertThat(rec.next()).isEqualTo(new Seen.Text("{\"type\":\"config\"}"));
        ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        assertThat(((Seen.Binary) rec.next()).data()).containsExactly(1, 2, 3);

        WsConnection conn = server.connections().getFirst();
        assertThat(conn.request().queryParam("sample_rate")).contains("16000");
        assertThat(conn.request().header("Authorization")).contains("Token k");
        assertThat(conn.received()).hasSize(2);
        assertThat(conn.receivedBinary()).containsExactly(1, 2, 3);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        assertThat(rec.next()).isEqualTo(new Seen.Closed(1000, ""));
    }

    @Test
    void withoutRecordingStillServesButKeepsNoMessages() throws Exception {
        server.withoutRecording().route("/v1/listen", FakeWebSocketServerTest::echo);
        Recorder rec = new Recorder();
        WebSocket ws = connect("/v1/listen", rec);

        ws.sendText("hello", true).join();
        assertThat(rec.next()).isEqualTo(new Seen.Text("hello"));
        ws.sendBinary(ByteBuffer.wrap(new byte[] {4, 5}), true).join();
        assertThat(((Seen.Binary) rec.next()).data()).containsExactly(4, 5);

        WsConnection conn = server.connections().getFirst();
        assertThat(conn.received()).isEmpty();
        assertThat(conn.frames()).isEmpty();
        assertThat(server.receivedMessages()).isEmpty();
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        assertThat(rec.next()).isEqualTo(new Seen.Closed(1000, ""));
    }

    @Test
    void largeFragmentedMessagesAreReassembledBothWays() throws Exception {
        byte[] big = new byte[300_000];
        new Random(1).nextBytes(big);
        String bigText = "ü".repeat(100_000);
        server.route("/frag", conn -> {
            WsMessage text = conn.receive();
            WsMessage bin = conn.receive();
            conn.sendFragmentedText(text.asText(), 7_001);
            conn.sendFragmentedBinary(bin.bytes(), 65_536);
            conn.receive(); // close
        });
        Recorder rec = new Recorder();
        WebSocket ws = connect("/frag", rec);
        // The client sends each message in three parts: TEXT/BINARY then CONTINUATION frames.
        ws.sendText(bigText.substring(0, 10), false).join();
        ws.sendText(bigText.substring(10, 50_000), false).join();
        ws.sendText(bigText.substring(50_000), true).join();
        ws.sendBinary(ByteBuffer.wrap(big, 0, 1000), false).join();
        ws.sendBinary(ByteBuffer.wrap(big, 1000, 200_000), false).join();
        ws.sendBinary(ByteBuffer.wrap(big, 201_000, big.length - 201_000), true).join();

        assertThat(rec.next()).isEqualTo(new Seen.Text(bigText));
        assertThat(((Seen.Binary) rec.next()).data()).isEqualTo(big);
        WsConnection conn = server.connections().getFirst();
        // The JDK splits big messages into more frames of its own; what matters is TEXT, continuations, BINARY.
        assertThat(conn.frames()).extracting(WsFrame::opcode).startsWith(WsFrame.Opcode.TEXT,
                WsFrame.Opcode.CONTINUATION).contains(WsFrame.Opcode.BINARY)
                .filteredOn(op -> op != WsFrame.Opcode.CONTINUATION).hasSize(2);
        assertThat(conn.received().getFirst()).isEqualTo(new WsMessage.Text(bigText));
        ws.sendClose(1000, "").join();
    }

    @Test
    void pingsAreAnsweredBothWays() throws Exception {
        server.route("/p", conn -> {
            conn.sendPing("srv".getBytes(StandardCharsets.UTF_8));
            conn.receive();
        });
        Recorder rec = new Recorder();
        WebSocket ws = connect("/p", rec);
        ws.sendPing(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8))).join();
        assertThat(((Seen.Pong) rec.next()).data()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        WsConnection conn = server.connections().getFirst();
        await().until(() -> conn.frames().stream().anyMatch(f -> f.opcode() == WsFrame.Opcode.PONG
                && new String(f.payload(), StandardCharsets.UTF_8).equals("srv")));
        ws.sendClose(1000, "").join();
    }

    @Test
    void clientCloseCodeReachesTheServerAndIsEchoed() throws Exception {
        server.route("/c", FakeWebSocketServerTest::echo);
        Recorder rec = new Recorder();
        WebSocket ws = connect("/c", rec);
        ws.sendClose(4000, "client done").join();
        assertThat(rec.next()).isEqualTo(new Seen.Closed(4000, ""));
        WsConnection conn = server.connections().getFirst();
        assertThat(conn.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(conn.closeReceived()).contains(new WsMessage.Close(4000, "client done"));
    }

    @Test
    void serverCloseCodeAndReasonReachTheClient() throws Exception {
        server.route("/s", conn -> conn.close(4001, "quota exceeded"));
        Recorder rec = new Recorder();
        connect("/s", rec);
        assertThat(rec.next()).isEqualTo(new Seen.Closed(4001, "quota exceeded"));
        WsConnection conn = server.connections().getFirst();
        assertThat(conn.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(conn.closeReceived()).map(WsMessage.Close::code).contains(4001);
    }

    @Test
    void upgradesAreRejectedWithStatusAndBodyBeforeTheHandshake() {
        server.route("/v1/listen", FakeWebSocketServerTest::echo);
        server.requireHeader("Authorization", "Token k");
        server.beforeUpgrade(req -> req.queryParam("model").orElse("nova").equals("bogus")
                ? FakeResponse.json(400, "{\"err_msg\":\"No such model\"}") : null);

        assertThatThrownBy(() -> connect("/v1/listen", new Recorder(), "Authorization", "Token nope"))
                .isInstanceOf(CompletionException.class).cause().isInstanceOfSatisfying(
                        WebSocketHandshakeException.class, e -> {
                            assertThat(e.getResponse().statusCode()).isEqualTo(401);
                            assertThat(String.valueOf(e.getResponse().body())).contains("unauthorized");
                        });
        assertThatThrownBy(() -> connect("/v1/listen?model=bogus", new Recorder(), "Authorization", "Token k"))
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> connect("/elsewhere", new Recorder(), "Authorization", "Token k"))
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(404));
        assertThat(server.upgradeRequests()).hasSize(3);
        assertThat(server.connections()).isEmpty();
    }

    @Test
    void queuedUpgradeFaultsApplyToTheNextConnections() {
        server.route("/q", FakeWebSocketServerTest::echo);
        server.failNextUpgrades(1, FakeResponse.rateLimited(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> connect("/q", new Recorder())).cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class, e -> {
                    assertThat(e.getResponse().statusCode()).isEqualTo(429);
                    assertThat(e.getResponse().headers().firstValue("Retry-After")).contains("3");
                });
        connect("/q", new Recorder()).sendClose(1000, "").join();
    }

    @Test
    void abruptDropIsAnErrorForTheClient() throws Exception {
        server.route("/d", conn -> {
            conn.receive();
            conn.drop();
        });
        Recorder rec = new Recorder();
        WebSocket ws = connect("/d", rec);
        ws.sendText("hi", true).join();
        assertThat(rec.next()).isInstanceOf(Seen.Failed.class);
    }

    @Test
    void hangingUpgradeTimesOutTheClient() {
        server.route("/h", FakeWebSocketServerTest::echo);
        server.failNextUpgrades(1, FakeResponse.hang());
        CompletableFuture<WebSocket> f = client.newWebSocketBuilder().connectTimeout(Duration.ofMillis(500))
                .buildAsync(URI.create(server.baseUri() + "/h"), new Recorder());
        assertThatThrownBy(f::join).cause().isInstanceOf(java.net.http.HttpTimeoutException.class);
    }

    @Test
    void unmaskedClientFramesAreAProtocolError() throws Exception {
        server.route("/raw", FakeWebSocketServerTest::echo);
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("GET /raw HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String status = Http1.readLine(in);
            assertThat(status).startsWith("HTTP/1.1 101");
            java.util.Map<String, String> headers = new java.util.HashMap<>();
            for (String line = Http1.readLine(in); !line.isEmpty(); line = Http1.readLine(in)) {
                headers.put(line.substring(0, line.indexOf(':')).toLowerCase(), line.substring(line.indexOf(':') + 1)
                        .trim());
            }
            // The RFC 6455 example key and its accept value.
            assertThat(headers.get("sec-websocket-accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            out.write(new byte[] {(byte) 0x81, 0x02, 'h', 'i'}); // unmasked text frame
            out.flush();
            int b0 = in.read();
            int len = in.read();
            byte[] payload = in.readNBytes(len);
            assertThat(b0).isEqualTo(0x88);
            assertThat(((payload[0] & 0xff) << 8) | (payload[1] & 0xff)).isEqualTo(1002);
        }
        WsConnection conn = server.connections().getFirst();
        assertThat(conn.protocolErrors()).containsExactly("client frame is not masked");
    }

    @Test
    void stopReadingBacksUpTheClient() throws Exception {
        server.route("/stall", conn -> {
            conn.stopReading();
            conn.pause(Duration.ofSeconds(30));
        });
        WebSocket ws = connect("/stall", new Recorder());
        byte[] chunk = new byte[64 * 1024];
        CompletableFuture<WebSocket> last = CompletableFuture.completedFuture(ws);
        int sent = 0;
        // With nobody reading, some send eventually stays pending (TCP buffers full).
        while (sent < 2000) {
            last = ws.sendBinary(ByteBuffer.wrap(chunk), true);
            try {
                last.get(200, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stalled) {
                break;
            }
            sent++;
        }
        assertThat(last).isNotDone();
        ws.abort();
    }

    @Test
    void closeNeverHangsWithOpenConnections() throws IOException {
        server.route("/open", conn -> conn.pause(Duration.ofMinutes(5)));
        connect("/open", new Recorder());
        server.close();
        assertThat(server.connections()).hasSize(1);
    }

    @Test
    void offeredSubprotocolIsEchoed() throws Exception {
        server.route("/sp", FakeWebSocketServerTest::echo);
        server.subprotocol("token");
        WebSocket ws = client.newWebSocketBuilder().subprotocols("token")
                .buildAsync(URI.create(server.baseUri() + "/sp"), new Recorder()).join();
        assertThat(ws.getSubprotocol()).isEqualTo("token");
        assertThat(server.upgradeRequests().getFirst().header("Sec-WebSocket-Protocol")).contains("token");
        ws.sendClose(1000, "").join();
    }
}
