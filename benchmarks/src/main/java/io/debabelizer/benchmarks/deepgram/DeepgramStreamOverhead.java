package io.debabelizer.benchmarks.deepgram;

import io.debabelizer.audio.AudioFormat;
import io.debabelizer.deepgram.DeepgramProviderFactory;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.testkit.fake.FakeWebSocketServer;
import io.debabelizer.testkit.fake.WsMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Per-chunk round-trip latency of a live Deepgram stream through our {@code SpeechStream} versus a bare JDK
 * {@link WebSocket} client, against the same loopback server in the same run. The server answers every 20 ms
 * audio chunk at once with a small interim {@code Results} message; each client sends one chunk, waits for its
 * answer, and records the time between. The difference is what our stream adds: the send queue and sender thread,
 * JSON parsing, event mapping and the event buffer.
 *
 * <pre>
 * java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
 *     io.debabelizer.benchmarks.deepgram.DeepgramStreamOverhead [chunks per round] [rounds]
 * </pre>
 *
 * <p>Each round measures both clients (which one goes first alternates), after a warm-up round of each; it prints
 * per-round p50/p99, the pooled percentiles, and the median of the per-round p99s, which one noisy round on a shared
 * machine cannot move the way it moves a pooled p99.
 */
public final class DeepgramStreamOverhead {

    private static final int CHUNK = 640; // 20 ms of 16 kHz 16-bit mono
    private static final String QUERY = "?model=nova-3&encoding=linear16&sample_rate=16000&channels=1"
            + "&interim_results=true&punctuate=false&smart_format=false&vad_events=true";

