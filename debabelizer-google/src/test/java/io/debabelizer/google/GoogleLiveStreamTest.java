package io.debabelizer.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.speech.v1.RecognitionConfig;
import com.google.cloud.speech.v1.StreamingRecognitionConfig;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.fake.TestAudio;
import io.grpc.Metadata;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Google-specific live behaviour: restarts with replay and continuous times, the config message, speech events. */
@Timeout(60)
class GoogleLiveStreamTest {

    private static final String KEY = "live-test-key-31c9";
    private static final int CHUNK = 640;

    private final ScriptedTranscript script = ScriptedTranscript.jfk();
    private final TestAudio.Wav jfk = TestAudio.speech("jfk.wav");
    private GoogleFake fake;
    private HttpClient http;
    private GoogleSttProvider provider;

    @BeforeEach
    void start() {
        fake = GoogleFake.start(KEY);
        fake.willTranscribe(script.text(), script.words());
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
        fake.close();
        http.close();
    }

    private GoogleSttProvider provider(Map<String, String> extra) {
        provider = GoogleTestSupport.stt(fake, new ProviderSettings(io.debabelizer.config.Secret.of(KEY),
                Duration.ofSeconds(10), Duration.ofSeconds(10), http), extra);
        return provider;
    }

    private List<StreamEvent> streamAll(SpeechStream stream) throws InterruptedException {
        return streamAll(stream, 0);
    }

    /** Sends the recording from {@code from} in 20 ms chunks, ends the input, returns every event up to Closed. */
    private List<StreamEvent> streamAll(SpeechStream stream, int from) throws InterruptedException {
        for (int off = from; off < jfk.pcm().length; off += CHUNK) {
            stream.send(jfk.pcm(), off, Math.min(CHUNK, jfk.pcm().length - off));
        }
        stream.endInput();
        List<StreamEvent> events = new ArrayList<>();
        while (true) {
            Optional<StreamEvent> e = stream.pollEvent(Duration.ofSeconds(20));
            assertThat(e).as("an event within 20 s; so far %s", events).isPresent();
            events.add(e.get());
            if (e.get() instanceof StreamEvent.Closed) {
                return events;
            }
        }
    }

    @Test
    void restartsTwiceWithReplayKeepingWordsContinuousAndLosingNoAudio() throws Exception {
        SpeechStream stream = provider(Map.of("stream_restart_after", "3500ms"))
                .openStream(StreamRequest.builder(jfk.pcmFormat()).language("en-US").build());
        List<StreamEvent> events = streamAll(stream);

        assertCompletedWithScript(events);
        List<SpeechGrpcFake.CallRecord> calls = fake.grpc().calls();
        assertThat(calls).as("calls: the first and at least two restarts").hasSizeGreaterThanOrEqualTo(3);
        assertNoAudioLost(calls);
    }

    @Test
    void restartsWhenGoogleEndsACallAtItsStreamLimit() throws Exception {
        fake.grpc().streamLimit(6.0);
        SpeechStream stream = provider(Map.of())
                .openStream(StreamRequest.builder(jfk.pcmFormat()).language("en-US").build());
        List<StreamEvent> events = streamAll(stream);
        assertCompletedWithScript(events);
        List<SpeechGrpcFake.CallRecord> calls = fake.grpc().calls();
        assertThat(calls).extracting(c -> c.end.getCode()).contains(Status.Code.OUT_OF_RANGE);
        assertNoAudioLost(calls);
    }

    @Test
    void restartsOnceAfterUnavailableMidStream() throws Exception {
        fake.grpc().unavailableOnceAfter(6L * jfk.pcmFormat().bytesPerSecond());
        SpeechStream stream = provider(Map.of())
                .openStream(StreamRequest.builder(jfk.pcmFormat()).language("en-US").build());
        List<StreamEvent> events = streamAll(stream);

        assertCompletedWithScript(events);
        List<SpeechGrpcFake.CallRecord> calls = fake.grpc().calls();
        assertThat(calls).hasSize(2);
        assertThat(calls.getFirst().end.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertNoAudioLost(calls);
    }

    @Test
    void goesOnWithANewCallWhenGoogleEndsOneUnasked() throws Exception {
        int fiveSeconds = 5 * jfk.pcmFormat().bytesPerSecond();
        fake.grpc().endOnceAfter(fiveSeconds);
        SpeechStream stream = provider(Map.of())
                .openStream(StreamRequest.builder(jfk.pcmFormat()).language("en-US").build());
        stream.send(jfk.pcm(), 0, fiveSeconds);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> fake.grpc().calls().getFirst().end != null); // ended while the stream is still live
        List<StreamEvent> events = streamAll(stream, fiveSeconds);

        assertCompletedWithScript(events);
        List<SpeechGrpcFake.CallRecord> calls = fake.grpc().calls();
        assertThat(calls).hasSize(2);
        assertThat(calls.getFirst().end).isEqualTo(Status.OK);
        assertNoAudioLost(calls);
    }

