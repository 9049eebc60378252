package io.debabelizer.benchmarks.deepgram;

import io.debabelizer.testkit.fake.FakeWebSocketServer;
import io.debabelizer.testkit.fake.WsConnection;
import io.debabelizer.testkit.fake.WsMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A loopback stand-in for Deepgram's live {@code /v1/listen} that answers like the real service, for load tests:
 * a {@code SpeechStarted} at the start of each utterance, an interim {@code Results} every 200 ms of audio received,
 * a final {@code Results} ({@code is_final}, {@code speech_final}) every second of audio, a {@code from_finalize}
 * final on {@code Finalize}, and on {@code CloseStream} a final for the rest, {@code Metadata} and close 1000.
 * Timestamps are stream time derived from the audio bytes received, so a client can tell from each result which of
 * its chunks it answers. Runs on the testkit's {@link FakeWebSocketServer} with recording off (millions of frames).
 *
 * <p>Run standalone ({@link #main}) the capacity harness starts it as a second JVM, so that the server's CPU is
 * accounted apart from the client's: it prints {@code PORT <n>} and serves until its standard input closes (the
 * parent exited) or {@code max seconds} pass.
 */
public final class DeepgramFakeService {

    static final int BYTES_PER_SECOND = 32_000; // 16 kHz linear16 mono, what the harnesses send
    private static final double INTERIM_EVERY = 0.2;
    private static final double FINAL_EVERY = 1.0;
    private static final double WORD = 0.2;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(12); // Deepgram's NET-0001 is after ~10 s

    private DeepgramFakeService() {
    }

    /** A loopback server that serves {@code /v1/listen} as above, requiring the harness key. */
    static FakeWebSocketServer start() {
        return FakeWebSocketServer.start().withoutRecording()
                .requireHeader("Authorization", "Token " + BenchmarkConfig.KEY)
                .route("/v1/listen", DeepgramFakeService::converse);
    }

    public static void main(String[] args) throws Exception {
        long maxSeconds = args.length > 0 ? Long.parseLong(args[0]) : 1800;
        CountDownLatch stop = new CountDownLatch(1);
        try (FakeWebSocketServer server = start()) {
            System.out.println("PORT " + server.port());
            System.out.flush();
            Thread.ofPlatform().daemon().name("stdin-watch").start(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // the parent never writes; EOF means it is gone
                    }
                } catch (IOException ignored) {
                    // same as EOF
                }
                stop.countDown();
            });
            stop.await(maxSeconds, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    /** One live stream. */
    private static void converse(WsConnection conn) throws Exception {
        String encoding = conn.request().queryParam("encoding").orElse("");
        String rate = conn.request().queryParam("sample_rate").orElse("");
        if (!encoding.equals("linear16") || !rate.equals("16000")) {
            conn.close(1008, "this fake serves linear16 at 16000 Hz only");
            return;
        }
        Utterances u = new Utterances();
        while (true) {
            WsMessage m = conn.receive(IDLE_TIMEOUT);
            if (m == null) {
                conn.close(1011, "NET-0001: no audio received within the timeout");
                return;
            }
            switch (m) {
                case WsMessage.Close c -> {
                    return;
                }
                case WsMessage.Binary b -> u.audio(conn, b.data().length);
                case WsMessage.Text t -> {
                    String text = t.text();
                    if (text.contains("\"CloseStream\"")) {
                        u.finalResult(conn, false);
                        conn.sendText("{\"type\":\"Metadata\",\"transaction_key\":\"deprecated\",\"request_id\":\""
                                + u.requestId + "\",\"created\":\"2026-11-25T00:00:00.000Z\",\"duration\":"
                                + num(u.seconds()) + ",\"channels\":1}");
                        conn.close(1000, "");
                        return;
                    } else if (text.contains("\"Finalize\"")) {
                        u.finalResult(conn, true);
                    } else if (!text.contains("\"KeepAlive\"")) {
                        conn.close(1008, "DATA-0000: unexpected text message");
                        return;
                    }
                }
            }
        }
    }

    /** Stream-time bookkeeping of one connection. */
    private static final class Utterances {
        final String requestId = java.util.UUID.randomUUID().toString();
        long bytes;
        double utteranceStart;
        double lastInterim;
        boolean speechStarted;

        double seconds() {
            return (double) bytes / BYTES_PER_SECOND;
        }

        void audio(WsConnection conn, int length) throws IOException {
            bytes += length;
            double now = seconds();
            if (!speechStarted) {
                speechStarted = true;
                conn.sendText("{\"type\":\"SpeechStarted\",\"channel\":[0],\"timestamp\":" + num(utteranceStart) + "}");
            }
            if (now - utteranceStart >= FINAL_EVERY - 1e-9) {
                finalResult(conn, false);
            } else if (now - lastInterim >= INTERIM_EVERY - 1e-9) {
                conn.sendText(results(utteranceStart, now, false, false, false));
                lastInterim = now;
            }
        }

        void finalResult(WsConnection conn, boolean fromFinalize) throws IOException {
            double now = seconds();
            if (now <= utteranceStart) {
                return;
            }
            conn.sendText(results(utteranceStart, now, true, !fromFinalize, fromFinalize));
            utteranceStart = now;
            lastInterim = now;
            speechStarted = false;
        }

        String results(double start, double end, boolean isFinal, boolean speechFinal, boolean fromFinalize) {
            StringBuilder words = new StringBuilder();
            StringBuilder transcript = new StringBuilder();
            int i = 0;
            for (double w = start; w < end - 1e-9; w += WORD, i++) {
                double we = Math.min(end, w + WORD);
                if (i > 0) {
                    words.append(',');
                    transcript.append(' ');
                }
                String word = "word" + (int) Math.round(w / WORD);
                transcript.append(word);
                words.append("{\"word\":\"").append(word).append("\",\"start\":").append(num(w)).append(",\"end\":")
                        .append(num(we)).append(",\"confidence\":0.98,\"punctuated_word\":\"").append(word)
                        .append("\"}");
            }
            return "{\"type\":\"Results\",\"channel_index\":[0,1],\"duration\":" + num(end - start) + ",\"start\":"
                    + num(start) + ",\"is_final\":" + isFinal + ",\"speech_final\":" + speechFinal
                    + ",\"channel\":{\"alternatives\":[{\"transcript\":\"" + transcript + "\",\"confidence\":0.98,"
                    + "\"words\":[" + words + "]}]},\"metadata\":{\"request_id\":\"" + requestId + "\","
                    + "\"model_info\":{\"name\":\"general-nova-3\",\"version\":\"2024-01-09.29447\","
                    + "\"arch\":\"nova-3\"},\"model_uuid\":\"00000000-0000-0000-0000-000000000000\"},"
                    + "\"from_finalize\":" + fromFinalize + "}";
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
