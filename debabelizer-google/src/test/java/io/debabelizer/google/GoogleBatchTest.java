package io.debabelizer.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.AuthenticationException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.G711;
import io.debabelizer.audio.Wav;
import io.debabelizer.config.Secret;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.fake.FakeResponse;
import io.debabelizer.testkit.fake.Json;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Batch recognition over REST: the RecognitionConfig sent, the response mapped, long-running operations, errors. */
class GoogleBatchTest {

    private static final String KEY = "batch-test-key-8d2f";

    private final TestAudio.Wav jfk = TestAudio.speech("jfk.wav");
    private GoogleFake fake;
    private HttpClient http;
    private GoogleSttProvider provider;

    @BeforeEach
    void start() {
        fake = GoogleFake.start(KEY);
        fake.willTranscribe(ScriptedTranscript.jfk().text(), ScriptedTranscript.jfk().words());
        http = HttpClient.newHttpClient();
        provider = GoogleTestSupport.stt(fake, new ProviderSettings(Secret.of(KEY), Duration.ofSeconds(10),
                Duration.ofSeconds(10), http), Map.of("model", "latest_long"));
    }

    @AfterEach
    void stop() {
        provider.close();
        fake.close();
        http.close();
    }

    private JsonNode lastConfig() {
        return Json.parse(fake.http().lastRequest().body()).path("config");
    }