    @Test
    void sendsTheStreamingConfigFirstWithKeyAndOptions() throws Exception {
        SpeechStream stream = provider(Map.of("model", "latest_long")).openStream(
                StreamRequest.builder(jfk.pcmFormat()).language("de-DE").diarize(true)
                        .providerOption("alternative_languages", "en-US,fr-FR")
                        .providerOption("profanity_filter", true).build());
        List<StreamEvent> events = streamAll(stream);

        SpeechGrpcFake.CallRecord call = fake.grpc().calls().getFirst();
        assertThat(call.headers.get(Metadata.Key.of("x-goog-api-key", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo(KEY);
        StreamingRecognitionConfig sc = call.config();
        RecognitionConfig c = sc.getConfig();
        assertThat(c.getEncoding()).isEqualTo(RecognitionConfig.AudioEncoding.LINEAR16);
        assertThat(c.getSampleRateHertz()).isEqualTo(16000);
        assertThat(c.getLanguageCode()).isEqualTo("de-DE");
        assertThat(c.getAlternativeLanguageCodesList()).containsExactly("en-US", "fr-FR");
        assertThat(c.getModel()).isEqualTo("latest_long");
        assertThat(c.getEnableWordTimeOffsets()).isTrue();
        assertThat(c.getEnableAutomaticPunctuation()).isTrue();
        assertThat(c.getProfanityFilter()).isTrue();
        assertThat(c.getDiarizationConfig().getEnableSpeakerDiarization()).isTrue();
        assertThat(sc.getInterimResults()).isTrue();
        assertThat(sc.getEnableVoiceActivityEvents()).isTrue();
        assertThat(sc.getSingleUtterance()).isFalse();
        assertThat(call.messages.subList(1, call.messages.size()))
                .allSatisfy(m -> assertThat(m.hasStreamingConfig()).isFalse());

        assertThat(events).filteredOn(StreamEvent.SpeechStarted.class::isInstance).isNotEmpty();
        assertThat(events).filteredOn(StreamEvent.Interim.class::isInstance)
                .allSatisfy(e -> assertThat(((StreamEvent.Interim) e).stability()).isEqualTo(0.8, within()));
        assertThat(events).filteredOn(StreamEvent.Final.class::isInstance)
                .allSatisfy(e -> assertThat(((StreamEvent.Final) e).language()).isEqualTo("en-US"));
        assertThat(((GoogleSpeechStream) stream).requestId()).isEqualTo(GoogleFake.REQUEST_ID);
    }

    @Test
    void singleUtteranceCompletesTheStreamWhenGoogleEndsTheUtterance() throws Exception {
        SpeechStream stream = provider(Map.of()).openStream(StreamRequest.builder(jfk.pcmFormat()).language("en-US")
                .providerOption("single_utterance", true).build());
        for (int off = 0; off < jfk.pcm().length && !stream.completion().isDone(); off += CHUNK) {
            stream.offer(Arrays.copyOfRange(jfk.pcm(), off, Math.min(off + CHUNK, jfk.pcm().length)),
                    Duration.ofSeconds(5));
        }
        StreamEvent.Closed closed = stream.completion().get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(closed.reason()).isEqualTo(StreamEvent.CloseReason.COMPLETED);
        List<StreamEvent> events = new ArrayList<>();
        StreamEvent e;
        do {
            e = stream.nextEvent();
            events.add(e);
        } while (!(e instanceof StreamEvent.Closed));
        assertThat(fake.grpc().calls().getFirst().config().getSingleUtterance()).isTrue();
        assertThat(events).filteredOn(StreamEvent.Final.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(StreamEvent.UtteranceEnd.class::isInstance).hasSize(1);
        assertThat(fake.grpc().calls()).hasSize(1);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-6);
    }

    /** Finals spell the script; words are monotone, continuous (each within its scripted time) and in the audio. */
    private void assertCompletedWithScript(List<StreamEvent> events) {
        assertThat(events).filteredOn(StreamEvent.Error.class::isInstance).isEmpty();
        assertThat(events.getLast()).isEqualTo(new StreamEvent.Closed(StreamEvent.CloseReason.COMPLETED,
                jfk.durationSeconds()));
        List<StreamEvent.Final> finals = events.stream().filter(StreamEvent.Final.class::isInstance)
                .map(StreamEvent.Final.class::cast).toList();
        assertThat(finals.stream().map(StreamEvent.Final::text).filter(t -> !t.isBlank())
                .collect(Collectors.joining(" "))).isEqualTo(script.text());
        List<Word> words = finals.stream().flatMap(f -> f.words().stream()).toList();
        assertThat(words).hasSameSizeAs(script.words());
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            Word expected = script.words().get(i);
            assertThat(w.start()).as("start of %s", w).isCloseTo(expected.start(), within(1e-6));
            assertThat(w.end()).as("end of %s", w).isCloseTo(expected.end(), within(1e-6));
            if (i > 0) {
                assertThat(w.start()).isGreaterThanOrEqualTo(words.get(i - 1).end());
            }
        }
        double previousEnd = 0;
        for (StreamEvent.Final f : finals) {
            assertThat(f.start()).as("finals tile the stream").isCloseTo(previousEnd, within(1e-6));
            previousEnd = f.end();
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }

    /**
     * Each call starts with a replay of the previous call's tail (from the last final's end) and then carries new
     * audio: laid end to end past those overlaps, the calls' audio is exactly what was sent.
     */
    private void assertNoAudioLost(List<SpeechGrpcFake.CallRecord> calls) {
        ByteArrayOutputStream stitched = new ByteArrayOutputStream();
        for (SpeechGrpcFake.CallRecord c : calls) {
            byte[] audio = c.audio();
            if (audio.length == 0) {
                continue;
            }
            assertThat(c.messages.getFirst().hasStreamingConfig()).isTrue();
            int overlap = stitched.size() - (int) c.startByte;
            assertThat(overlap).as("a call replays from no later than where the stream stood").isNotNegative();
            assertThat(Arrays.copyOfRange(audio, 0, Math.min(overlap, audio.length)))
                    .as("the replay is the audio sent from the call's start")
                    .isEqualTo(Arrays.copyOfRange(jfk.pcm(), (int) c.startByte,
                            (int) c.startByte + Math.min(overlap, audio.length)));
            if (overlap < audio.length) {
                stitched.write(audio, overlap, audio.length - overlap);
            }
        }
        assertThat(stitched.toByteArray()).as("the calls' audio past the replays").isEqualTo(jfk.pcm());
    }
}
