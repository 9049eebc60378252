package io.debabelizer.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.spi.stream.HttpBodySynthesisStream;
import io.debabelizer.testkit.Fault;
import io.debabelizer.testkit.fake.FakeResponse;
import io.debabelizer.testkit.fake.Json;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import io.debabelizer.tts.SpeechTiming;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** Text-to-speech over REST: whole, streamed, with timestamps; request mapping, formats and errors. */
@Timeout(60)
class ElevenLabsTtsTest extends ElevenLabsTestSupport {

    private static final String TEXT = "Hello there, how can I help you today?";

    private RecordedRequest last() {
        return fake.http().lastRequest();
    }

    @Test
    void synthesizeSendsTheKeyModelVoiceSettingsAndContinuity() {
        Synthesis s = tts().synthesize(SynthesisRequest.builder(TEXT).voice(ElevenLabsFake.ADAM)
                .model("eleven_flash_v2_5").language("de-DE").speed(1.1)
                .outputFormat(AudioFormat.pcm16(16000, 1))
                .providerOption("stability", 0.4).providerOption("similarity_boost", "0.8")
                .providerOption("style", 0.1).providerOption("use_speaker_boost", "true")
                .providerOption("previous_text", "Good morning.").providerOption("next_text", "Goodbye.")
                .providerOption("enable_logging", false).build());
        RecordedRequest r = last();
        assertThat(r.path()).isEqualTo("/v1/text-to-speech/" + ElevenLabsFake.ADAM);
        assertThat(r.header("xi-api-key")).contains(KEY);
        assertThat(r.query()).containsEntry("output_format", List.of("pcm_16000"))
                .containsEntry("enable_logging", List.of("false"));
        JsonNode body = Json.parse(r.body());
        assertThat(body.path("text").asString()).isEqualTo(TEXT);
        assertThat(body.path("model_id").asString()).isEqualTo("eleven_flash_v2_5");
        assertThat(body.path("language_code").asString()).isEqualTo("de");
        assertThat(body.path("previous_text").asString()).isEqualTo("Good morning.");
        assertThat(body.path("next_text").asString()).isEqualTo("Goodbye.");
        JsonNode vs = body.path("voice_settings");
        assertThat(vs.path("stability").asDouble()).isEqualTo(0.4);
        assertThat(vs.path("similarity_boost").asDouble()).isEqualTo(0.8);
        assertThat(vs.path("style").asDouble()).isEqualTo(0.1);
        assertThat(vs.path("use_speaker_boost").asBoolean()).isTrue();
        assertThat(vs.path("speed").asDouble()).isEqualTo(1.1);

        assertThat(s.format()).isEqualTo(AudioFormat.pcm16(16000, 1));
        assertThat(s.sizeBytes()).isEqualTo((int) Math.round(TEXT.length() * 0.05 * 16000) * 2);
        assertThat(s.durationSeconds()).isCloseTo(TEXT.length() * 0.05, Offset.offset(0.001));
        assertThat(s.voice()).isEqualTo(ElevenLabsFake.ADAM);
        assertThat(s.model()).isEqualTo("eleven_flash_v2_5");
        assertThat(s.requestId()).isNotBlank();
        assertThat(s.characters()).isEqualTo(TEXT.length());
        assertThat(s.timings()).isEmpty();
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void defaultsComeFromConfigurationAndLeaveVoiceSettingsAlone() {
        Synthesis s = tts(Map.of("model", "eleven_turbo_v2_5", "voice", ElevenLabsFake.MIA))
                .synthesize(SynthesisRequest.builder(TEXT).build());
        RecordedRequest r = last();
        assertThat(r.path()).isEqualTo("/v1/text-to-speech/" + ElevenLabsFake.MIA);
        assertThat(r.query()).containsEntry("output_format", List.of("mp3_44100_128"));
        JsonNode body = Json.parse(r.body());
        assertThat(body.path("model_id").asString()).isEqualTo("eleven_turbo_v2_5");
        assertThat(body.has("voice_settings")).isFalse();
        assertThat(body.has("language_code")).isFalse();
        assertThat(s.format().container()).isEqualTo(Container.MP3);
        assertThat(s.durationSeconds()).isEqualTo(-1);
        tts().synthesize(SynthesisRequest.builder(TEXT).build());
        assertThat(last().path()).endsWith(ElevenLabsSettings.DEFAULT_VOICE);
        assertThat(Json.parse(last().body()).path("model_id").asString()).isEqualTo("eleven_multilingual_v2");
    }

    @Test
    void voicesGivenByNameAreResolvedThroughTheCachedVoiceList() {
        ElevenLabsTtsProvider tts = tts();
        tts.synthesize(SynthesisRequest.builder(TEXT).voice("rachel").build());
        assertThat(last().path()).isEqualTo("/v1/text-to-speech/" + ElevenLabsFake.RACHEL);
        tts.synthesize(SynthesisRequest.builder(TEXT).voice("Mia").build()); // "Mia - calm"
        assertThat(last().path()).isEqualTo("/v1/text-to-speech/" + ElevenLabsFake.MIA);
        tts.synthesize(SynthesisRequest.builder(TEXT).voice("Adam").build());
        assertThat(fake.http().requests()).filteredOn(q -> q.path().equals("/v1/voices")).hasSize(1);

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> tts.synthesize(SynthesisRequest.builder(TEXT).voice("Nobody").build()));
        assertThat(e).hasMessageContaining("Nobody").hasMessageContaining("Rachel");
        assertThat(fake.http().requests()).filteredOn(q -> q.path().equals("/v1/voices")).hasSize(2);
    }

