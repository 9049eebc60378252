package io.debabelizer.benchmarks.deepgram;

import io.debabelizer.benchmarks.common.AlternatingRounds;
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
        AlternatingRounds.checkArguments(chunks, rounds);
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
            AlternatingRounds.run("raw JDK WebSocket", n -> throughRawWebSocket(client, raw, n), n -> throughStream(provider, n), chunks, rounds);
            provider.close();
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

}
