package io.debabelizer.google;

import com.google.cloud.speech.v1.SpeechRecognitionAlternative;
import com.google.cloud.speech.v1.StreamingRecognitionConfig;
import com.google.cloud.speech.v1.StreamingRecognitionResult;
import com.google.cloud.speech.v1.StreamingRecognizeRequest;
import com.google.cloud.speech.v1.StreamingRecognizeResponse;
import com.google.cloud.speech.v1.WordInfo;
import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.Fault;
import io.debabelizer.testkit.ScriptedTranscript;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

/**
 * A loopback gRPC server implementing {@code google.cloud.speech.v1.Speech/StreamingRecognize} with the official
 * messages, strict about the wire contract: the first request carries only {@code streaming_config}, every later one
 * only {@code audio_content}; credentials in the metadata ({@code x-goog-api-key} or {@code authorization}).
 *
 * <p>It "recognises" a script: it finds where a call's audio starts in a reference recording (a call that replays
 * audio after a restart starts in the middle), reveals the words the received audio reaches as interims, and
 * finalises them at pauses of {@value #ENDPOINT_SECONDS} s and at half-close. Times are relative to the call, as
 * Google's are. Faults: refusals at call start, an error or an unparsable message after the first audio, a drop
 * (UNAVAILABLE, and every later call refused) after some audio, OUT_OF_RANGE at a simulated stream limit, a
 * transport that never answers.
 */
final class SpeechGrpcFake implements AutoCloseable {

    static final String METHOD = "google.cloud.speech.v1.Speech/StreamingRecognize";
    static final double ENDPOINT_SECONDS = 0.5;
    private static final byte[] GARBAGE = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    /** The one response the fake garbles on the way out (request_id cannot be negative in Google's answers). */
    private static final StreamingRecognizeResponse GARBLE_ME = StreamingRecognizeResponse.newBuilder()
            .setRequestId(-1).build();

    /** What one call received and how it ended. */
    static final class CallRecord {
        final Metadata headers;
        final List<StreamingRecognizeRequest> messages = new CopyOnWriteArrayList<>();
        final ByteArrayOutputStream audio = new ByteArrayOutputStream();
        volatile long startByte = -1;
        volatile Status end;

        CallRecord(Metadata headers) {
            this.headers = headers;
        }

        StreamingRecognitionConfig config() {
            return messages.getFirst().getStreamingConfig();
        }

        synchronized byte[] audio() {
            return audio.toByteArray();
        }
    }

    private final Server server;
    private final TcpFrontDoor front;
    private final BiPredicate<String, String> credentials;
    private final Runnable onFaultTaken;
    private final List<CallRecord> calls = new CopyOnWriteArrayList<>();
    private volatile byte[] reference = new byte[0];
    private volatile int bytesPerSecond = 32000;
    private volatile ScriptedTranscript script = ScriptedTranscript.EMPTY;
    private volatile Fault fault;
    private volatile boolean outage;
    private volatile long dropAfterBytes = -1;
    private volatile double streamLimitSeconds = Double.POSITIVE_INFINITY;
    private volatile long unavailableOnceAfterBytes = -1;
    private volatile long endOnceAfterBytes = -1;