    @Test
    void withTimestampsGivesMonotoneWordTimingsCoveringTheText() {
        String text = "  Ask not what your country can do for you, ask what you can do.";
        Synthesis s = tts().synthesize(SynthesisRequest.builder(text).timings(true)
                .outputFormat(AudioFormat.wav16(24000, 1)).build());
        assertThat(last().path()).isEqualTo("/v1/text-to-speech/" + ElevenLabsSettings.DEFAULT_VOICE
                + "/with-timestamps");
        assertThat(TestAudio.parseWav(s.audio().bytes()).pcm()).hasSize((int) Math.round(text.length() * 0.05
                * 24000) * 2);
        List<SpeechTiming> words = s.timings();
        assertCoversText(words, text);
        assertMonotone(words);
        // The fake gives every character 50 ms: "Ask" is characters 2..4.
        SpeechTiming ask = words.getFirst();
        assertThat(ask.start()).isCloseTo(0.10, Offset.offset(1e-9));
        assertThat(ask.end()).isCloseTo(0.25, Offset.offset(1e-9));
        assertThat(ask.textOffset()).isEqualTo(2);
        SpeechTiming last = words.getLast();
        assertThat(last.text()).isEqualTo("do.");
        assertThat(last.end()).isCloseTo(text.length() * 0.05, Offset.offset(1e-9));
        assertThat(text.substring(last.textOffset())).isEqualTo("do.");
    }

