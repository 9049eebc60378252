package io.debabelizer.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Pcm;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.testkit.HttpClients;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.fake.Json;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import io.debabelizer.testkit.fake.WsMessage;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** Live transcription over the Realtime API's transcription session against the fake. */
@Timeout(60)
class OpenAiRealtimeTest {

    private final ScriptedTranscript script = ScriptedTranscript.jfk();
    private HttpClient client;
    private OpenAiFake fake;
    private OpenAiSttProvider provider;

    @BeforeEach
    void start() {
        client = HttpClient.newHttpClient();
        fake = OpenAiFake.start(OpenAiTestSupport.KEY);
        fake.willTranscribe(script.text(), script.words());
        provider = OpenAiTestSupport.stt(fake, client);
    }

    @AfterEach
    void stop() throws InterruptedException {
        provider.close();
        fake.close();
        HttpClients.closeOrFail(client);
        assertThat(fake.webSocket().handlerErrors()).isEmpty();
    }

    private static List<StreamEvent> run(SpeechStream s, byte[] audio, int chunk) throws InterruptedException {
        for (int off = 0; off < audio.length; off += chunk) {
            s.send(audio, off, Math.min(chunk, audio.length - off));
        }
        s.endInput();
        List<StreamEvent> events = new ArrayList<>();
        StreamEvent e;
        do {
            e = s.pollEvent(Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("no event"));
            events.add(e);
        } while (!(e instanceof StreamEvent.Closed));
        return events;
    }

