package io.debabelizer.benchmarks.azure;

import io.debabelizer.benchmarks.common.AlternatingRounds;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.azure.AzureProviderFactory;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Per-chunk round-trip latency of a live Azure stream through our {@code SpeechStream} versus a bare JDK
 * {@link WebSocket} speaking USP itself, against the same loopback service ({@link UspLoopbackService}) in the same
 * run; the same method as {@code DeepgramStreamOverhead}. Each client sends one 20 ms chunk as a USP audio message,
 * waits for the {@code speech.hypothesis} that answers it, and records the time between. The difference is what our
 * stream adds: the send queue and sender thread, USP framing and parsing, JSON and event mapping, the event buffer.
 *
 * <pre>
 * java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
 *     io.debabelizer.benchmarks.azure.AzureStreamOverhead [chunks per round] [rounds]
 * </pre>
 */
public final class AzureStreamOverhead {

    private static final int CHUNK = 640; // 20 ms of 16 kHz 16-bit mono
    private static final String KEY = "benchmark-key";
    private static final String QUERY = "?language=en-US&format=detailed&profanity=masked";

    private AzureStreamOverhead() {
    }

    /** Azure pointed at the loopback service. */
    private record LoopbackConfig(Map<String, String> values) implements ProviderConfig {
        @Override
        public String provider() {
            return "azure";
        }

        @Override
        public String sourceOf(String key) {
            return "benchmark";
        }
    }

    public static void main(String[] args) throws Exception {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        AlternatingRounds.checkArguments(chunks, rounds);
        try (UspLoopbackService service = new UspLoopbackService();
             HttpClient client = HttpClient.newHttpClient()) {
            SttProvider provider = new AzureProviderFactory().createStt(new ProviderContext(new LoopbackConfig(
                    Map.of("api_key", KEY, "endpoint", "http://127.0.0.1:" + service.port())), client,
                    Duration.ofSeconds(30), Duration.ofSeconds(30)));
            URI raw = URI.create("ws://127.0.0.1:" + service.port() + UspLoopbackService.PATH + QUERY);
            AlternatingRounds.run("raw JDK WebSocket (USP)", n -> throughRawWebSocket(client, raw, n), n -> throughStream(provider, n), chunks, rounds);
            provider.close();
        }
    }


    /** Round trips through our stream: send a chunk, wait for the Interim that answers it. */
    private static long[] throughStream(SttProvider provider, int chunks) throws Exception {
        SpeechStream stream = provider.openStream(StreamRequest.builder(AudioFormat.pcm16(16000, 1))
                .language("en-US").build());
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

    /**
     * The same with a bare JDK WebSocket that frames USP itself: config, context and WAV header first (untimed),
     * then per chunk an audio message with its headers, waiting for the text message that answers it.
     */
    private static long[] throughRawWebSocket(HttpClient client, URI uri, int chunks) throws Exception {
        LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
        String connectionId = id();
        WebSocket ws = client.newWebSocketBuilder().header("Ocp-Apim-Subscription-Key", KEY)
                .header("X-ConnectionId", connectionId)
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
        String turn = id();
        ws.sendText(text("speech.config", id(), "{}"), true).join();
        ws.sendText(text("speech.context", turn, "{}"), true).join();
        ws.sendBinary(audio(turn, "Content-Type: audio/x-wav\r\n", new byte[44]), true).join();
        answers.take(); // turn.start
        byte[] chunk = new byte[CHUNK];
        long[] nanos = new long[chunks];
        for (int i = 0; i < chunks; i++) {
            long t0 = System.nanoTime();
            ws.sendBinary(audio(turn, "", chunk), true).join();
            answers.take();
            nanos[i] = System.nanoTime() - t0;
        }
        ws.sendBinary(audio(turn, "", new byte[0]), true).join();
        answers.take(); // turn.end
        ws.abort();
        return nanos;
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    }

    private static String text(String path, String requestId, String body) {
        return "Path: " + path + "\r\nX-RequestId: " + requestId + "\r\nX-Timestamp: " + Instant.now()
                + "\r\nContent-Type: application/json\r\n\r\n" + body;
    }

    private static ByteBuffer audio(String requestId, String extraHeaders, byte[] payload) {
        byte[] headers = ("Path: audio\r\nX-RequestId: " + requestId + "\r\nX-Timestamp: " + Instant.now() + "\r\n"
                + extraHeaders).getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(2 + headers.length + payload.length).putShort((short) headers.length).put(headers)
                .put(payload).flip();
    }
}
