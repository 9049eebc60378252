package io.debabelizer.google;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.UnknownFieldSet;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

/**
 * A loopback gRPC server implementing {@code google.cloud.texttospeech.v1.TextToSpeech/StreamingSynthesize} with the
 * same hand-built descriptor as the client, strict about the contract: credentials in the metadata
 * ({@code x-goog-api-key} or {@code authorization}), the
 * first request carries only {@code streaming_config} (with a voice and an audio config), every later one only
 * {@code input}. Each input is "spoken" at once as {@value #CHUNKS_PER_INPUT} responses of deterministic 16-bit PCM
 * ({@link #audioFor}), each with an unknown field a newer Google might add. Half-close ends the call (optionally
 * held until {@link #releaseEnd()}). Faults: UNAUTHENTICATED and RESOURCE_EXHAUSTED (with RetryInfo) refusals,
 * UNAVAILABLE after the first response.
 */
final class TtsGrpcFake implements AutoCloseable {

    static final int CHUNKS_PER_INPUT = 3;

    enum Fault { NONE, UNAUTHENTICATED, RESOURCE_EXHAUSTED, UNAVAILABLE_MID_STREAM }

    /** What one call received and how it ended. */
    static final class CallRecord {
        final Metadata headers;
        final List<DynamicMessage> messages = new CopyOnWriteArrayList<>();
        volatile Status end;

        CallRecord(Metadata headers) {
            this.headers = headers;
        }

        DynamicMessage config() {
            return (DynamicMessage) messages.getFirst().getField(TtsMessages.field(TtsMessages.REQUEST,
                    "streaming_config"));
        }

        DynamicMessage voice() {
            return (DynamicMessage) config().getField(TtsMessages.field(TtsMessages.CONFIG, "voice"));
        }

        DynamicMessage audioConfig() {
            return (DynamicMessage) config().getField(TtsMessages.field(TtsMessages.CONFIG,
                    "streaming_audio_config"));
        }

        List<String> texts() {
            return messages.stream().skip(1).map(m -> (DynamicMessage) m.getField(
                    TtsMessages.field(TtsMessages.REQUEST, "input")))
                    .map(i -> (String) i.getField(TtsMessages.field(TtsMessages.INPUT, "text"))).toList();
        }
    }

    private final BiPredicate<String, String> credentials;
    private final Server server;
    private final List<CallRecord> calls = new CopyOnWriteArrayList<>();
    private volatile Fault fault = Fault.NONE;
    private volatile CountDownLatch endGate = new CountDownLatch(0);

