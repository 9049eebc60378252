package io.debabelizer.benchmarks.google;

import com.google.cloud.speech.v1.RecognitionConfig;
import com.google.cloud.speech.v1.StreamingRecognitionConfig;
import com.google.cloud.speech.v1.StreamingRecognizeRequest;
import com.google.cloud.speech.v1.StreamingRecognizeResponse;
import com.google.protobuf.ByteString;
import io.debabelizer.benchmarks.common.AlternatingRounds;
import io.debabelizer.audio.AudioFormat;
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
        AlternatingRounds.checkArguments(chunks, rounds);
        try (InterimEchoSpeechServer server = new InterimEchoSpeechServer();
             HttpClient http = HttpClient.newHttpClient()) {
            String target = "127.0.0.1:" + server.port();
            SttProvider provider = new GoogleProviderFactory().createStt(new ProviderContext(new Config(Map.of(
                    "api_key", KEY, "speech_grpc_endpoint", target, "speech_grpc_plaintext", "true")), http,
                    Duration.ofSeconds(30), Duration.ofSeconds(30)));
            ManagedChannel channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
            AlternatingRounds.run("bare grpc-java call", n -> throughBareGrpc(channel, n), n -> throughStream(provider, n), chunks, rounds);
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


}
