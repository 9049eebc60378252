package io.debabelizer.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.debabelizer.AuthenticationException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.StreamClosedException;
import io.debabelizer.UnsupportedCapabilityException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.config.Secret;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.tts.AudioChunk;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.TextToSpeechStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** gRPC StreamingSynthesize for Chirp 3 HD voices (and streaming=grpc), text-in streams, the REST fallback. */
class GoogleStreamingSynthesisTest {

    private static final String KEY = "tts-stream-key-9c1d";
    private static final String CHIRP = "en-US-Chirp3-HD-Aoede";

    private GoogleFake rest;
    private TtsGrpcFake grpc;
    private HttpClient http;

    @BeforeEach
    void start() {
        rest = GoogleFake.start(KEY);
        grpc = new TtsGrpcFake(rest::credentialsOk);
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        grpc.close();
        rest.close();
        http.close();
    }

    private GoogleTtsProvider provider(String key) {
        Map<String, String> extra = new HashMap<>();
        extra.put("tts_grpc_endpoint", grpc.target());
        extra.put("tts_grpc_plaintext", "true");
        return GoogleTestSupport.tts(rest, new ProviderSettings(Secret.of(key), Duration.ofSeconds(10),
                Duration.ofSeconds(10), http), extra);
    }

    private static byte[] readAll(SynthesisStream s) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioChunk c;
        do {
            c = s.nextChunk();
            out.writeBytes(c.data());
        } while (!c.last());
        return out.toByteArray();
    }

    private static Object field(DynamicMessage m, Descriptors.Descriptor d, String name) {
        Object v = m.getField(TtsMessages.field(d, name));
        return v instanceof Descriptors.EnumValueDescriptor e ? e.getName() : v;
    }

    @Test
    void chirpVoiceStreamsOverGrpcWithItsConfigFirst() throws Exception {
        String text = "Hello there. How are you?";
        try (GoogleTtsProvider p = provider(KEY);
             SynthesisStream s = p.synthesizeStream(SynthesisRequest.builder(text).voice(CHIRP).speed(1.5)
                     .outputFormat(AudioFormat.pcm16(16000, 1)).build())) {
            assertThat(readAll(s)).isEqualTo(TtsGrpcFake.audioFor(text));
            assertThat(s.timeToFirstAudio()).isPresent();
            assertThat(s.completion()).isCompleted();
        }
        TtsGrpcFake.CallRecord call = grpc.calls().getFirst();
        assertThat(call.headers.get(io.grpc.Metadata.Key.of("x-goog-api-key", io.grpc.Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo(KEY);
        assertThat(field(call.voice(), TtsMessages.VOICE, "name")).isEqualTo(CHIRP);
        assertThat(field(call.voice(), TtsMessages.VOICE, "language_code")).isEqualTo("en-US");
        assertThat(field(call.audioConfig(), TtsMessages.AUDIO_CONFIG, "audio_encoding")).isEqualTo("PCM");
        assertThat(field(call.audioConfig(), TtsMessages.AUDIO_CONFIG, "sample_rate_hertz")).isEqualTo(16000);
        assertThat(field(call.audioConfig(), TtsMessages.AUDIO_CONFIG, "speaking_rate")).isEqualTo(1.5);
        assertThat(call.texts()).containsExactly(text);
        assertThat(call.end.isOk()).isTrue();
        assertThat(rest.http().requests()).as("nothing went over REST").isEmpty();
    }

    @Test
    void audioArrivesBeforeTheCallEnds() throws Exception {
        grpc.holdEnd();
        try (GoogleTtsProvider p = provider(KEY);
             SynthesisStream s = p.synthesizeStream(SynthesisRequest.builder("Early audio.").voice(CHIRP)
                     .outputFormat(AudioFormat.pcm16(24000, 1)).build())) {
            byte[] expected = TtsGrpcFake.audioFor("Early audio.");
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            for (int i = 0; i < TtsGrpcFake.CHUNKS_PER_INPUT; i++) {
                AudioChunk c = s.nextChunk();
                assertThat(c.last()).isFalse();
                got.writeBytes(c.data());
            }
            assertThat(got.toByteArray()).isEqualTo(expected);
            assertThat(s.completion()).as("Google has not ended the call yet").isNotDone();
            grpc.releaseEnd();
            assertThat(s.nextChunk().last()).isTrue();
        }
    }

    @Test
    void wavStreamStartsWithOneHeader() throws Exception {
        try (GoogleTtsProvider p = provider(KEY);
             SynthesisStream s = p.synthesizeStream(SynthesisRequest.builder("Wave.").voice(CHIRP)
                     .outputFormat(AudioFormat.wav16(24000, 1)).build())) {
            byte[] all = readAll(s);
            assertThat(new String(all, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            byte[] expected = TtsGrpcFake.audioFor("Wave.");
            assertThat(all.length).isEqualTo(44 + expected.length);
            assertThat(java.util.Arrays.copyOfRange(all, 44, all.length)).isEqualTo(expected);
        }
        assertThat(field(grpc.calls().getFirst().audioConfig(), TtsMessages.AUDIO_CONFIG, "audio_encoding"))
                .isEqualTo("PCM");
    }

    @Test
    void textStreamSpeaksEachPieceAsItComes() throws Exception {
        try (GoogleTtsProvider p = provider(KEY);
             TextToSpeechStream s = p.openTextStream(SynthesisRequest.builder("").voice(CHIRP).language("en-GB")
                     .outputFormat(AudioFormat.pcm16(24000, 1)).build())) {
            s.sendText("One piece.");
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            for (int i = 0; i < TtsGrpcFake.CHUNKS_PER_INPUT; i++) {
                first.writeBytes(s.nextChunk().data());
            }
            assertThat(first.toByteArray()).as("audio before the input ended").isEqualTo(
                    TtsGrpcFake.audioFor("One piece."));
            s.sendText("Another.");
            s.flush();
            s.endInput();
            assertThat(readAll(s)).isEqualTo(TtsGrpcFake.audioFor("Another."));
            assertThatThrownBy(() -> s.sendText("late")).isInstanceOf(StreamClosedException.class);
        }
        TtsGrpcFake.CallRecord call = grpc.calls().getFirst();
        assertThat(call.texts()).containsExactly("One piece.", "Another.");
        assertThat(field(call.voice(), TtsMessages.VOICE, "language_code")).isEqualTo("en-GB");
        assertThat(call.end.isOk()).isTrue();
    }

    @Test
    void serviceAccountTokenGoesAsBearerWithTheQuotaProject(@TempDir Path dir) throws Exception {
        TestServiceAccount account = TestServiceAccount.create(dir, rest.tokenUri());
        rest.acceptServiceAccount(account.publicPart(), 3599);
        Map<String, String> config = GoogleTestSupport.endpoints(rest);
        config.put("credentials_file", account.keyFile().toString());
        config.put("quota_project", "billing-project-3");
        config.put("tts_grpc_endpoint", grpc.target());
        config.put("tts_grpc_plaintext", "true");
        try (GoogleTtsProvider p = (GoogleTtsProvider) new GoogleProviderFactory().createTts(new ProviderSettings(
                Secret.of("unused"), Duration.ofSeconds(10), Duration.ofSeconds(10), http).context("google", config));
             SynthesisStream s = p.synthesizeStream(SynthesisRequest.builder("Token.").voice(CHIRP)
                     .outputFormat(AudioFormat.pcm16(24000, 1)).build())) {
            assertThat(readAll(s)).isEqualTo(TtsGrpcFake.audioFor("Token."));
        }
        io.grpc.Metadata headers = grpc.calls().getFirst().headers;
        assertThat(headers.get(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER)))
                .startsWith("Bearer ");
        assertThat(headers.get(io.grpc.Metadata.Key.of("x-goog-user-project",
                io.grpc.Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("billing-project-3");
        assertThat(headers.containsKey(io.grpc.Metadata.Key.of("x-goog-api-key",
                io.grpc.Metadata.ASCII_STRING_MARSHALLER))).isFalse();
    }

    @Test
    void refusedCredentialsAreAnAuthenticationError() {
        try (GoogleTtsProvider p = provider("wrong-key");
             SynthesisStream s = p.synthesizeStream(SynthesisRequest.builder("Hi.").voice(CHIRP).build())) {
            assertThatThrownBy(() -> readAll(s)).isInstanceOf(AuthenticationException.class)
                    .hasMessageNotContaining("wrong-key");
        }
    }

    @Test
    void quotaRefusalIsRateLimitedWithRetryDelay() {
        grpc.willFail(TtsGrpcFake.Fault.RESOURCE_EXHAUSTED);
        try (GoogleTtsProvider p = provider(KEY);
             SynthesisStream s = p.synthesizeStream(SynthesisRequest.builder("Hi.").voice(CHIRP).build())) {
            assertThatThrownBy(() -> readAll(s)).isInstanceOfSatisfying(RateLimitedException.class,
                    e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        }
    }

    @Test
    void callDroppedMidStreamFailsAfterTheAudioAlreadySent() throws Exception {
        grpc.willFail(TtsGrpcFake.Fault.UNAVAILABLE_MID_STREAM);
        try (GoogleTtsProvider p = provider(KEY);
             SynthesisStream s = p.synthesizeStream(SynthesisRequest.builder("Dropped midway.").voice(CHIRP)
                     .outputFormat(AudioFormat.pcm16(24000, 1)).build())) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            assertThatThrownBy(() -> {
                AudioChunk c;
                do {
                    c = s.nextChunk();
                    got.writeBytes(c.data());
                } while (!c.last());
            }).isInstanceOf(ProviderUnavailableException.class);
            byte[] all = TtsGrpcFake.audioFor("Dropped midway.");
            assertThat(all).startsWith(got.toByteArray());
            assertThat(got.size()).isLessThan(all.length);
            await().atMost(Duration.ofSeconds(5)).until(() -> s.completion().isCompletedExceptionally());
        }
    }

    @Test
    void otherVoicesStreamSentenceBySentenceOverRest() throws Exception {
        try (GoogleTtsProvider p = provider(KEY);
             SynthesisStream s = p.synthesizeStream(SynthesisRequest.builder("First. Second.")
                     .voice("en-US-Neural2-F").outputFormat(AudioFormat.pcm16(24000, 1)).build())) {
            assertThat(readAll(s)).isNotEmpty();
        }
        assertThat(rest.receivedTexts()).containsExactly("First.", "Second.");
        assertThat(grpc.calls()).isEmpty();
    }

    @Test
    void restCanBeForcedAndGrpcCanBeForced() throws Exception {
        try (GoogleTtsProvider p = provider(KEY)) {
            try (SynthesisStream s = p.synthesizeStream(SynthesisRequest.builder("Only rest.").voice(CHIRP)
                    .providerOption("streaming", "rest").build())) {
                readAll(s);
            }
            assertThat(grpc.calls()).isEmpty();
            try (SynthesisStream s = p.synthesizeStream(SynthesisRequest.builder("Forced.")
                    .voice("en-US-Neural2-F").providerOption("streaming", "grpc")
                    .outputFormat(AudioFormat.pcm16(24000, 1)).build())) {
                assertThat(readAll(s)).isEqualTo(TtsGrpcFake.audioFor("Forced."));
            }
            assertThat(grpc.calls()).hasSize(1);
        }
    }

    @Test
    void formatsStreamingSynthesizeCannotMakeGoOverRest() throws Exception {
        try (GoogleTtsProvider p = provider(KEY);
             SynthesisStream s = p.synthesizeStream(SynthesisRequest.builder("Telephone.").voice(CHIRP)
                     .outputFormat(AudioFormat.mulaw(8000)).build())) {
            readAll(s);
        }
        assertThat(grpc.calls()).isEmpty();
        assertThat(rest.receivedTexts()).containsExactly("Telephone.");
    }

    @Test
    void textStreamNeedsAStreamingVoice() {
        try (GoogleTtsProvider p = provider(KEY)) {
            assertThatThrownBy(() -> p.openTextStream(SynthesisRequest.builder("").voice("en-US-Neural2-F").build()))
                    .isInstanceOf(UnsupportedCapabilityException.class);
        }
    }

    @Test
    void fakeRefusesInputBeforeConfig() throws Exception {
        io.grpc.ManagedChannel channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
                .forTarget(grpc.target()).usePlaintext().build();
        try {
            io.grpc.Metadata md = new io.grpc.Metadata();
            md.put(io.grpc.Metadata.Key.of("x-goog-api-key", io.grpc.Metadata.ASCII_STRING_MARSHALLER), KEY);
            var call = io.grpc.ClientInterceptors.intercept(channel,
                    io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(md))
                    .newCall(TtsMessages.STREAMING_SYNTHESIZE, io.grpc.CallOptions.DEFAULT);
            var ended = new java.util.concurrent.CompletableFuture<io.grpc.Status>();
            var requests = io.grpc.stub.ClientCalls.asyncBidiStreamingCall(call, new io.grpc.stub.StreamObserver<>() {
                @Override
                public void onNext(DynamicMessage value) {
                }

                @Override
                public void onError(Throwable t) {
                    ended.complete(io.grpc.Status.fromThrowable(t));
                }

                @Override
                public void onCompleted() {
                    ended.complete(io.grpc.Status.OK);
                }
            });
            requests.onNext(TtsMessages.textRequest("no config first"));
            assertThat(ended.get(5, java.util.concurrent.TimeUnit.SECONDS).getCode())
                    .isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
        } finally {
            channel.shutdownNow();
        }
    }
}