    @Test
    void outputFormatsMapToElevenLabsNames() {
        Map<AudioFormat, String> cases = Map.of(
                AudioFormat.mulaw(8000), "ulaw_8000",
                AudioFormat.alaw(8000), "alaw_8000",
                AudioFormat.pcm16(44100, 1), "pcm_44100",
                new AudioFormat(Container.MP3, Encoding.MP3, 22050, 1, 0), "mp3_22050_32",
                AudioFormat.of(Container.OGG, Encoding.OPUS), "opus_48000_64",
                AudioFormat.wav16(16000, 1), "pcm_16000");
        cases.forEach((format, id) -> {
            Synthesis s = tts().synthesize(SynthesisRequest.builder("Hi there.").outputFormat(format).build());
            assertThat(last().queryParam("output_format")).as("%s", format).contains(id);
            assertThat(s.format().encoding()).isEqualTo(format.encoding());
            assertThat(s.format().container()).isEqualTo(format.container());
        });
        Synthesis mulaw = tts().synthesize(SynthesisRequest.builder("Hi there.").outputFormat(AudioFormat.mulaw(8000))
                .build());
        assertThat(mulaw.sizeBytes()).isEqualTo((int) Math.round(9 * 0.05 * 8000));
        Synthesis explicit = tts().synthesize(SynthesisRequest.builder("Hi there.")
                .providerOption("output_format", "mp3_44100_192").build());
        assertThat(last().queryParam("output_format")).contains("mp3_44100_192");
        assertThat(explicit.format().sampleRate()).isEqualTo(44100);
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void formatsAndSettingsElevenLabsCannotTakeAreRejectedBeforeSending() {
        assertThat(catchThrowableOfType(UnsupportedFormatException.class, () -> tts().synthesize(
                SynthesisRequest.builder(TEXT).outputFormat(AudioFormat.pcm16(11025, 1)).build())))
                .hasMessageContaining("11025");
        assertThat(catchThrowableOfType(UnsupportedFormatException.class, () -> tts().synthesize(
                SynthesisRequest.builder(TEXT).outputFormat(AudioFormat.of(Container.FLAC, Encoding.FLAC)).build())))
                .isNotNull();
        assertThat(catchThrowableOfType(UnsupportedFormatException.class, () -> tts().synthesize(
                SynthesisRequest.builder(TEXT).providerOption("output_format", "pcm_96000").build()))).isNotNull();
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> tts().synthesize(
                SynthesisRequest.builder(TEXT).speed(2.0).build()))).hasMessageContaining("0.7 to 1.2");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> tts().synthesize(
                SynthesisRequest.builder(TEXT).providerOption("stability", "high").build()))).isNotNull();
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> tts().synthesize(
                SynthesisRequest.builder(" ").build()))).hasMessageContaining("empty");
        assertThat(fake.http().requests()).isEmpty();
    }

    @Test
    void validationErrorsAreInvalidInputWithTheFieldAndRequestId() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> tts().synthesize(
                SynthesisRequest.builder(TEXT).providerOption("unknown_field", 1).build()));
        assertThat(e).hasMessageContaining("422").hasMessageContaining("body.unknown_field");
        assertThat(e.requestId()).isPresent();
    }

    @Test
    void errorsCarryTheProvidersStatusAndRequestId() {
        fake.http().failNext(1, ElevenLabsFake.error(401, "quota_exceeded", "This request exceeds your quota."));
        AuthenticationException auth = catchThrowableOfType(AuthenticationException.class,
                () -> tts().synthesize(SynthesisRequest.builder(TEXT).build()));
        assertThat(auth).hasMessageContaining("quota_exceeded").hasMessageContaining("exceeds your quota");
        assertThat(auth.requestId()).isPresent();
        assertThat(auth.getMessage()).doesNotContain(KEY);

        fake.http().failNext(1, ElevenLabsFake.error(429, "system_busy", "The system is busy.")
                .withHeader("Retry-After", "7"));
        RateLimitedException busy = catchThrowableOfType(RateLimitedException.class,
                () -> tts().synthesizeStream(SynthesisRequest.builder(TEXT).build()));
        assertThat(busy.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(busy).hasMessageContaining("system_busy");

        fake.http().failNext(1, FakeResponse.json(503, "{\"detail\":\"upstream unavailable\"}")
                .withHeader("request-id", "req-503"));
        DebabelizerException down = catchThrowableOfType(DebabelizerException.class,
                () -> tts().synthesize(SynthesisRequest.builder(TEXT).build()));
        assertThat(down.isRetryable()).isTrue();
        assertThat(down.requestId()).contains("req-503");
        assertThat(down).hasMessageContaining("upstream unavailable");
    }

    @Test
    void aWrongKeyIsRejectedByTheFakeAsByElevenLabs() {
        ElevenLabsTtsProvider wrong = (ElevenLabsTtsProvider) new ElevenLabsProviderFactory().createTts(
                settings(Duration.ofSeconds(15)).context("elevenlabs", config(Map.of("api_key", "not-the-key"))));
        try (wrong) {
            assertThat(catchThrowableOfType(AuthenticationException.class, wrong::voices))
                    .hasMessageContaining("invalid_api_key");
        }
    }

    @Test
    void streamedSynthesisDeliversAudioAsItArrivesWithTimeToFirstAudio() throws Exception {
        try (SynthesisStream s = tts().synthesizeStream(SynthesisRequest.builder(TEXT.repeat(3))
                .outputFormat(AudioFormat.wav16(24000, 1)).build())) {
            assertThat(last().path()).endsWith("/stream");
            Drained d = drain(s);
            assertThat(d.chunks()).isGreaterThan(1);
            TestAudio.Wav wav = TestAudio.parseWav(d.audio());
            assertThat(wav.pcmFormat().sampleRate()).isEqualTo(24000);
            assertThat(wav.pcm()).hasSize((int) Math.round(TEXT.length() * 3 * 0.05 * 24000) * 2);
            assertThat(s.timeToFirstAudio()).isPresent();
            assertThat(((HttpBodySynthesisStream) s).requestId()).hasValueSatisfying(id -> assertThat(id).isNotBlank());
            s.completion().get();
        }
    }

    @Test
    void truncatedAudioIsARetryableError() {
        fake.willFail(new ElevenLabsFake.Trouble.TruncatedAudio());
        DebabelizerException e = catchThrowableOfType(DebabelizerException.class,
                () -> tts().synthesize(SynthesisRequest.builder(TEXT).build()));
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.provider()).contains("elevenlabs");

        fake.willFail(new ElevenLabsFake.Trouble.TruncatedAudio());
        DebabelizerException streamed = catchThrowableOfType(DebabelizerException.class, () -> {
            try (SynthesisStream s = tts().synthesizeStream(SynthesisRequest.builder(TEXT).build())) {
                drain(s);
            }
        });
        assertThat(streamed.isRetryable()).isTrue();
    }

    @Test
    void aStreamedBodyThatStopsArrivingTimesOut() {
        fake.http().failNext(1, FakeResponse.streamed(200, "audio/mpeg", body -> {
            body.write(new byte[] {(byte) 0xFF, (byte) 0xFB, 0, 0});
            body.pause(Duration.ofSeconds(60));
        }));
        ProviderTimeoutException e = catchThrowableOfType(ProviderTimeoutException.class, () -> {
            try (SynthesisStream s = tts(Map.of(), Duration.ofSeconds(1)).synthesizeStream(
                    SynthesisRequest.builder(TEXT).build())) {
                drain(s);
            }
        });
        assertThat(e).hasMessageContaining("no audio");
    }

    @Test
    void theKitsDroppedConnectionFailsAWholeSynthesis() {
        fake.willFail(Fault.dropConnection(0));
        DebabelizerException e = catchThrowableOfType(DebabelizerException.class,
                () -> tts().synthesize(SynthesisRequest.builder(TEXT).build()));
        assertThat(e.isRetryable()).isTrue();
    }
}
