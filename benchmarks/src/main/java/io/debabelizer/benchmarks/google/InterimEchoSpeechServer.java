package io.debabelizer.benchmarks.google;

import com.google.cloud.speech.v1.SpeechRecognitionAlternative;
import com.google.cloud.speech.v1.StreamingRecognitionResult;
import com.google.cloud.speech.v1.StreamingRecognizeRequest;
import com.google.cloud.speech.v1.StreamingRecognizeResponse;
import com.google.cloud.speech.v1.WordInfo;
import com.google.protobuf.Duration;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's loopback StreamingRecognize server: it answers every audio message at once with a one-word interim
 * result (as Google's interims look) and ends the call when the client half-closes.
 */
final class InterimEchoSpeechServer implements AutoCloseable {

    static final MethodDescriptor<StreamingRecognizeRequest, StreamingRecognizeResponse> STREAMING_RECOGNIZE =
            MethodDescriptor.<StreamingRecognizeRequest, StreamingRecognizeResponse>newBuilder()
                    .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                    .setFullMethodName("google.cloud.speech.v1.Speech/StreamingRecognize")
                    .setRequestMarshaller(ProtoUtils.marshaller(StreamingRecognizeRequest.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(StreamingRecognizeResponse.getDefaultInstance()))
                    .build();

    private final Server server;

    InterimEchoSpeechServer() throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder("google.cloud.speech.v1.Speech")
                .addMethod(STREAMING_RECOGNIZE, ServerCalls.asyncBidiStreamingCall(InterimEchoSpeechServer::call))
                .build();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(service).build().start();
    }

    int port() {
        return server.getPort();
    }

    private static StreamObserver<StreamingRecognizeRequest> call(StreamObserver<StreamingRecognizeResponse> out) {
        return new StreamObserver<>() {
            private int n;

            @Override
            public void onNext(StreamingRecognizeRequest request) {
                if (!request.getAudioContent().isEmpty()) {
                    out.onNext(interim(n++));
                }
            }

            @Override
            public void onError(Throwable t) {
                // the client went away
            }

            @Override
            public void onCompleted() {
                out.onCompleted();
            }
        };
    }

    private static StreamingRecognizeResponse interim(int n) {
        Duration start = seconds(n * 0.02);
        Duration end = seconds(n * 0.02 + 0.02);
        return StreamingRecognizeResponse.newBuilder()
                .addResults(StreamingRecognitionResult.newBuilder()
                        .addAlternatives(SpeechRecognitionAlternative.newBuilder().setTranscript("c" + n)
                                .addWords(WordInfo.newBuilder().setWord("c" + n).setStartTime(start).setEndTime(end)))
                        .setStability(0.5f).setResultEndTime(end).setLanguageCode("en-us"))
                .setRequestId(42)
                .build();
    }

    private static Duration seconds(double s) {
        long nanos = Math.round(s * 1e9);
        return Duration.newBuilder().setSeconds(nanos / 1_000_000_000).setNanos((int) (nanos % 1_000_000_000)).build();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
