package io.debabelizer.benchmarks.google;

import com.google.cloud.speech.v1.RecognitionConfig;
import com.google.cloud.speech.v1.StreamingRecognitionConfig;
import com.google.cloud.speech.v1.StreamingRecognizeRequest;
import com.google.cloud.speech.v1.StreamingRecognizeResponse;
import com.google.protobuf.ByteString;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.benchmarks.deepgram.Percentiles;
import io.debabelizer.google.GoogleProviderFactory;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Per-chunk round-trip latency of a live Google stream through our {@code SpeechStream} versus a bare grpc-java
 * {@code StreamingRecognize} client, against the same loopback gRPC server in the same run (the twin of
 * {@code DeepgramStreamOverhead}). The server answers every 20 ms audio message at once with a small interim
 * result; each client sends one chunk, waits for its answer, and records the time between. The difference is what
 * our stream adds: the send queue and sender thread, the restart bookkeeping, event mapping and the event buffer.
 *
 * <pre>
 * java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
 *     io.debabelizer.benchmarks.google.GoogleStreamOverhead [chunks per round] [rounds]
 * </pre>
 *
 * <p>Each round measures both clients (which one goes first alternates), after a warm-up round of each; it prints
 * per-round p50/p99, the pooled percentiles, and the median of the per-round p99s.
 */
public final class GoogleStreamOverhead {

    private static final int CHUNK = 640; // 20 ms of 16 kHz 16-bit mono
    private static final String KEY = "benchmark-key";

    private GoogleStreamOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        if (chunks < 100 || rounds < 1 || (long) chunks * rounds > 1_000_000) {
            throw new IllegalArgumentException("at least 100 chunks per round, at least 1 round, 10^6 chunks at most");
        }
        try (InterimEchoSpeechServer server = new InterimEchoSpeechServer();
             HttpClient http = HttpClient.newHttpClient()) {
            String target = "127.0.0.1:" + server.port();
            SttProvider provider = new GoogleProviderFactory().createStt(new ProviderContext(new Config(Map.of(
                    "api_key", KEY, "speech_grpc_endpoint", target, "speech_grpc_plaintext", "true")), http,
                    Duration.ofSeconds(30), Duration.ofSeconds(30)));
            ManagedChannel channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
            System.out.printf("%d chunks of 20 ms per round and client, %d measured rounds after one warm-up round; "
                    + "clients alternate, and which goes first alternates by round; load average %s%n", chunks,
                    rounds, loadAverage());
            long[][] ours = new long[rounds][];
            long[][] bare = new long[rounds][];
            throughStream(provider, chunks);
            throughBareGrpc(channel, chunks);
            double[] oursP99 = new double[rounds];
            double[] bareP99 = new double[rounds];
            double[] overheadP99 = new double[rounds];
            double[] overheadP50 = new double[rounds];
            System.out.printf("%5s | %-24s | %-24s | %-24s%n", "round", "bare grpc-java p50 / p99 µs",
                    "debabelizer p50 / p99 µs", "overhead p50 / p99 µs");
            for (int r = 0; r < rounds; r++) {
                if (r % 2 == 0) {
                    bare[r] = throughBareGrpc(channel, chunks);
                    ours[r] = throughStream(provider, chunks);
                } else {
                    ours[r] = throughStream(provider, chunks);
                    bare[r] = throughBareGrpc(channel, chunks);
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
            System.out.printf("%-28s p50 %8.1f µs   p99 %8.1f µs%n", "bare grpc-java call", Percentiles.micros(b, 50),
                    Percentiles.micros(b, 99));
            System.out.printf("%-28s p50 %8.1f µs   p99 %8.1f µs%n", "debabelizer SpeechStream",
                    Percentiles.micros(o, 50), Percentiles.micros(o, 99));
            System.out.printf("%-28s p50 %8.1f µs   p99 %8.1f µs%n", "overhead (difference)",
                    Percentiles.micros(o, 50) - Percentiles.micros(b, 50),
                    Percentiles.micros(o, 99) - Percentiles.micros(b, 99));
            System.out.printf("median of per-round p99: bare %.1f µs, debabelizer %.1f µs, overhead %.1f µs "
                    + "(per-round overhead p50 median %.1f µs); load average %s%n", Percentiles.median(bareP99),
                    Percentiles.median(oursP99), Percentiles.median(overheadP99), Percentiles.median(overheadP50),
                    loadAverage());
            provider.close();
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Round trips through our stream: send a chunk, wait for the Interim that answers it. */
    private static long[] throughStream(SttProvider provider, int chunks) throws Exception {
        SpeechStream stream = provider.openStream(StreamRequest.builder(AudioFormat.pcm16(16000, 1))
                .language("en-US").punctuate(false).build());
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

    /** The same with a bare grpc-java call: config first, then one audio message, wait for the response. */
    private static long[] throughBareGrpc(ManagedChannel channel, int chunks) throws Exception {
        LinkedBlockingQueue<StreamingRecognizeResponse> answers = new LinkedBlockingQueue<>();
        CompletableFuture<Status> closed = new CompletableFuture<>();
        ClientCall<StreamingRecognizeRequest, StreamingRecognizeResponse> call =
                channel.newCall(InterimEchoSpeechServer.STREAMING_RECOGNIZE, CallOptions.DEFAULT);
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-goog-api-key", Metadata.ASCII_STRING_MARSHALLER), KEY);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(StreamingRecognizeResponse message) {
                answers.add(message);
                call.request(1);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, headers);
        call.request(1);
        call.sendMessage(StreamingRecognizeRequest.newBuilder().setStreamingConfig(StreamingRecognitionConfig
                .newBuilder().setInterimResults(true).setEnableVoiceActivityEvents(true)
                .setConfig(RecognitionConfig.newBuilder().setEncoding(RecognitionConfig.AudioEncoding.LINEAR16)
                        .setSampleRateHertz(16000).setLanguageCode("en-US"))).build());
        ByteString chunk = ByteString.copyFrom(new byte[CHUNK]);
        long[] nanos = new long[chunks];
        for (int i = 0; i < chunks; i++) {
            long t0 = System.nanoTime();
            call.sendMessage(StreamingRecognizeRequest.newBuilder().setAudioContent(chunk).build());
            answers.take();
            nanos[i] = System.nanoTime() - t0;
        }
        call.halfClose();
        closed.get(30, TimeUnit.SECONDS);
        return nanos;
    }

    private record Config(Map<String, String> values) implements ProviderConfig {
        @Override
        public String provider() {
            return "google";
        }

        @Override
        public String sourceOf(String key) {
            return "benchmark";
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

    private static long[] concat(long[][] parts) {
        return Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
    }
}
