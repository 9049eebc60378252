package io.debabelizer.benchmarks.azure;

import io.debabelizer.testkit.fake.FakeWebSocketServer;
import io.debabelizer.testkit.fake.WsConnection;
import io.debabelizer.testkit.fake.WsMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A minimal Azure speech service for benchmarks: the live-recognition path on a loopback
 * {@link FakeWebSocketServer}. It reads each client message's USP headers, answers the turn's WAV header with
 * {@code turn.start}, every audio chunk at once with a small {@code speech.hypothesis}, and the empty audio message
 * with {@code turn.end}. Nothing is recorded, so its answers do not slow down over a long run.
 */
final class UspLoopbackService implements AutoCloseable {

    static final String PATH = "/speech/recognition/conversation/cognitiveservices/v1";

    private final FakeWebSocketServer server = FakeWebSocketServer.start().withoutRecording();

    UspLoopbackService() {
        server.route(PATH, this::serve);
    }

    int port() {
        return server.port();
    }

    private void serve(WsConnection conn) throws Exception {
        String requestId = "";
        long n = 0;
        while (true) {
            WsMessage m = conn.receive(Duration.ofSeconds(30));
            if (m == null || m instanceof WsMessage.Close) {
                return;
            }
            if (m instanceof WsMessage.Text) {
                continue; // speech.config, speech.context
            }
            byte[] data = ((WsMessage.Binary) m).data();
            int headerLength = ByteBuffer.wrap(data).getShort() & 0xFFFF;
            String headers = new String(data, 2, headerLength, StandardCharsets.US_ASCII);
            int id = headers.indexOf("X-RequestId: ");
            requestId = id < 0 ? requestId : headers.substring(id + 13, headers.indexOf('\r', id));
            int payload = data.length - 2 - headerLength;
            if (headers.contains("audio/x-wav")) {
                conn.sendText(message("turn.start", requestId, "{\"context\":{\"serviceTag\":\"bench\"}}"));
            } else if (payload == 0) {
                conn.sendText(message("turn.end", requestId, ""));
            } else {
                long offset = n++ * 200_000; // 20 ms in ticks
                conn.sendText(message("speech.hypothesis", requestId, "{\"Text\":\"c" + n + "\",\"Offset\":" + offset
                        + ",\"Duration\":200000}"));
            }
        }
    }

    private static String message(String path, String requestId, String body) {
        return "X-RequestId:" + requestId + "\r\nPath:" + path + "\r\nContent-Type:application/json; charset=utf-8"
                + "\r\n\r\n" + body;
    }

    @Override
    public void close() {
        server.close();
    }
}
