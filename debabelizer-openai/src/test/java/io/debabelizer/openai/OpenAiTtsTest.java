package io.debabelizer.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.testkit.Fault;
import io.debabelizer.testkit.HttpClients;
import io.debabelizer.testkit.fake.Json;
import io.debabelizer.tts.AudioChunk;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.Voice;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** {@code /audio/speech}: request bodies, formats, streaming as it arrives, faults, and the voice list. */
@Timeout(60)
class OpenAiTtsTest {

    private HttpClient client;
    private OpenAiFake fake;
    private OpenAiTtsProvider provider;

    @BeforeEach
    void start() {
        client = HttpClient.newHttpClient();
        fake = OpenAiFake.start(OpenAiTestSupport.KEY);
        provider = OpenAiTestSupport.tts(fake, client, Duration.ofSeconds(15));
    }

    @AfterEach
    void stop() throws InterruptedException {
        provider.close();
        fake.close();
        HttpClients.closeOrFail(client);
        assertThat(fake.http().handlerErrors()).isEmpty();
    }

    @Test
    void theBodyCarriesModelInputVoiceFormatSpeedAndInstructions() {
        Synthesis s = provider.synthesize(SynthesisRequest.builder("Hello there.").voice("coral").speed(1.25)
                .outputFormat(AudioFormat.pcm16(24_000, 1)).providerOption("instructions", "Speak cheerfully.")
                .build());
        JsonNode body = fake.speechBodies().getLast();
        assertThat(Json.write(body)).isEqualTo("{\"model\":\"gpt-4o-mini-tts\",\"input\":\"Hello there.\","
                + "\"voice\":\"coral\",\"response_format\":\"pcm\",\"speed\":1.25,"
                + "\"instructions\":\"Speak cheerfully.\"}");
        assertThat(fake.http().lastRequest().path()).isEqualTo("/v1/audio/speech");
        assertThat(fake.http().lastRequest().header("Content-Type")).contains("application/json");
        assertThat(s.format()).isEqualTo(AudioFormat.pcm16(24_000, 1));
        assertThat(s.durationSeconds()).isEqualTo(0.5);
        assertThat(s.requestId()).startsWith("req_");
        assertThat(s.voice()).isEqualTo("coral");
        assertThat(s.model()).isEqualTo("gpt-4o-mini-tts");
        assertThat(s.characters()).isEqualTo(12);
    }

    @Test
    void everyFormatMapsToItsResponseFormat() {
        Map<AudioFormat, String> formats = Map.of(
                AudioFormat.wav16(24_000, 1), "wav",
                AudioFormat.pcm16(24_000, 1), "pcm",
                AudioFormat.of(Container.MP3, Encoding.MP3), "mp3",
                AudioFormat.of(Container.OGG, Encoding.OPUS), "opus",
                AudioFormat.of(Container.ADTS, Encoding.AAC), "aac",
                AudioFormat.of(Container.FLAC, Encoding.FLAC), "flac");
        formats.forEach((format, wire) -> {
            Synthesis s = provider.synthesize(SynthesisRequest.builder("Hi.").outputFormat(format).build());
            assertThat(fake.speechBodies().getLast().path("response_format").asString()).as(wire).isEqualTo(wire);
            assertThat(s.format().container()).isEqualTo(format.container());
            assertThat(s.format().sampleRate()).isEqualTo(24_000);
        });
        provider.synthesize(SynthesisRequest.builder("Hi.").build());
        assertThat(fake.speechBodies().getLast().path("response_format").asString()).isEqualTo("mp3");
        assertThatThrownBy(() -> provider.synthesize(SynthesisRequest.builder("Hi.")
                .outputFormat(AudioFormat.wav16(16_000, 1)).build())).isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("24000 Hz");
    }