    @Test
    void sendsTheRecognitionConfigAndAudioWithTheKeyHeader() {
        provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).language("en-US").diarize(true)
                .providerOption("alternative_languages", List.of("de-DE", "fr-FR"))
                .providerOption("profanity_filter", "true").providerOption("min_speakers", 2)
                .providerOption("max_speakers", "3").build());

        RecordedRequest r = fake.http().lastRequest();
        assertThat(r.path()).isEqualTo("/v1/speech:recognize");
        assertThat(r.header("X-Goog-Api-Key")).contains(KEY);
        assertThat(r.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = Json.parse(r.body());
        assertThat(Base64.getDecoder().decode(body.path("audio").path("content").asString()))
                .isEqualTo(jfk.fileBytes());
        JsonNode c = body.path("config");
        assertThat(c.path("encoding").asString()).isEqualTo("LINEAR16");
        assertThat(c.path("sampleRateHertz").asInt()).isEqualTo(16000);
        assertThat(c.path("languageCode").asString()).isEqualTo("en-US");
        assertThat(c.path("alternativeLanguageCodes")).extracting(JsonNode::asString).containsExactly("de-DE", "fr-FR");
        assertThat(c.path("model").asString()).isEqualTo("latest_long");
        assertThat(c.path("enableAutomaticPunctuation").asBoolean()).isTrue();
        assertThat(c.path("enableWordTimeOffsets").asBoolean()).isTrue();
        assertThat(c.path("profanityFilter").asBoolean()).isTrue();
        assertThat(c.path("diarizationConfig").path("enableSpeakerDiarization").asBoolean()).isTrue();
        assertThat(c.path("diarizationConfig").path("minSpeakerCount").asInt()).isEqualTo(2);
        assertThat(c.path("diarizationConfig").path("maxSpeakerCount").asInt()).isEqualTo(3);
    }

    @Test
    void mapsResultsDurationsLanguageRequestIdAndBilledTime() {
        Transcript t = provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).language("en-US")
                .diarize(true).build());
        assertThat(t.text()).isEqualTo(ScriptedTranscript.jfk().text());
        assertThat(t.language()).isEqualTo("en-US"); // Google answers "en-us"
        assertThat(t.requestId()).isEqualTo(GoogleFake.REQUEST_ID);
        assertThat(t.usage().audioSeconds()).isEqualTo(11.0);
        assertThat(t.confidence()).isEqualTo(0.98267895, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.model()).isEqualTo("latest_long");
        assertThat(t.words()).extracting(Word::punctuated)
                .containsExactlyElementsOf(ScriptedTranscript.jfk().words().stream().map(Word::punctuated).toList());
        assertThat(t.words().get(4)).satisfies(w -> {
            assertThat(w.word()).isEqualTo("Americans");
            assertThat(w.start()).isEqualTo(1.8);
            assertThat(w.end()).isEqualTo(2.7);
            assertThat(w.speaker()).isEqualTo("1");
        });
    }

    @Test
    void durationsFollowTheProtobufJsonMapping() {
        assertThat(GoogleJson.seconds(Json.parse("{\"d\":\"1.500s\"}").get("d"), -1)).isEqualTo(1.5);
        assertThat(GoogleJson.seconds(Json.parse("{\"d\":\"0s\"}").get("d"), -1)).isEqualTo(0);
        assertThat(GoogleJson.seconds(Json.parse("{\"d\":\"3.100000001s\"}").get("d"), -1)).isEqualTo(3.100000001);
        assertThat(GoogleJson.seconds(null, -1)).isEqualTo(-1);
        assertThatThrownBy(() -> GoogleJson.seconds(Json.parse("{\"d\":\"1.5\"}").get("d"), 0))
                .isInstanceOf(io.debabelizer.ProtocolException.class);
    }

    @Test
    void longAudioGoesThroughALongRunningOperationPolledUntilDone() {
        byte[] minute = new byte[61 * 32000];
        System.arraycopy(jfk.pcm(), 0, minute, 0, jfk.pcm().length);
        Transcript t = provider.transcribe(TranscriptionRequest.builder(AudioData.of(AudioFormat.pcm16(16000, 1),
                minute)).language("en-US").build());

        assertThat(t.text()).isEqualTo(ScriptedTranscript.jfk().text());
        assertThat(t.requestId()).isEqualTo(GoogleFake.REQUEST_ID);
        assertThat(fake.http().requests()).extracting(RecordedRequest::path).containsExactly(
                "/v1/speech:longrunningrecognize", "/v1/operations/op-0", "/v1/operations/op-0");
        assertThat(fake.operationBodies().getFirst().path("config").path("encoding").asString()).isEqualTo("LINEAR16");
    }

    @Test
    void aFailedOperationIsATypedError() {
        fake.failOperations(3, "Invalid recognition 'config': bad encoding..");
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> provider.transcribe(
                TranscriptionRequest.builder(jfk.asWavAudio()).providerOption("long_running", true).build()));
        assertThat(e).hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("bad encoding");
        assertThat(e.requestId()).contains("op-0");
    }

    @Test
    void aSyncTooLongAnswerFallsBackToLongRunning() {
        fake.http().failNext(1, GoogleFake.error(400, "INVALID_ARGUMENT", "Sync input too long. For audio longer "
                + "than 1 min use LongRunningRecognize with a 'uri' parameter."));
        Transcript t = provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).build());
        assertThat(t.text()).isEqualTo(ScriptedTranscript.jfk().text());
        assertThat(fake.http().requests().get(1).path()).isEqualTo("/v1/speech:longrunningrecognize");
    }

    @Test
    void inputGoogleCannotDecodeIsConvertedToLinear16() {
        short[] samples = new short[jfk.pcm().length / 2];
        java.nio.ByteBuffer.wrap(jfk.pcm()).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        byte[] alawWav = Wav.write(AudioFormat.alaw(16000).withContainer(Container.WAV), G711.encodeAlaw(samples));
        provider.transcribe(TranscriptionRequest.builder(AudioData.of(alawWav)).build());

        JsonNode body = Json.parse(fake.http().lastRequest().body());
        assertThat(body.path("config").path("encoding").asString()).isEqualTo("LINEAR16");
        assertThat(body.path("config").path("sampleRateHertz").asInt()).isEqualTo(16000);
        assertThat(body.path("config").path("languageCode").asString()).isEqualTo("en-US"); // the default
        assertThat(Base64.getDecoder().decode(body.path("audio").path("content").asString()))
                .hasSize(samples.length * 2);
    }

    @Test
    void muLawIsSentAsItIs() {
        short[] samples = new short[1600];
        byte[] mulaw = G711.encodeMulaw(samples);
        provider.transcribe(TranscriptionRequest.builder(AudioData.of(AudioFormat.mulaw(8000), mulaw)).build());
        assertThat(lastConfig().path("encoding").asString()).isEqualTo("MULAW");
        assertThat(lastConfig().path("sampleRateHertz").asInt()).isEqualTo(8000);
    }

    @Test
    void anInvalidApiKeyIsAnAuthenticationError() {
        fake.http().failNext(1, FakeResponse.json(400, """
                {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.",
                "status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo",
                "reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"speech.googleapis.com"}}]}}
                """));
        assertThatThrownBy(() -> provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).build()))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("API_KEY_INVALID")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void quotaErrorsCarryRetryInfoAsRetryAfter() {
        fake.http().failNext(1, FakeResponse.json(429, """
                {"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED",
                "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"41.500s"}]}}"""));
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                () -> provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).build()));
        assertThat(e.retryAfter()).contains(Duration.ofMillis(41_500));
        assertThat(e).hasMessageContaining("RESOURCE_EXHAUSTED: Quota exceeded.");
    }
}