    /** @param credentials accepts (x-goog-api-key, authorization) metadata values, either may be null */
    TtsGrpcFake(BiPredicate<String, String> credentials) {
        this.credentials = credentials;
        ServerServiceDefinition service = ServerServiceDefinition.builder(TtsMessages.SERVICE)
                .addMethod(TtsMessages.STREAMING_SYNTHESIZE, ServerCalls.asyncBidiStreamingCall(this::newCall))
                .build();
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(ServerInterceptors.intercept(service, new Gate())).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String target() {
        return "127.0.0.1:" + server.getPort();
    }

    List<CallRecord> calls() {
        return calls;
    }

    void willFail(Fault f) {
        fault = f;
    }

    /** The next calls finish only after {@link #releaseEnd()}, their audio already sent. */
    void holdEnd() {
        endGate = new CountDownLatch(1);
    }

    void releaseEnd() {
        endGate.countDown();
    }

    /** The PCM the fake speaks for one input: four samples per character, valued by the character. */
    static byte[] audioFor(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (char c : text.toCharArray()) {
            for (int i = 0; i < 4; i++) {
                int sample = c * 37 + i;
                out.write(sample & 0xff);
                out.write((sample >> 8) & 0xff);
            }
        }
        return out.toByteArray();
    }

    private static final ThreadLocal<Metadata> HEADERS = new ThreadLocal<>();

    /** Checks credentials and refusals before the call starts. */
    private final class Gate implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                          ServerCallHandler<Q, R> next) {
            String key = headers.get(Metadata.Key.of("x-goog-api-key", Metadata.ASCII_STRING_MARSHALLER));
            String auth = headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
            StatusRuntimeException refusal = null;
            if (!credentials.test(key, auth) || fault == Fault.UNAUTHENTICATED) {
                refusal = Status.UNAUTHENTICATED.withDescription("Request had invalid authentication credentials.")
                        .asRuntimeException();
            } else if (fault == Fault.RESOURCE_EXHAUSTED) {
                refusal = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                        .setCode(Code.RESOURCE_EXHAUSTED_VALUE).setMessage("Quota exceeded for quota metric.")
                        .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(Duration.newBuilder()
                                .setSeconds(7)).build()))
                        .build());
            }
            if (refusal != null) {
                CallRecord r = new CallRecord(headers);
                r.end = refusal.getStatus();
                calls.add(r);
                call.close(refusal.getStatus(), refusal.getTrailers() == null ? new Metadata()
                        : refusal.getTrailers());
                return new ServerCall.Listener<>() { };
            }
            HEADERS.set(headers);
            try {
                return next.startCall(call, headers);
            } finally {
                HEADERS.remove();
            }
        }
    }

    private StreamObserver<DynamicMessage> newCall(StreamObserver<DynamicMessage> responses) {
        CallRecord record = new CallRecord(HEADERS.get());
        calls.add(record);
        return new Synthesizer(record, responses);
    }

    private final class Synthesizer implements StreamObserver<DynamicMessage> {
        private final CallRecord record;
        private final StreamObserver<DynamicMessage> responses;
        private boolean ended;

        Synthesizer(CallRecord record, StreamObserver<DynamicMessage> responses) {
            this.record = record;
            this.responses = responses;
        }

        @Override
        public synchronized void onNext(DynamicMessage request) {
            if (ended) {
                return;
            }
            boolean first = record.messages.isEmpty();
            record.messages.add(request);
            var config = TtsMessages.field(TtsMessages.REQUEST, "streaming_config");
            var input = TtsMessages.field(TtsMessages.REQUEST, "input");
            if (first) {
                if (!request.hasField(config) || request.hasField(input)
                        || !((DynamicMessage) request.getField(config)).hasField(
                                TtsMessages.field(TtsMessages.CONFIG, "voice"))) {
                    end(Status.INVALID_ARGUMENT.withDescription("the first request must be streaming_config only"));
                }
                return;
            }
            if (!request.hasField(input) || request.hasField(config)) {
                end(Status.INVALID_ARGUMENT.withDescription("requests after the first must be input only"));
                return;
            }
            String text = (String) ((DynamicMessage) request.getField(input)).getField(
                    TtsMessages.field(TtsMessages.INPUT, "text"));
            byte[] audio = audioFor(text);
            int piece = (audio.length + CHUNKS_PER_INPUT - 1) / CHUNKS_PER_INPUT;
            for (int from = 0; from < audio.length; from += piece) {
                responses.onNext(response(Arrays.copyOfRange(audio, from, Math.min(audio.length, from + piece))));
                if (fault == Fault.UNAVAILABLE_MID_STREAM) {
                    end(Status.UNAVAILABLE.withDescription("The service is currently unavailable."));
                    return;
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            record.end = Status.fromThrowable(t);
        }

        @Override
        public void onCompleted() {
            CountDownLatch gate = endGate;
            Thread.ofVirtual().start(() -> {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (this) {
                    if (!ended) {
                        ended = true;
                        record.end = Status.OK;
                        responses.onCompleted();
                    }
                }
            });
        }

        private void end(Status status) {
            ended = true;
            record.end = status;
            responses.onError(status.asRuntimeException());
        }
    }

    /** A response with audio, plus a field this descriptor does not know (number 15), as a newer Google might send. */
    private static DynamicMessage response(byte[] audio) {
        return DynamicMessage.newBuilder(TtsMessages.RESPONSE)
                .setField(TtsMessages.field(TtsMessages.RESPONSE, "audio_content"), ByteString.copyFrom(audio))
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(15, UnknownFieldSet.Field.newBuilder()
                        .addVarint(42).build()).build())
                .build();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