    /** @param credentials accepts (x-goog-api-key, authorization) metadata values, either may be null */
    SpeechGrpcFake(BiPredicate<String, String> credentials, Runnable onFaultTaken) {
        this.credentials = credentials;
        this.onFaultTaken = onFaultTaken;
        MethodDescriptor<StreamingRecognizeRequest, StreamingRecognizeResponse> method =
                MethodDescriptor.<StreamingRecognizeRequest, StreamingRecognizeResponse>newBuilder()
                        .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                        .setFullMethodName(METHOD)
                        .setRequestMarshaller(ProtoUtils.marshaller(StreamingRecognizeRequest.getDefaultInstance()))
                        .setResponseMarshaller(ProtoUtils.marshaller(StreamingRecognizeResponse.getDefaultInstance()))
                        .build();
        ServerServiceDefinition service = ServerServiceDefinition.builder("google.cloud.speech.v1.Speech")
                .addMethod(method, ServerCalls.asyncBidiStreamingCall(this::newCall))
                .build();
        ServerServiceDefinition checked = ServerInterceptors.intercept(service, new Gate());
        ServerServiceDefinition garbling = ServerInterceptors.intercept(
                ServerInterceptors.useMarshalledMessages(checked, new BytesMarshaller()), new Garbler());
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(garbling).build().start();
            front = new TcpFrontDoor(server.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code host:port} for {@code google.speech_grpc_endpoint} (plaintext). */
    String target() {
        return "127.0.0.1:" + front.port();
    }

    void recognise(ScriptedTranscript script, byte[] referencePcm, int bytesPerSecond) {
        this.script = script;
        this.reference = referencePcm;
        this.bytesPerSecond = bytesPerSecond;
    }

    /** The next call (or connection, for a hang) fails as {@code f} says. */
    void willFail(Fault f) {
        if (f instanceof Fault.Hang) {
            front.hangNextConnection();
        } else if (f instanceof Fault.DropConnection d) {
            dropAfterBytes = d.afterAudioBytes();
        } else {
            fault = f;
        }
    }

    /** A request over REST took the fault first. */
    void clearFault() {
        fault = null;
        dropAfterBytes = -1;
        front.cancelHang();
    }

    /** The call that carries this much stream audio ends with UNAVAILABLE; later calls are served. */
    void unavailableOnceAfter(long streamBytes) {
        unavailableOnceAfterBytes = streamBytes;
    }

    /** The call that carries this much stream audio ends normally (OK) without being asked, results unsettled. */
    void endOnceAfter(long streamBytes) {
        endOnceAfterBytes = streamBytes;
    }

    /** Calls end with OUT_OF_RANGE once they carried this much audio, as Google's ~305 s limit does. */
    void streamLimit(double seconds) {
        streamLimitSeconds = seconds;
    }

    List<CallRecord> calls() {
        return List.copyOf(calls);
    }

    /**
     * The audio of the latest live stream: the latest call, and before it the calls it continued (a call that does
     * not start at zero replays from where an earlier one stood), laid over each other by stream offset.
     */
    byte[] streamAudio() {
        List<CallRecord> chain = new ArrayList<>();
        for (int i = calls.size() - 1; i >= 0; i--) {
            CallRecord c = calls.get(i);
            if (c.startByte < 0) {
                continue; // refused before any audio
            }
            chain.addFirst(c);
            if (c.startByte == 0) {
                break;
            }
        }
        byte[] out = new byte[0];
        for (CallRecord c : chain) {
            byte[] a = c.audio();
            int end = (int) c.startByte + a.length;
            if (end > out.length) {
                out = Arrays.copyOf(out, end);
            }
            System.arraycopy(a, 0, out, (int) c.startByte, a.length);
        }
        return out;
    }

    private StreamObserver<StreamingRecognizeRequest> newCall(StreamObserver<StreamingRecognizeResponse> out) {
        CallRecord record = new CallRecord(Gate.HEADERS.get());
        calls.add(record);
        Fault f = fault;
        fault = null;
        if (f != null || dropAfterBytes >= 0) {
            onFaultTaken.run();
        }
        return new Recognizer(record, out, f);
    }

    /** Checks credentials and refusals before the call starts; sends headers at once for an accepted call. */
    private final class Gate implements ServerInterceptor {
        static final ThreadLocal<Metadata> HEADERS = new ThreadLocal<>();

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                          ServerCallHandler<Q, R> next) {
            String key = headers.get(Metadata.Key.of("x-goog-api-key", Metadata.ASCII_STRING_MARSHALLER));
            String auth = headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
            Status refusal = null;
            Metadata trailers = new Metadata();
            if (!credentials.test(key, auth)) {
                refusal = Status.UNAUTHENTICATED.withDescription("Request had invalid authentication credentials.");
            } else if (outage) {
                refusal = Status.UNAVAILABLE.withDescription("The service is currently unavailable.");
            } else if (fault instanceof Fault.Unauthorized) {
                fault = null;
                onFaultTaken.run();
                refusal = Status.UNAUTHENTICATED.withDescription("Request had invalid authentication credentials.");
            } else if (fault instanceof Fault.RateLimited r) {
                fault = null;
                onFaultTaken.run();
                com.google.rpc.Status details = com.google.rpc.Status.newBuilder()
                        .setCode(Code.RESOURCE_EXHAUSTED_VALUE).setMessage("Quota exceeded for quota metric.")
                        .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(Duration.newBuilder()
                                .setSeconds(r.retryAfter().toSeconds())).build()))
                        .build();
                Status s = StatusProto.toStatusRuntimeException(details).getStatus();
                trailers = StatusProto.toStatusRuntimeException(details).getTrailers();
                refusal = s;
            }
            if (refusal != null) {
                calls.add(new CallRecord(headers));
                call.close(refusal, trailers == null ? new Metadata() : trailers);
                return new ServerCall.Listener<>() { };
            }
            call.sendHeaders(new Metadata()); // accepted: the client may stop waiting
            HEADERS.set(headers);
            try {
                return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void sendHeaders(Metadata ignored) {
                        // already sent; the stub sends them again with its first response
                    }
                }, headers);
            } finally {
                HEADERS.remove();
            }
        }
    }

    /** Replaces the one sentinel response with bytes that are not a protobuf message. */
    private static final class Garbler implements ServerInterceptor {
        private static final byte[] SENTINEL = GARBLE_ME.toByteArray();

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                          ServerCallHandler<Q, R> next) {
            return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                @Override
                @SuppressWarnings("unchecked")
                public void sendMessage(R message) {
                    super.sendMessage(Arrays.equals((byte[]) message, SENTINEL) ? (R) GARBAGE : message);
                }
            }, headers);
        }
    }

    private static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One call's recognition: the script revealed as the call's audio reaches it. */
    private final class Recognizer implements StreamObserver<StreamingRecognizeRequest> {
        private final CallRecord record;
        private final StreamObserver<StreamingRecognizeResponse> out;
        private final Fault fault;
        private boolean ended;
        private int next = -1; // first word not finalised
        private String lastInterim = "";
        private boolean speaking;

        Recognizer(CallRecord record, StreamObserver<StreamingRecognizeResponse> out, Fault fault) {
            this.record = record;
            this.out = out;
            this.fault = fault;
        }

        @Override
        public void onNext(StreamingRecognizeRequest request) {
            if (ended) {
                return;
            }
            record.messages.add(request);
            boolean first = record.messages.size() == 1;
            if (first && (!request.hasStreamingConfig() || !request.getAudioContent().isEmpty())) {
                end(Status.INVALID_ARGUMENT.withDescription("the first message must carry streaming_config only"));
                return;
            }
            if (first) {
                return;
            }
            if (request.hasStreamingConfig() || request.getAudioContent().isEmpty()) {
                end(Status.INVALID_ARGUMENT.withDescription("after the first message, audio_content only"));
                return;
            }
            audio(request.getAudioContent().toByteArray());
        }

        private void audio(byte[] data) {
            if (record.startByte < 0) {
                record.startByte = locate(data);
                next = firstWordAfter(record.startByte / (double) bytesPerSecond);
            }
            synchronized (record) {
                record.audio.writeBytes(data);
            }
            long callBytes = record.audio.size();
            double before = receivedSeconds() - data.length / (double) bytesPerSecond;
            if (fault instanceof Fault.ServerError) {
                end(Status.INTERNAL.withDescription("Internal error encountered."));
                return;
            }
            if (fault instanceof Fault.MalformedPayload) {
                out.onNext(GARBLE_ME);
                return;
            }
            if (dropAfterBytes >= 0 && record.startByte + callBytes >= dropAfterBytes) {
                outage = true;
                end(Status.UNAVAILABLE.withDescription("Connection reset by peer"));
                return;
            }
            if (unavailableOnceAfterBytes >= 0 && record.startByte + callBytes >= unavailableOnceAfterBytes) {
                unavailableOnceAfterBytes = -1;
                end(Status.UNAVAILABLE.withDescription("The service is currently unavailable."));
                return;
            }
            if (endOnceAfterBytes >= 0 && record.startByte + callBytes >= endOnceAfterBytes) {
                endOnceAfterBytes = -1;
                ended = true;
                record.end = Status.OK;
                out.onCompleted();
                return;
            }
            if (callBytes >= streamLimitSeconds * bytesPerSecond) {
                end(Status.OUT_OF_RANGE.withDescription("Exceeded maximum allowed stream duration of 305 seconds."));
                return;
            }
            // A recogniser listens continuously: walk through a large message in 20 ms steps.
            for (double t = Math.min(before + 0.02, receivedSeconds()); ; t = Math.min(t + 0.02, receivedSeconds())) {
                reveal(t);
                if (t >= receivedSeconds() || ended) {
                    break;
                }
            }
        }

        private void reveal(double received) {
            List<Word> heard = heard(received);
            if (!heard.isEmpty() && !speaking) {
                speaking = true;
                out.onNext(StreamingRecognizeResponse.newBuilder()
                        .setSpeechEventType(StreamingRecognizeResponse.SpeechEventType.SPEECH_ACTIVITY_BEGIN)
                        .setSpeechEventTime(duration(heard.getFirst().start() - callStart())).build());
            }
            if (!heard.isEmpty() && heard.getLast().end() + ENDPOINT_SECONDS <= received
                    && (next + heard.size() >= script.words().size()
                        || script.words().get(next + heard.size()).start() > received)) {
                finalise(received, false);
                return;
            }
            String text = ScriptedTranscript.join(heard);
            if (!heard.isEmpty() && !text.equals(lastInterim) && record.config().getInterimResults()) {
                lastInterim = text;
                out.onNext(response(heard, false, received));
            }
        }

        /** Settles the heard words that ended within the received audio (or all heard ones at the end). */
        private void finalise(double received, boolean all) {
            List<Word> settled = new ArrayList<>();
            for (Word w : heard(received)) {
                if (!all && w.end() > received + 1e-9) {
                    break;
                }
                settled.add(w);
            }
            if (all) {
                settled.removeIf(w -> w.end() > received + 0.05);
            }
            if (settled.isEmpty()) {
                return;
            }
            next += settled.size();
            lastInterim = "";
            speaking = false;
            double end = next < script.words().size() ? Math.min(received, script.words().get(next).start())
                    : received;
            out.onNext(response(settled, true, end));
            if (record.config().getSingleUtterance() && !ended) {
                out.onNext(StreamingRecognizeResponse.newBuilder().setSpeechEventType(
                        StreamingRecognizeResponse.SpeechEventType.END_OF_SINGLE_UTTERANCE).build());
                ended = true;
                record.end = Status.OK;
                out.onCompleted();
            }
        }

        private StreamingRecognizeResponse response(List<Word> words, boolean isFinal, double endSeconds) {
            SpeechRecognitionAlternative.Builder alt = SpeechRecognitionAlternative.newBuilder()
                    .setTranscript((isFinal && next - words.size() > 0 ? " " : "") + ScriptedTranscript.join(words))
                    .setConfidence(isFinal ? 0.92f : 0);
            for (Word w : words) {
                alt.addWords(WordInfo.newBuilder().setWord(w.punctuated())
                        .setStartTime(duration(w.start() - callStart())).setEndTime(duration(w.end() - callStart()))
                        .setConfidence(isFinal ? 0.9f : 0));
            }
            return StreamingRecognizeResponse.newBuilder()
                    .addResults(StreamingRecognitionResult.newBuilder().addAlternatives(alt).setIsFinal(isFinal)
                            .setStability(isFinal ? 0 : 0.8f).setResultEndTime(duration(endSeconds - callStart()))
                            .setLanguageCode("en-us"))
                    .setRequestId(5632156342598716123L)
                    .build();
        }

        private List<Word> heard(double received) {
            List<Word> heard = new ArrayList<>();
            for (int i = Math.max(0, next); i < script.words().size() && script.words().get(i).start() < received;
                 i++) {
                heard.add(script.words().get(i));
            }
            return heard;
        }

        private double callStart() {
            return Math.max(0, record.startByte) / (double) bytesPerSecond;
        }

        private double receivedSeconds() {
            return callStart() + record.audio.size() / (double) bytesPerSecond;
        }

        @Override
        public void onError(Throwable t) {
            ended = true;
            record.end = Status.fromThrowable(t);
        }

        @Override
        public void onCompleted() {
            if (ended) {
                return;
            }
            if (next >= 0) {
                double received = receivedSeconds();
                finalise(received, true);
            }
            if (ended) {
                return; // a single utterance already ended the call
            }
            ended = true;
            record.end = Status.OK;
            out.onCompleted();
        }

        private void end(Status status) {
            ended = true;
            record.end = status;
            out.onError(status.asRuntimeException());
        }
    }

    private int firstWordAfter(double seconds) {
        List<Word> words = script.words();
        int i = 0;
        while (i < words.size() && words.get(i).start() < seconds - 1e-6) {
            i++;
        }
        return i;
    }

    /** Where {@code data} starts in the reference recording (frame-aligned), or 0 when it is not found. */
    private long locate(byte[] data) {
        byte[] ref = reference;
        int n = Math.min(data.length, 3200);
        for (int p = 0; p + n <= ref.length; p += 2) {
            if (Arrays.equals(ref, p, p + n, data, 0, n)) {
                return p;
            }
        }
        return 0;
    }

    private static Duration duration(double seconds) {
        long nanos = Math.round(Math.max(0, seconds) * 1e9);
        return Duration.newBuilder().setSeconds(nanos / 1_000_000_000).setNanos((int) (nanos % 1_000_000_000))
                .build();
    }

    @Override
    public void close() {
        front.close();
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