    private static <T> List<T> only(List<StreamEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private JsonNode sessionUpdate() {
        WsMessage first = fake.webSocket().receivedMessages().getFirst();
        JsonNode n = Json.parse(first.asText());
        assertThat(n.path("type").asString()).isEqualTo("session.update");
        return n.path("session");
    }

    @Test
    void configuresATranscriptionSessionThenStreamsAppendsAndCommitsAtTheEnd() throws Exception {
        TestAudio.Wav audio = TestAudio.speech(OpenAiTestSupport.jfk24k());
        SpeechStream s = provider.openStream(StreamRequest.builder(audio.pcmFormat()).language("en-US")
                .endpointing(Duration.ofMillis(500)).providerOption("prompt", "inaugural address")
                .providerOption("noise_reduction", "near_field").build());
        List<StreamEvent> events = run(s, audio.pcm(), 4800);

        RecordedRequest upgrade = fake.webSocket().upgradeRequests().getFirst();
        assertThat(upgrade.path()).isEqualTo("/v1/realtime");
        assertThat(upgrade.queryParam("intent")).contains("transcription");
        assertThat(upgrade.header("Authorization")).contains("Bearer " + OpenAiTestSupport.KEY);
        JsonNode session = sessionUpdate();
        assertThat(session.path("type").asString()).isEqualTo("transcription");
        JsonNode input = session.path("audio").path("input");
        assertThat(Json.write(input.path("format"))).isEqualTo("{\"type\":\"audio/pcm\",\"rate\":24000}");
        assertThat(input.path("transcription").path("model").asString()).isEqualTo("gpt-4o-transcribe");
        assertThat(input.path("transcription").path("language").asString()).isEqualTo("en");
        assertThat(input.path("transcription").path("prompt").asString()).isEqualTo("inaugural address");
        assertThat(input.path("noise_reduction").path("type").asString()).isEqualTo("near_field");
        assertThat(input.path("turn_detection").path("type").asString()).isEqualTo("server_vad");
        assertThat(input.path("turn_detection").path("silence_duration_ms").asInt()).isEqualTo(500);

        List<String> log = fake.realtimeLogs().getFirst();
        assertThat(log.getFirst()).isEqualTo("session.update");
        assertThat(log.subList(1, log.size() - 1)).allSatisfy(e -> assertThat(e).startsWith("append:"));
        assertThat(log.getLast()).isEqualTo("input_audio_buffer.commit");
        assertThat(fake.violations()).isEmpty();
        assertThat(fake.receivedAudioBytes()).isEqualTo(audio.pcm());

        List<StreamEvent.Final> finals = only(events, StreamEvent.Final.class);
        assertThat(finals.stream().map(StreamEvent.Final::text).filter(t -> !t.isBlank())
                .collect(Collectors.joining(" "))).isEqualTo(script.text());
        assertThat(finals).hasSizeGreaterThanOrEqualTo(2); // server VAD splits at the long pauses
        assertThat(finals).allSatisfy(f -> {
            assertThat(f.speechFinal()).isTrue();
            assertThat(f.language()).isEqualTo("en-US");
            assertThat(f.end()).isGreaterThanOrEqualTo(f.start()).isLessThanOrEqualTo(audio.durationSeconds() + 0.01);
        });
        assertThat(finals.getFirst().end()).isCloseTo(4.3, Offset.offset(0.01)); // audio_end_ms of the first stop
        assertThat(only(events, StreamEvent.SpeechStarted.class)).isNotEmpty()
                .first().satisfies(e -> assertThat(e.at()).isCloseTo(0.02, Offset.offset(0.01)));
        assertThat(only(events, StreamEvent.UtteranceEnd.class)).isNotEmpty();
        assertThat(events.indexOf(only(events, StreamEvent.Interim.class).getFirst()))
                .isLessThan(events.indexOf(finals.getFirst()));
        assertThat(((StreamEvent.Closed) events.getLast()).reason()).isEqualTo(StreamEvent.CloseReason.COMPLETED);
        assertThat(((RealtimeSpeechStream) s).requestId()).startsWith("sess_");
    }

    @Test
    void pcmAtOtherRatesAndChannelCountsIsResampledTo24kHzMono() throws Exception {
        TestAudio.Wav jfk = TestAudio.speech("jfk.wav");
        byte[] stereo48k = AudioConverter.toPcm16(jfk.asPcmAudio(), 48_000, 2).bytes();
        SpeechStream s = provider.openStream(StreamRequest.builder(AudioFormat.pcm16(48_000, 2)).build());
        List<StreamEvent> events = run(s, stereo48k, 3000); // 3000 bytes: not a whole number of output frames

        assertThat(Json.write(sessionUpdate().path("audio").path("input").path("format")))
                .isEqualTo("{\"type\":\"audio/pcm\",\"rate\":24000}");
        int expected = (int) Math.round(jfk.durationSeconds() * 48_000);
        assertThat(fake.receivedAudioBytes().length).isCloseTo(expected, Offset.offset(2 * 48));
        assertThat(only(events, StreamEvent.Final.class).stream().map(StreamEvent.Final::text)
                .filter(t -> !t.isBlank()).collect(Collectors.joining(" "))).isEqualTo(script.text());
        assertThat(s.audioSecondsSent()).isCloseTo(jfk.durationSeconds(), Offset.offset(0.01));
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void telephonyMulawGoesAsPcmuUntouched() throws Exception {
        TestAudio.Wav jfk = TestAudio.speech("jfk.wav");
        byte[] pcm8k = AudioConverter.toPcm16(jfk.asPcmAudio(), 8000, 1).bytes();
        byte[] mulaw = Pcm.convert(pcm8k, AudioFormat.pcm16(8000, 1), AudioFormat.mulaw(8000));
        SpeechStream s = provider.openStream(StreamRequest.builder(AudioFormat.mulaw(8000)).build());
        List<StreamEvent> events = run(s, mulaw, 160);

        assertThat(Json.write(sessionUpdate().path("audio").path("input").path("format")))
                .isEqualTo("{\"type\":\"audio/pcmu\"}");
        assertThat(fake.receivedAudioBytes()).isEqualTo(mulaw);
        assertThat(only(events, StreamEvent.Final.class).stream().map(StreamEvent.Final::text)
                .filter(t -> !t.isBlank()).collect(Collectors.joining(" "))).isEqualTo(script.text());
    }

    @Test
    void withoutTurnDetectionOnlyFinalizeAndEndOfInputCommit() throws Exception {
        TestAudio.Wav audio = TestAudio.speech(OpenAiTestSupport.jfk24k());
        SpeechStream s = provider.openStream(StreamRequest.builder(audio.pcmFormat()).endpointing(Duration.ZERO)
                .build());
        int half = audio.pcm().length / 2 & ~1;
        s.send(java.util.Arrays.copyOf(audio.pcm(), half));
        s.finalizeUtterance();
        StreamEvent.Final first = null;
        while (first == null) {
            StreamEvent e = s.pollEvent(Duration.ofSeconds(30)).orElseThrow();
            assertThat(e).isNotInstanceOfAny(StreamEvent.SpeechStarted.class, StreamEvent.Closed.class);
            if (e instanceof StreamEvent.Final f) {
                first = f;
            }
        }
        assertThat(first.end()).isCloseTo(half / 48_000.0, Offset.offset(0.001));
        assertThat(first.text()).isEqualTo("And so, my fellow Americans, ask not what");
        List<StreamEvent> rest = run(s, java.util.Arrays.copyOfRange(audio.pcm(), half, audio.pcm().length), 4800);

        assertThat(sessionUpdate().path("audio").path("input").path("turn_detection").isNull()).isTrue();
        assertThat(only(rest, StreamEvent.Final.class)).singleElement().satisfies(f -> {
            assertThat(f.text()).isEqualTo("your country can do for you, ask what you can do for your country.");
            assertThat(f.start()).isCloseTo(half / 48_000.0, Offset.offset(0.001));
        });
        assertThat(fake.realtimeLogs().getFirst().stream().filter(t -> t.equals("input_audio_buffer.commit")))
                .hasSize(2);
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void aSocketThatConnectsAndNeverSpeaksTimesOutInOpenStream() {
        try (OpenAiSttProvider quick = (OpenAiSttProvider) new OpenAiProviderFactory().createStt(
                OpenAiTestSupport.settings(client, Duration.ofSeconds(1)).context("openai",
                        OpenAiTestSupport.config(fake)))) {
            fake.willFail(OpenAiFake.ExtraFault.SILENT_SOCKET);
            ProviderTimeoutException e = catchThrowableOfType(ProviderTimeoutException.class,
                    () -> quick.openStream(StreamRequest.builder(AudioFormat.pcm16(24_000, 1)).build()));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("session.updated");
        }
    }

    @Test
    void theRealtimeUrlFollowsABaseUrlWithAPathPrefix() throws Exception {
        try (OpenAiFake prefixed = OpenAiFake.start(OpenAiTestSupport.KEY, "/proxy/openai/v1")) {
            prefixed.willTranscribe(script.text(), script.words());
            try (OpenAiSttProvider p = OpenAiTestSupport.stt(prefixed, client)) {
                TestAudio.Wav audio = TestAudio.speech(OpenAiTestSupport.jfk24k());
                List<StreamEvent> events = run(p.openStream(StreamRequest.builder(audio.pcmFormat()).build()),
                        audio.pcm(), 4800);
                assertThat(prefixed.webSocket().upgradeRequests().getFirst().path())
                        .isEqualTo("/proxy/openai/v1/realtime");
                assertThat(((StreamEvent.Closed) events.getLast()).reason())
                        .isEqualTo(StreamEvent.CloseReason.COMPLETED);
            }
        }
    }

    @Test
    void errorEventsThatLeaveTheSessionOpenAreNonFatalErrorEvents() throws Exception {
        fake.willFail(OpenAiFake.ExtraFault.INVALID_EVENT_ERROR);
        TestAudio.Wav audio = TestAudio.speech(OpenAiTestSupport.jfk24k());
        List<StreamEvent> events = run(provider.openStream(StreamRequest.builder(audio.pcmFormat()).build()),
                audio.pcm(), 4800);
        assertThat(only(events, StreamEvent.Error.class)).singleElement().satisfies(e -> {
            assertThat(e.fatal()).isFalse();
            assertThat(e.error()).isInstanceOf(io.debabelizer.InvalidInputException.class);
            assertThat(e.error().getMessage()).contains("invalid_value");
            assertThat(e.error().requestId()).hasValueSatisfying(id -> assertThat(id).startsWith("sess_"));
        });
        assertThat(only(events, StreamEvent.Final.class).stream().map(StreamEvent.Final::text)
                .filter(t -> !t.isBlank()).collect(Collectors.joining(" "))).isEqualTo(script.text());
        assertThat(((StreamEvent.Closed) events.getLast()).reason()).isEqualTo(StreamEvent.CloseReason.COMPLETED);
    }

    @Test
    void aFailedTranscriptionIsAnErrorEventAndTheStreamGoesOn() throws Exception {
        fake.willFail(OpenAiFake.ExtraFault.TRANSCRIPTION_FAILED);
        TestAudio.Wav audio = TestAudio.speech(OpenAiTestSupport.jfk24k());
        SpeechStream s = provider.openStream(StreamRequest.builder(audio.pcmFormat()).endpointing(Duration.ZERO)
                .build());
        int third = audio.pcm().length / 3 & ~1;
        s.send(java.util.Arrays.copyOf(audio.pcm(), third));
        s.finalizeUtterance();
        List<StreamEvent> events = run(s, java.util.Arrays.copyOfRange(audio.pcm(), third, audio.pcm().length),
                4800);
        assertThat(only(events, StreamEvent.Error.class)).singleElement().satisfies(e -> {
            assertThat(e.fatal()).isFalse();
            assertThat(e.error().getMessage()).contains("audio_unintelligible");
        });
        assertThat(only(events, StreamEvent.Final.class)).singleElement()
                .satisfies(f -> assertThat(f.text()).startsWith("not what your country"));
        assertThat(((StreamEvent.Closed) events.getLast()).reason()).isEqualTo(StreamEvent.CloseReason.COMPLETED);
    }
}
