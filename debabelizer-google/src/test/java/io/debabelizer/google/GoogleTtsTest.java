package io.debabelizer.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.config.Secret;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.fake.Json;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.tts.AudioChunk;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.Voice;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** text:synthesize request fields and output formats, sentence-by-sentence streaming, the voice list. */
class GoogleTtsTest {

    private static final String KEY = "tts-test-key-55ab";

    private GoogleFake fake;
    private HttpClient http;

    @BeforeEach
    void start() {
        fake = GoogleFake.start(KEY);
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        fake.close();
        http.close();
    }

    private GoogleTtsProvider provider(Map<String, String> extra) {
        return GoogleTestSupport.tts(fake, new ProviderSettings(Secret.of(KEY), Duration.ofSeconds(10),
                Duration.ofSeconds(10), http), extra);
    }

    private JsonNode lastBody() {
        return Json.parse(fake.http().lastRequest().body());
    }

    @Test
    void sendsTextVoiceAndAudioConfig() {
        try (GoogleTtsProvider p = provider(Map.of())) {
            Synthesis s = p.synthesize(SynthesisRequest.builder("Hello world").voice("en-GB-Neural2-A").speed(1.25)
                    .pitch(-2).volumeGainDb(3).outputFormat(AudioFormat.wav16(16000, 1))
                    .providerOption("gender", "female")
                    .providerOption("effects_profile", "telephony-class-application").build());
            assertThat(s.format()).isEqualTo(AudioFormat.wav16(16000, 1));
            assertThat(s.durationSeconds()).isEqualTo(0.25, org.assertj.core.data.Offset.offset(0.01));
        }
        RecordedRequest r = fake.http().lastRequest();
        assertThat(r.path()).isEqualTo("/v1/text:synthesize");
        assertThat(r.header("X-Goog-Api-Key")).contains(KEY);
        JsonNode body = lastBody();
        assertThat(body.path("input").path("text").asString()).isEqualTo("Hello world");
        assertThat(body.path("voice").path("languageCode").asString()).isEqualTo("en-GB");
        assertThat(body.path("voice").path("name").asString()).isEqualTo("en-GB-Neural2-A");
        assertThat(body.path("voice").path("ssmlGender").asString()).isEqualTo("FEMALE");
        JsonNode audio = body.path("audioConfig");
        assertThat(audio.path("audioEncoding").asString()).isEqualTo("LINEAR16");
        assertThat(audio.path("sampleRateHertz").asInt()).isEqualTo(16000);
        assertThat(audio.path("speakingRate").asDouble()).isEqualTo(1.25);
        assertThat(audio.path("pitch").asDouble()).isEqualTo(-2);
        assertThat(audio.path("volumeGainDb").asDouble()).isEqualTo(3);
        assertThat(audio.path("effectsProfileId")).extracting(JsonNode::asString)
                .containsExactly("telephony-class-application");
    }

    @Test
    void ssmlIsSentAsSsml() {
        try (GoogleTtsProvider p = provider(Map.of())) {
            p.synthesize(SynthesisRequest.builder("<speak>Hi <break time=\"200ms\"/> there</speak>").build());
            assertThat(lastBody().path("input").path("ssml").asString()).startsWith("<speak>");
            p.synthesize(SynthesisRequest.ssml("<speak>Explicit</speak>").build());
            assertThat(lastBody().path("input").has("ssml")).isTrue();
            p.synthesize(SynthesisRequest.builder("Plain").language("de-DE").build());
            assertThat(lastBody().path("input").path("text").asString()).isEqualTo("Plain");
            assertThat(lastBody().path("voice").path("languageCode").asString()).isEqualTo("de-DE");
        }
    }

    @Test
    void mapsOutputFormatsToAudioEncodings() {
        try (GoogleTtsProvider p = provider(Map.of())) {
            assertThat(encodingFor(p, AudioFormat.pcm16(22050, 1))).isEqualTo("PCM");
            assertThat(encodingFor(p, AudioFormat.of(Container.MP3, Encoding.MP3))).isEqualTo("MP3");
            assertThat(encodingFor(p, AudioFormat.of(Container.OGG, Encoding.OPUS))).isEqualTo("OGG_OPUS");
            Synthesis ulaw = p.synthesize(SynthesisRequest.builder("x").outputFormat(AudioFormat.mulaw(8000)).build());
            assertThat(lastBody().path("audioConfig").path("audioEncoding").asString()).isEqualTo("MULAW");
            assertThat(ulaw.format()).isEqualTo(AudioFormat.mulaw(8000));
            assertThat(ulaw.sizeBytes()).as("raw µ-law: Google's WAV header removed").isEqualTo(2000);
            Synthesis alawWav = p.synthesize(SynthesisRequest.builder("x")
                    .outputFormat(AudioFormat.alaw(8000).withContainer(Container.WAV)).build());
            assertThat(lastBody().path("audioConfig").path("audioEncoding").asString()).isEqualTo("ALAW");
            assertThat(alawWav.format().container()).isEqualTo(Container.WAV);
            assertThat(alawWav.format().encoding()).isEqualTo(Encoding.ALAW);
            assertThatThrownBy(() -> p.synthesize(SynthesisRequest.builder("x")
                    .outputFormat(AudioFormat.of(Container.FLAC, Encoding.FLAC)).build()))
                    .isInstanceOf(UnsupportedFormatException.class);
        }
    }

    private String encodingFor(GoogleTtsProvider p, AudioFormat f) {
        p.synthesize(SynthesisRequest.builder("x").outputFormat(f).build());
        return lastBody().path("audioConfig").path("audioEncoding").asString();
    }

    @Test
    void streamingSynthesizesSentenceBySentenceFirstSentenceFirst() throws Exception {
        try (GoogleTtsProvider p = provider(Map.of());
             SynthesisStream s = p.synthesizeStream(SynthesisRequest.builder("First one. Second one! Third?")
                     .outputFormat(AudioFormat.wav16(16000, 1)).build())) {
            ByteArrayOutputStream audio = new ByteArrayOutputStream();
            AudioChunk c;
            do {
                c = s.nextChunk();
                audio.writeBytes(c.data());
            } while (!c.last());
            assertThat(fake.receivedTexts()).containsExactly("First one.", "Second one!", "Third?");
            byte[] bytes = audio.toByteArray();
            assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            assertThat(bytes.length).as("one header, then three sentences of samples").isEqualTo(44 + 3 * 8000);
        }
    }

    @Test
    void listsVoicesWithLanguageFilter() {
        try (GoogleTtsProvider p = provider(Map.of("voices_language", "en-US"))) {
            List<Voice> voices = p.voices();
            assertThat(fake.http().lastRequest().queryParam("languageCode")).contains("en-US");
            assertThat(voices).extracting(Voice::id).containsExactly("en-US-Neural2-F", "en-US-Standard-B");
            assertThat(voices.getFirst()).satisfies(v -> {
                assertThat(v.gender()).isEqualTo(Voice.Gender.FEMALE);
                assertThat(v.languages()).containsExactly("en-US");
                assertThat(v.provider()).isEqualTo("google");
                assertThat(v.attributes()).containsEntry("natural_sample_rate_hertz", "24000");
            });
        }
        try (GoogleTtsProvider p = provider(Map.of())) {
            assertThat(p.voices()).hasSize(3);
            assertThat(fake.http().lastRequest().query()).isEmpty();
        }
    }
}
