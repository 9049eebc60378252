package io.debabelizer.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.fake.FakeResponse;
import io.debabelizer.testkit.fake.Json;
import io.debabelizer.testkit.fake.MultipartForm;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Short-audio REST and fast transcription against the fake service. */
class AzureBatchTest extends AzureTestSupport {

    private final TestAudio.Wav jfk = TestAudio.speech("jfk.wav");

    @BeforeEach
    void script() {
        ScriptedTranscript s = ScriptedTranscript.jfk();
        fake.willTranscribe(s.text(), s.words());
    }

    // ---- short audio ----------------------------------------------------------------------------------------

    @Test
    void shortAudioSendsDetailedRequestAndMapsNBestWithTicksAsSeconds() {
        Transcript t = stt().transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).language("en").build());

        RecordedRequest r = fake.http().lastRequest();
        assertThat(r.path()).isEqualTo("/speech/recognition/conversation/cognitiveservices/v1");
        assertThat(r.queryParam("language")).contains("en-US");
        assertThat(r.queryParam("format")).contains("detailed");
        assertThat(r.queryParam("profanity")).contains("masked");
        assertThat(r.header("Content-Type")).contains("audio/wav; codecs=audio/pcm; samplerate=16000");
        assertThat(r.header("Ocp-Apim-Subscription-Key")).contains(KEY);
        assertThat(r.body()).isEqualTo(jfk.fileBytes());
        assertThat(t.text()).isEqualTo(ScriptedTranscript.jfk().text());
        assertThat(t.words()).hasSize(22);
        Word americans = t.words().get(4);
        assertThat(americans.word()).isEqualTo("americans");
        assertThat(americans.punctuated()).isEqualTo("Americans,");
        assertThat(americans.start()).isCloseTo(1.80, Offset.offset(1e-9));
        assertThat(americans.end()).isCloseTo(2.70, Offset.offset(1e-9));
        assertThat(t.confidence()).isCloseTo(0.9052885, Offset.offset(1e-9));
        assertThat(t.language()).isEqualTo("en-US");
        assertThat(t.durationSeconds()).isCloseTo(jfk.durationSeconds(), Offset.offset(1e-6));
        assertThat(t.requestId()).isNotBlank();
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void otherInputIsConvertedTo16kMonoWav() {
        byte[] stereo44k = TestAudio.toWav(TestAudio.tone(440, 2, 44100), 44100, 1);
        stt().transcribe(TranscriptionRequest.builder(AudioData.of(stereo44k)).language("en-GB")
                .providerOption("profanity", "raw").build());
        RecordedRequest r = fake.http().lastRequest();
        TestAudio.Wav sent = TestAudio.parseWav(r.body());
        assertThat(sent.pcmFormat()).isEqualTo(AudioFormat.pcm16(16000, 1));
        assertThat(sent.durationSeconds()).isCloseTo(2.0, Offset.offset(0.01));
        assertThat(r.queryParam("language")).contains("en-GB");
        assertThat(r.queryParam("profanity")).contains("raw");
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void noMatchAndSilenceTimeoutAreAnEmptyTranscript() {
        for (String status : List.of("NoMatch", "InitialSilenceTimeout")) {
            fake.willRecognise(status);
            Transcript t = stt().transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).language("en-US").build());
            assertThat(t.text()).isEmpty();
            assertThat(t.words()).isEmpty();
        }
    }

    @Test
    void errorStatusIsATypedError() {
        fake.willRecognise("Error");
        ProviderUnavailableException e = catchThrowableOfType(ProviderUnavailableException.class, () -> stt()
                .transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).language("en-US").build()));
        assertThat(e.getMessage()).contains("Error");
        assertThat(e.requestId()).isPresent();
    }

    @Test
    void quotedTicksAreRead() {
        fake.quoteTicks(true);
        Transcript t = stt().transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).language("en-US").build());
        assertThat(t.words().getLast().end()).isCloseTo(10.5, Offset.offset(1e-9));
    }

    @Test
    void rateLimitCarriesRetryAfterAndTheGatewayRequestId() {
        fake.http().failNext(1, AzureFake.tooManyRequests(Duration.ofSeconds(4)));
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> stt()
                .transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).language("en-US").build()));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(4));
        assertThat(e.requestId()).isPresent();
        assertThat(e.getMessage()).contains("Too many requests").doesNotContain(KEY);
    }

    @Test
    void serverErrorsAreRetryable() {
        fake.http().failNext(1, FakeResponse.serverError(503));
        ProviderUnavailableException e = catchThrowableOfType(ProviderUnavailableException.class, () -> stt()
                .transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).language("en-US").build()));
        assertThat(e.isRetryable()).isTrue();
    }

    // ---- fast transcription ---------------------------------------------------------------------------------

    private MultipartForm.Part part(RecordedRequest r, String name) {
        return MultipartForm.parse(r.header("Content-Type").orElseThrow(), r.body()).stream()
                .filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void longRecordingsGoToFastTranscriptionAsMultipart() {
        Transcript t = stt(Map.of("fast_transcription_after", "5s")).transcribe(
                TranscriptionRequest.builder(jfk.asWavAudio()).language("en").diarize(true)
                        .providerOption("phrases", "Americans, country").providerOption("max_speakers", 3).build());

        RecordedRequest r = fake.http().lastRequest();
        assertThat(r.path()).isEqualTo("/speechtotext/transcriptions:transcribe");
        assertThat(r.queryParam("api-version")).contains("2024-11-15");
        assertThat(r.header("Content-Type")).hasValueSatisfying(c -> assertThat(c).startsWith("multipart/form-data"));
        MultipartForm.Part audio = part(r, "audio");
        assertThat(audio.filename()).isEqualTo("audio.wav");
        assertThat(audio.content()).isEqualTo(jfk.fileBytes());
        JsonNode definition = Json.parse(part(r, "definition").content());
        assertThat(definition.path("locales").get(0).asString()).isEqualTo("en-US");
        assertThat(definition.path("profanityFilterMode").asString()).isEqualTo("Masked");
        assertThat(definition.path("diarization").path("enabled").asBoolean()).isTrue();
        assertThat(definition.path("diarization").path("maxSpeakers").asInt()).isEqualTo(3);
        assertThat(definition.path("phraseList").path("phrases").get(1).asString()).isEqualTo("country");

        assertThat(t.text()).isEqualTo(ScriptedTranscript.jfk().text());
        assertThat(t.words()).extracting(Word::punctuated).containsExactlyElementsOf(
                ScriptedTranscript.jfk().words().stream().map(Word::punctuated).toList());
        assertThat(t.words().get(4).start()).isCloseTo(1.8, Offset.offset(1e-9));
        assertThat(t.words()).extracting(Word::speaker).contains("1", "2");
        assertThat(t.language()).isEqualTo("en-US");
        assertThat(t.durationSeconds()).isCloseTo(jfk.durationSeconds(), Offset.offset(0.001));
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void withoutALanguageCandidatesAreTheLocalesOrAzureDetectsOnItsOwn() {
        stt(Map.of("candidate_languages", "en,de-DE")).transcribe(TranscriptionRequest.builder(jfk.asWavAudio())
                .build());
        JsonNode definition = Json.parse(part(fake.http().lastRequest(), "definition").content());
        assertThat(definition.path("locales")).hasSize(2);
        assertThat(definition.path("locales").get(0).asString()).isEqualTo("en-US");

        stt().transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).providerOption("profanity", "tags").build());
        definition = Json.parse(part(fake.http().lastRequest(), "definition").content());
        assertThat(definition.has("locales")).as("omitted: open detection").isFalse();
        assertThat(definition.path("profanityFilterMode").asString()).isEqualTo("Tags");
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void theApiOptionChoosesExplicitly() {
        stt().transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).language("en-US")
                .providerOption("api", "fast").build());
        assertThat(fake.http().lastRequest().path()).isEqualTo(FastTranscription.PATH);
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> stt().transcribe(TranscriptionRequest
                .builder(jfk.asWavAudio()).providerOption("api", "short").build())))
                .as("short audio needs a language").isNotNull();
    }

    @Test
    void rawPcmIsWrappedInWavForFastTranscription() {
        stt().transcribe(TranscriptionRequest.builder(jfk.asPcmAudio()).providerOption("api", "fast")
                .language("en-US").build());
        MultipartForm.Part audio = part(fake.http().lastRequest(), "audio");
        assertThat(TestAudio.parseWav(audio.content()).pcm()).isEqualTo(jfk.pcm());
    }
}