    @Test
    void allBuiltInVoicesAndCustomVoiceIds() {
        for (Voice v : provider.voices()) {
            provider.synthesize(SynthesisRequest.builder("Hi.").voice(v.id()).build());
            assertThat(fake.speechBodies().getLast().path("voice").asString()).isEqualTo(v.id());
        }
        provider.synthesize(SynthesisRequest.builder("Hi.").voice("voice_1234").build());
        assertThat(Json.write(fake.speechBodies().getLast().path("voice"))).isEqualTo("{\"id\":\"voice_1234\"}");
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void tts1RefusesInstructionsAndTheNewerVoicesBeforeSending() {
        assertThatThrownBy(() -> provider.synthesize(SynthesisRequest.builder("Hi.").model("tts-1")
                .providerOption("instructions", "whisper").build())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("instructions");
        assertThatThrownBy(() -> provider.synthesize(SynthesisRequest.builder("Hi.").model("tts-1-hd")
                .voice("marin").build())).isInstanceOf(InvalidInputException.class).hasMessageContaining("marin");
        assertThatThrownBy(() -> provider.synthesize(SynthesisRequest.builder("x".repeat(4097)).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("4096");
        assertThatThrownBy(() -> provider.synthesize(SynthesisRequest.builder("Hi.").speed(5).build()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> provider.synthesize(SynthesisRequest.ssml("<speak>Hi</speak>").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("SSML");
        assertThat(fake.http().requestCount()).isZero();
        Synthesis s = provider.synthesize(SynthesisRequest.builder("Hi.").model("tts-1").voice("onyx").build());
        assertThat(s.model()).isEqualTo("tts-1");
    }

    @Test
    void theStreamDeliversAudioAsItArrivesWithTimeToFirstAudio() throws Exception {
        try (SynthesisStream s = provider.synthesizeStream(SynthesisRequest.builder("Streaming now.")
                .outputFormat(AudioFormat.wav16(24_000, 1)).build())) {
            int chunks = 0;
            int bytes = 0;
            AudioChunk c;
            do {
                c = s.nextChunk();
                if (c.data().length > 0) {
                    chunks++;
                    bytes += c.data().length;
                }
            } while (!c.last());
            assertThat(chunks).as("the fake sends five pieces with pauses between them").isGreaterThanOrEqualTo(5);
            assertThat(bytes).isEqualTo(OpenAiFake.speechAudio("wav").length);
            assertThat(s.timeToFirstAudio()).isPresent();
        }
    }

    @Test
    void timeToFirstAudioCountsTheWaitForTheResponseHeaders() throws Exception {
        fake.http().failNext(1, io.debabelizer.testkit.fake.FakeResponse.bytes(200, "application/octet-stream",
                OpenAiFake.speechAudio("pcm")).withDelay(java.time.Duration.ofMillis(300)));
        try (SynthesisStream s = provider.synthesizeStream(SynthesisRequest.builder("Hi.")
                .outputFormat(AudioFormat.pcm16(24_000, 1)).build())) {
            while (!s.nextChunk().last()) {
                // drain
            }
            assertThat(s.timeToFirstAudio()).hasValueSatisfying(
                    d -> assertThat(d).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(300)));
        }
    }

    @Test
    void truncatedAudioIsARetryableError() {
        fake.willFail(OpenAiFake.ExtraFault.TRUNCATED_AUDIO);
        DebabelizerException e = catchThrowableOfType(DebabelizerException.class,
                () -> provider.synthesize(SynthesisRequest.builder("Hi.").build()));
        assertThat(e).isNotNull();
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.provider()).contains("openai");
    }

    @Test
    void audioThatStopsComingTimesOut() throws Exception {
        try (OpenAiTtsProvider quick = OpenAiTestSupport.tts(fake, client, Duration.ofSeconds(1))) {
            fake.willFail(OpenAiFake.ExtraFault.STALLED_AUDIO);
            SynthesisStream s = quick.synthesizeStream(SynthesisRequest.builder("Hi.").build());
            assertThat(s.nextChunk().data()).hasSize(1024);
            assertThatThrownBy(() -> {
                while (!s.nextChunk().last()) {
                    // read until the watchdog fires
                }
            }).isInstanceOf(ProviderTimeoutException.class);
        }
    }

    @Test
    void errorsCarryTheRequestId() {
        fake.willFail(Fault.unauthorized());
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> provider.synthesizeStream(SynthesisRequest.builder("Hi.").build()));
        assertThat(e.requestId()).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        assertThat(e.getMessage()).contains("invalid_api_key");
    }

    @Test
    void voicesAreTheDocumentedSet() {
        List<Voice> voices = provider.voices();
        assertThat(voices).extracting(Voice::id).containsExactly("alloy", "ash", "ballad", "coral", "echo", "fable",
                "onyx", "nova", "sage", "shimmer", "verse", "marin", "cedar");
        assertThat(voices).filteredOn(v -> v.attributes().get("models").contains("tts-1")).hasSize(9);
        assertThat(fake.http().requestCount()).isZero();
    }

    @Test
    void worksUnderAPathPrefix() {
        try (OpenAiFake prefixed = OpenAiFake.start(OpenAiTestSupport.KEY, "/compat/v1");
             OpenAiTtsProvider p = OpenAiTestSupport.tts(prefixed, client, Duration.ofSeconds(15))) {
            assertThat(p.synthesize(SynthesisRequest.builder("Hi.").build()).sizeBytes()).isPositive();
            assertThat(prefixed.http().lastRequest().path()).isEqualTo("/compat/v1/audio/speech");
        }
    }
}
