package io.debabelizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.speech.v1.SpeechRecognitionAlternative;
import com.google.cloud.speech.v1.StreamingRecognitionResult;
import com.google.cloud.speech.v1.StreamingRecognizeRequest;
import com.google.cloud.speech.v1.StreamingRecognizeResponse;
import com.google.cloud.speech.v1.WordInfo;
import com.google.protobuf.Duration;
import io.debabelizer.testkit.fake.FakeHttpServer;
import io.debabelizer.testkit.fake.FakeResponse;
import io.debabelizer.testkit.fake.RecordedRequest;
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
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --provider google} end to end: the packaged jar against loopback fakes of Google's REST APIs (recognize,
 * text:synthesize, voices) and of gRPC StreamingRecognize on a real port, reached through the endpoint variables
 * {@code GOOGLE_SPEECH_ENDPOINT}, {@code GOOGLE_TTS_ENDPOINT}, {@code GOOGLE_SPEECH_GRPC_ENDPOINT} and
 * {@code GOOGLE_SPEECH_GRPC_PLAINTEXT}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CliGoogleIT {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String KEY = "g-test-key-4411";

    @TempDir
    static Path work;
    static Path speech;

    @BeforeAll
    static void writeAudio() throws IOException {
        speech = work.resolve("speech.wav");
        Files.write(speech, CliEndToEndIT.wav(3.0));
    }


    private static PackagedCli.Result cli(Map<String, String> env, String... args) throws Exception {
        return new PackagedCli(work, "GOOGLE_").run(env, args);
    }

    private static Map<String, String> rest(FakeHttpServer google) {
        return Map.of("GOOGLE_API_KEY", KEY, "GOOGLE_SPEECH_ENDPOINT", google.baseUri().toString(),
                "GOOGLE_TTS_ENDPOINT", google.baseUri().toString());
    }

    private static final String RECOGNIZED = """
            {"results":[{"alternatives":[{"transcript":"We, the people.","confidence":0.97,
               "words":[{"startTime":"0.320s","endTime":"0.800s","word":"We,"},
                        {"startTime":"0.800s","endTime":"0.960s","word":"the"},
                        {"startTime":"0.960s","endTime":"1.440s","word":"people."}]}],
               "resultEndTime":"1.500s","languageCode":"en-us"}],
             "totalBilledTime":"3s","requestId":"7311000222333444555"}
            """;

    @Test
    void transcribeSynthesizeAndVoicesOverRest() throws Exception {
        try (FakeHttpServer google = FakeHttpServer.start()) {
            byte[] tts = CliEndToEndIT.wav(0.5);
            google.requireHeader("X-Goog-Api-Key", KEY)
                    .route("POST", "/v1/speech:recognize", req -> FakeResponse.json(200, RECOGNIZED))
                    .route("POST", "/v1/text:synthesize", req -> FakeResponse.json(200,
                            "{\"audioContent\":\"" + Base64.getEncoder().encodeToString(tts) + "\"}"))
                    .route("GET", "/v1/voices", req -> FakeResponse.json(200, """
                            {"voices":[{"languageCodes":["en-US"],"name":"en-US-Neural2-F","ssmlGender":"FEMALE",
                              "naturalSampleRateHertz":24000}]}"""));

            PackagedCli.Result t = cli(rest(google), "transcribe", "--provider", "google", "--format", "json", "speech.wav");
            assertThat(t.code()).as(t.err()).isZero();
            JsonNode json = MAPPER.readTree(t.out());
            assertThat(json.get("text").asString()).isEqualTo("We, the people.");
            assertThat(json.get("provider").asString()).isEqualTo("google");
            assertThat(json.get("request_id").asString()).isEqualTo("7311000222333444555");
            assertThat(json.get("language").asString()).isEqualTo("en-US");
            assertThat(json.get("words")).hasSize(3);
            JsonNode config = MAPPER.readTree(google.requests().getFirst().body()).get("config");
            assertThat(config.get("encoding").asString()).isEqualTo("LINEAR16");

            PackagedCli.Result s = cli(rest(google), "synthesize", "Hello there.", "--provider", "google", "-o", "g.wav");
            assertThat(s.code()).as(s.err()).isZero();
            assertThat(work.resolve("g.wav")).exists();
            RecordedRequest synth = google.lastRequest();
            assertThat(synth.path()).isEqualTo("/v1/text:synthesize");
            assertThat(MAPPER.readTree(synth.body()).at("/input/text").asString()).isEqualTo("Hello there.");

            PackagedCli.Result v = cli(rest(google), "voices", "--provider", "google", "--format", "json");
            assertThat(v.code()).as(v.err()).isZero();
            assertThat(v.out()).contains("en-US-Neural2-F");
        }
    }

    @Test
    void aRejectedKeyIsOneLineWithoutTheKey() throws Exception {
        try (FakeHttpServer google = FakeHttpServer.start()) {
            google.route("POST", "/v1/speech:recognize", req -> FakeResponse.json(400, """
                    {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.",
                    "status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo",
                    "reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}"""));
            PackagedCli.Result r = cli(rest(google), "transcribe", "--provider", "google", "speech.wav");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("debabelizer: authentication failed").contains("GOOGLE_API_KEY")
                    .doesNotContain(KEY).doesNotContain("\tat ");
        }
    }

    @Test
    void streamOverGrpcStreamingRecognize() throws Exception {
        try (StreamingFake grpc = new StreamingFake()) {
            Map<String, String> env = Map.of("GOOGLE_API_KEY", KEY,
                    "GOOGLE_SPEECH_GRPC_ENDPOINT", "127.0.0.1:" + grpc.server.getPort(),
                    "GOOGLE_SPEECH_GRPC_PLAINTEXT", "true");
            PackagedCli.Result r = cli(env, "stream", "--provider", "google", "--fast", "--format", "json", "speech.wav");

            assertThat(r.code()).as(r.err()).isZero();
            List<JsonNode> events = r.out().lines().map(MAPPER::readTree).toList();
            List<String> types = events.stream().map(e -> e.get("type").asString()).toList();
            assertThat(types).contains("interim", "final").last().isEqualTo("closed");
            assertThat(types.indexOf("interim")).isLessThan(types.indexOf("final"));
            assertThat(events.stream().filter(e -> e.get("type").asString().equals("final"))
                    .map(e -> e.get("text").asString())).containsExactly("We, the people.");
            assertThat(grpc.audioBytes.get()).isEqualTo(3 * 32_000);
            assertThat(grpc.keys).containsOnly(KEY);
            assertThat(grpc.problems).isEmpty();
        }
    }

    /** StreamingRecognize on a real loopback port: config first, audio after; an interim, then a final at the end. */
    static final class StreamingFake implements AutoCloseable {
        final Server server;
        final AtomicLong audioBytes = new AtomicLong();
        final List<String> keys = new CopyOnWriteArrayList<>();
        final List<String> problems = new CopyOnWriteArrayList<>();

        StreamingFake() throws IOException {
            MethodDescriptor<StreamingRecognizeRequest, StreamingRecognizeResponse> method =
                    MethodDescriptor.<StreamingRecognizeRequest, StreamingRecognizeResponse>newBuilder()
                            .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                            .setFullMethodName("google.cloud.speech.v1.Speech/StreamingRecognize")
                            .setRequestMarshaller(ProtoUtils.marshaller(StreamingRecognizeRequest.getDefaultInstance()))
                            .setResponseMarshaller(ProtoUtils.marshaller(
                                    StreamingRecognizeResponse.getDefaultInstance()))
                            .build();
            ServerServiceDefinition service = ServerServiceDefinition.builder("google.cloud.speech.v1.Speech")
                    .addMethod(method, ServerCalls.asyncBidiStreamingCall(this::call)).build();
            ServerInterceptor keyRecorder = new ServerInterceptor() {
                @Override
                public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                                  ServerCallHandler<Q, R> next) {
                    keys.add(String.valueOf(headers.get(Metadata.Key.of("x-goog-api-key",
                            Metadata.ASCII_STRING_MARSHALLER))));
                    return next.startCall(call, headers);
                }
            };
            server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(ServerInterceptors.intercept(service, keyRecorder)).build().start();
        }

        private StreamObserver<StreamingRecognizeRequest> call(StreamObserver<StreamingRecognizeResponse> out) {
            return new StreamObserver<>() {
                private boolean first = true;
                private boolean interimSent;

                @Override
                public void onNext(StreamingRecognizeRequest r) {
                    if (first != r.hasStreamingConfig()) {
                        problems.add("message order: " + r);
                    }
                    first = false;
                    audioBytes.addAndGet(r.getAudioContent().size());
                    if (!interimSent && audioBytes.get() > 32_000) {
                        interimSent = true;
                        out.onNext(result("We, the", false, 1.0));
                    }
                }

                @Override
                public void onError(Throwable t) {
                    problems.add("client cancelled: " + Status.fromThrowable(t));
                }

                @Override
                public void onCompleted() {
                    out.onNext(result("We, the people.", true, 1.5));
                    out.onCompleted();
                }
            };
        }

        private static StreamingRecognizeResponse result(String text, boolean isFinal, double end) {
            SpeechRecognitionAlternative.Builder alt = SpeechRecognitionAlternative.newBuilder().setTranscript(text);
            String[] words = text.split(" ");
            for (int i = 0; i < words.length; i++) {
                alt.addWords(WordInfo.newBuilder().setWord(words[i]).setStartTime(seconds(0.3 + 0.4 * i))
                        .setEndTime(seconds(0.6 + 0.4 * i)));
            }
            return StreamingRecognizeResponse.newBuilder().addResults(StreamingRecognitionResult.newBuilder()
                    .addAlternatives(alt).setIsFinal(isFinal).setStability(isFinal ? 0 : 0.5f)
                    .setResultEndTime(seconds(end)).setLanguageCode("en-us")).setRequestId(42).build();
        }

        private static Duration seconds(double s) {
            return Duration.newBuilder().setSeconds((long) s).setNanos((int) Math.round((s % 1) * 1e9)).build();
        }

        @Override
        public void close() throws InterruptedException {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