    private DeepgramStreamOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        if (chunks < 100 || rounds < 1 || (long) chunks * rounds > 1_000_000) {
            throw new IllegalArgumentException("at least 100 chunks per round, at least 1 round, 10^6 chunks at most");
        }
        // Recording off: the fake's message lists copy themselves on every message, which would slow its answers
        // more and more over a run and add garbage-collection pauses to both clients' tails.
        try (FakeWebSocketServer server = FakeWebSocketServer.start().withoutRecording();
             HttpClient client = HttpClient.newHttpClient()) {
            server.route("/v1/listen", conn -> {
                int n = 0;
                while (true) {
                    WsMessage m = conn.receive(Duration.ofSeconds(30));
                    if (m == null || m instanceof WsMessage.Close) {
                        return;
                    }
                    if (m instanceof WsMessage.Binary) {
                        conn.sendText(result(n++));
                    } else if (m.asText().contains("CloseStream")) {
                        conn.sendText("{\"type\":\"Metadata\",\"request_id\":\"bench\",\"duration\":0,\"channels\":1}");
                        conn.close(1000, "");
                        return;
                    }
                }
            });
            SttProvider provider = new DeepgramProviderFactory().createStt(new ProviderContext(
                    BenchmarkConfig.loopback(server.port()), client, Duration.ofSeconds(30), Duration.ofSeconds(30)));
            URI raw = URI.create("ws://127.0.0.1:" + server.port() + "/v1/listen" + QUERY);
            System.out.printf("%d chunks of 20 ms per round and client, %d measured rounds after one warm-up round; "
                    + "clients alternate, and which goes first alternates by round; load average %s%n", chunks,
                    rounds, loadAverage());
            long[][] ours = new long[rounds][];
            long[][] bare = new long[rounds][];
            throughStream(provider, chunks);
            throughRawWebSocket(client, raw, chunks);
            double[] oursP99 = new double[rounds];
            double[] bareP99 = new double[rounds];
            double[] overheadP99 = new double[rounds];
            double[] overheadP50 = new double[rounds];
            System.out.printf("%5s | %-24s | %-24s | %-24s%n", "round", "raw JDK p50 / p99 µs", "debabelizer p50 / p99 µs",
                    "overhead p50 / p99 µs");
            for (int r = 0; r < rounds; r++) {
                if (r % 2 == 0) {
                    bare[r] = throughRawWebSocket(client, raw, chunks);
                    ours[r] = throughStream(provider, chunks);
                } else {
                    ours[r] = throughStream(provider, chunks);
                    bare[r] = throughRawWebSocket(client, raw, chunks);
                }
                bareP99[r] = Percentiles.micros(bare[r], 99);
                oursP99[r] = Percentiles.micros(ours[r], 99);
                overheadP99[r] = oursP99[r] - bareP99[r];
                overheadP50[r] = Percentiles.micros(ours[r], 50) - Percentiles.micros(bare[r], 50);
                System.out.printf("%5d | %9.1f / %9.1f   | %9.1f / %9.1f   | %9.1f / %9.1f%n", r + 1,
                        Percentiles.micros(bare[r], 50), bareP99[r], Percentiles.micros(ours[r], 50), oursP99[r],
                        overheadP50[r], overheadP99[r]);
            }
            long[] o = concat(ours);
            long[] b = concat(bare);
            System.out.printf("all rounds pooled (%d round trips each):%n", o.length);
            System.out.printf("%-28s p50 %8.1f µs   p99 %8.1f µs%n", "raw JDK WebSocket", Percentiles.micros(b, 50),
                    Percentiles.micros(b, 99));
            System.out.printf("%-28s p50 %8.1f µs   p99 %8.1f µs%n", "debabelizer SpeechStream",
                    Percentiles.micros(o, 50), Percentiles.micros(o, 99));
            System.out.printf("%-28s p50 %8.1f µs   p99 %8.1f µs%n", "overhead (difference)",
                    Percentiles.micros(o, 50) - Percentiles.micros(b, 50),
                    Percentiles.micros(o, 99) - Percentiles.micros(b, 99));
            System.out.printf("median of per-round p99: raw %.1f µs, debabelizer %.1f µs, overhead %.1f µs "
                    + "(per-round overhead p50 median %.1f µs); load average %s%n", Percentiles.median(bareP99),
                    Percentiles.median(oursP99), Percentiles.median(overheadP99), Percentiles.median(overheadP50),
                    loadAverage());
            provider.close();
        }
    }

    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    private static String result(int n) {
        return "{\"type\":\"Results\",\"channel_index\":[0,1],\"duration\":0.02,\"start\":" + (n * 0.02)
                + ",\"is_final\":false,\"speech_final\":false,\"channel\":{\"alternatives\":[{\"transcript\":\"c" + n
                + "\",\"confidence\":0.9,\"words\":[{\"word\":\"c" + n + "\",\"start\":" + (n * 0.02) + ",\"end\":"
                + (n * 0.02 + 0.02) + ",\"confidence\":0.9}]}]},\"metadata\":{\"request_id\":\"bench\"},"
                + "\"from_finalize\":false}";
    }

    /** Round trips through our stream: send a chunk, wait for the Interim that answers it. */
    private static long[] throughStream(SttProvider provider, int chunks) throws Exception {
        SpeechStream stream = provider.openStream(StreamRequest.builder(AudioFormat.pcm16(16000, 1))
                .punctuate(false).build());
        byte[] chunk = new byte[CHUNK];
        long[] nanos = new long[chunks];
        for (int i = 0; i < chunks; i++) {
            long t0 = System.nanoTime();
            stream.send(chunk);
            StreamEvent e;
            do {
                e = stream.nextEvent();
            } while (!(e instanceof StreamEvent.Interim));
            nanos[i] = System.nanoTime() - t0;
        }
        stream.endInput();
        while (!(stream.nextEvent() instanceof StreamEvent.Closed)) {
            // drain to the end
        }
        return nanos;
    }

    /** The same with a bare JDK WebSocket: send a binary frame, wait for the text frame that answers it. */
    private static long[] throughRawWebSocket(HttpClient client, URI uri, int chunks) throws Exception {
        LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
        WebSocket ws = client.newWebSocketBuilder().header("Authorization", "Token " + BenchmarkConfig.KEY)
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            answers.add(text.toString());
                            text.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        byte[] chunk = new byte[CHUNK];
        long[] nanos = new long[chunks];
        for (int i = 0; i < chunks; i++) {
            long t0 = System.nanoTime();
            ws.sendBinary(ByteBuffer.wrap(chunk), true).join();
            answers.take();
            nanos[i] = System.nanoTime() - t0;
        }
        ws.sendText("{\"type\":\"CloseStream\"}", true).join();
        answers.take(); // Metadata
        ws.abort();
        return nanos;
    }

    private static long[] concat(long[][] parts) {
        return Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
    }
}
