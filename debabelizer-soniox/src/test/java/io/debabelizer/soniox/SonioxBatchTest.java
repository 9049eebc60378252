package io.debabelizer.soniox;

import io.debabelizer.DebabelizerException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.HttpClients;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.fake.FakeResponse;
import io.debabelizer.testkit.fake.MultipartForm;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** The async REST flow against {@link SonioxFake}: upload, create, poll with backoff, fetch, clean up. */
@Timeout(60)
class SonioxBatchTest {

    private static final String KEY = ProviderSettings.KIT_API_KEY;
    private static final ScriptedTranscript JFK = ScriptedTranscript.jfk();

    private SonioxFake fake;
    private HttpClient client;
    private final TestAudio.Wav jfk = TestAudio.speech("jfk.wav");
    /** A clock that moves only when the provider pauses between polls. */
    private final MutableClock clock = new MutableClock();
    private final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void start() {
        fake = SonioxFake.start(KEY);
        fake.willTranscribe(JFK.text(), JFK.words());
        client = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() throws InterruptedException {
        fake.close();
        HttpClients.closeOrFail(client);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private SonioxSttProvider provider(Map<String, String> extra, Duration firstPoll) {
        Map<String, String> values = new HashMap<>(Map.of("api_key", KEY, "base_url", fake.restUri().toString(),
                "ws_url", fake.wsUri().toString()));
        values.putAll(extra);
        SonioxSettings settings = SonioxSettings.from(new ProviderSettings.MapProviderConfig("soniox", values),
                Duration.ofSeconds(15));
        Polling polling = new Polling(firstPoll, SonioxSettings.MAX_POLL_INTERVAL, clock, d -> {
            pauses.add(d);
            clock.now = clock.now.plus(d);
        });
        return new SonioxSttProvider(settings, client, Duration.ofSeconds(15), Duration.ofSeconds(15), polling);
    }

    private SonioxSttProvider provider() {
        return provider(Map.of(), Duration.ofMillis(250));
    }

    private TranscriptionRequest.Builder jfkRequest() {
        return TranscriptionRequest.builder(jfk.asWavAudio()).language("en-US");
    }

    private List<String> calls() {
        return fake.http().requests().stream().map(r -> r.method() + " " + r.path().replaceAll(
                "[0-9a-f]{8}-[0-9a-f-]{27}", "{id}")).toList();
    }

    @Test
    void uploadsCreatesPollsFetchesAndCleansUp() {
        fake.pollsUntilComplete(3);
        Transcript t = provider().transcribe(jfkRequest().diarize(true).build());

        assertThat(calls()).containsExactly("POST /v1/files", "POST /v1/transcriptions", "GET /v1/transcriptions/{id}",
                "GET /v1/transcriptions/{id}", "GET /v1/transcriptions/{id}", "GET /v1/transcriptions/{id}/transcript",
                "DELETE /v1/transcriptions/{id}", "DELETE /v1/files/{id}");
        assertThat(fake.http().requests()).allSatisfy(r ->
                assertThat(r.header("Authorization")).contains("Bearer " + KEY));
        RecordedRequest upload = fake.http().requests().getFirst();
        List<MultipartForm.Part> parts = MultipartForm.parse(upload.header("Content-Type").orElseThrow(),
                upload.body());
        assertThat(parts).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("file");
            assertThat(p.filename()).isEqualTo("audio.wav");
            assertThat(p.contentType()).isEqualTo("audio/wav");
            assertThat(p.content()).isEqualTo(jfk.fileBytes());
        });
        JsonNode create = fake.createRequests().getFirst();
        assertThat(create.path("model").asString()).isEqualTo("stt-async-v5");
        assertThat(create.path("language_hints").toString()).isEqualTo("[\"en\"]");
        assertThat(create.path("enable_speaker_diarization").asBoolean()).isTrue();
        assertThat(create.has("file_id")).isTrue();

        assertThat(t.text()).isEqualTo(JFK.text());
        assertThat(t.words()).extracting(Word::punctuated).containsExactlyElementsOf(
                JFK.words().stream().map(Word::punctuated).toList());
        assertThat(t.words()).allSatisfy(w -> assertThat(w.speaker()).isEqualTo("1"));
        assertThat(t.words().get(4).word()).isEqualTo("Americans");
        assertThat(t.durationSeconds()).isCloseTo(jfk.durationSeconds(), org.assertj.core.data.Offset.offset(0.001));
        assertThat(t.usage().audioSeconds()).isEqualTo(t.durationSeconds());
        assertThat(t.model()).isEqualTo("stt-async-v5");
        assertThat(t.requestId()).isEqualTo(fake.deletedTranscriptions().getFirst());
        assertThat(t.language()).as("the requested language, none identified").isEqualTo("en-US");
        assertThat(t.confidence()).isBetween(0.0, 1.0);
        assertThat(fake.storedFiles()).isEmpty();
        assertThat(fake.storedTranscriptions()).isEmpty();
    }

    @Test
    void pollingBacksOffExponentiallyUpToTheCap() {
        fake.pollsUntilComplete(7);
        provider(Map.of("max_wait", "60s"), Duration.ofMillis(400)).transcribe(jfkRequest().build());
        assertThat(pauses).containsExactly(Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600),
                Duration.ofMillis(3200), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void aTranscriptionThatNeverCompletesTimesOutAndIsCleanedUpAsFarAsSonioxAllows() {
        fake.pollsUntilComplete(Integer.MAX_VALUE);
        SonioxSttProvider p = provider(Map.of("max_wait", "20s"), Duration.ofMillis(250));
        ProviderTimeoutException e = catchThrowableOfType(ProviderTimeoutException.class,
                () -> p.transcribe(jfkRequest().build()));
        assertThat(e).isNotNull().hasMessageContaining("max_wait");
        assertThat(pauses.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(Duration.ofSeconds(20));
        // Soniox refuses to delete a transcription still processing (409); the file is deleted all the same.
        assertThat(calls()).endsWith("DELETE /v1/transcriptions/{id}", "DELETE /v1/files/{id}");
        assertThat(fake.storedFiles()).isEmpty();
        assertThat(fake.deletedTranscriptions()).isEmpty();
    }

    @Test
    void aFailedTranscriptionIsATypedErrorAndIsCleanedUp() {
        fake.transcriptionsFail("audio_decode_error", "Could not decode the audio.");
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> provider().transcribe(jfkRequest().build()));
        assertThat(e).hasMessageContaining("audio_decode_error").hasMessageContaining("Could not decode");
        assertThat(fake.storedFiles()).isEmpty();
        assertThat(fake.storedTranscriptions()).isEmpty();
    }

    @Test
    void failuresAtEachStepAreTypedAndLeaveNothingBehind() {
        fake.failStep(SonioxFake.Step.CREATE, SonioxFake.restError(429, "limit_exceeded", "Too many transcriptions.")
                .withHeader("Retry-After", "4"));
        RateLimitedException limited = catchThrowableOfType(RateLimitedException.class,
                () -> provider().transcribe(jfkRequest().build()));
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(4));
        assertThat(fake.storedFiles()).as("the uploaded file is deleted").isEmpty();

        fake.failStep(SonioxFake.Step.STATUS, SonioxFake.restError(503, "internal_error", "Overloaded."));
        assertThat(catchThrowableOfType(ProviderUnavailableException.class,
                () -> provider().transcribe(jfkRequest().build()))).isNotNull();
        assertThat(fake.storedFiles()).isEmpty();
        // Still queued: Soniox refuses its deletion (409), which is logged with the id.
        assertThat(fake.storedTranscriptions()).hasSize(1);
        var stillQueued = fake.storedTranscriptions();

        fake.failStep(SonioxFake.Step.TRANSCRIPT, FakeResponse.malformedJson());
        assertThat(catchThrowableOfType(io.debabelizer.ProtocolException.class,
                () -> provider().transcribe(jfkRequest().build()))).isNotNull();
        assertThat(fake.storedFiles()).isEmpty();
        assertThat(fake.storedTranscriptions()).isEqualTo(stillQueued);

        // A failing clean-up is logged, not thrown: the transcript still comes back.
        fake.failStep(SonioxFake.Step.DELETE_FILE, SonioxFake.restError(500, "internal_error", "Oops."));
        assertThat(provider().transcribe(jfkRequest().build()).text()).isEqualTo(JFK.text());
        assertThat(fake.storedFiles()).hasSize(1);
    }

    @Test
    void keepFilesOptsOutOfTheCleanUp() {
        provider().transcribe(jfkRequest().providerOption("keep_files", true).build());
        assertThat(fake.storedFiles()).hasSize(1);
        assertThat(fake.storedTranscriptions()).hasSize(1);
        provider(Map.of("keep_files", "true"), Duration.ofMillis(250)).transcribe(jfkRequest().build());
        assertThat(calls()).noneMatch(c -> c.startsWith("DELETE"));
        assertThat(fake.storedFiles()).hasSize(2);
        // ... and a request may opt back in.
        provider(Map.of("keep_files", "true"), Duration.ofMillis(250))
                .transcribe(jfkRequest().providerOption("keep_files", "false").build());
        assertThat(fake.storedFiles()).hasSize(2);
        assertThatBadOption();
    }

    private void assertThatBadOption() {
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> provider().transcribe(jfkRequest().providerOption("keep_files", "maybe").build()))).isNotNull();
    }

    @Test
    void rawPcmIsUploadedAsWavAndLanguagesAreNormalisedOrIdentified() {
        fake.language("pt");
        Transcript t = provider().transcribe(TranscriptionRequest.builder(
                AudioData.of(AudioFormat.pcm16(16000, 1), jfk.pcm())).build());
        JsonNode create = fake.createRequests().getFirst();
        assertThat(create.path("enable_language_identification").asBoolean()).isTrue();
        assertThat(create.has("language_hints")).isFalse();
        assertThat(t.language()).isEqualTo("pt");
        TestAudio.Wav uploaded = TestAudio.parseWav(fake.receivedAudioBytes());
        assertThat(uploaded.pcm()).isEqualTo(jfk.pcm());
        assertThat(uploaded.pcmFormat().sampleRate()).isEqualTo(16000);

        provider().transcribe(jfkRequest().language("pt-BR").providerOption("context", Map.of("text", "a speech"))
                .build());
        JsonNode second = fake.createRequests().getLast();
        assertThat(second.path("language_hints").toString()).isEqualTo("[\"pt\"]");
        assertThat(second.path("context").path("text").asString()).isEqualTo("a speech");
    }

    @Test
    void theRestBaseUrlIsHonoured() {
        SonioxSttProvider elsewhere = provider(Map.of("base_url", fake.restUri() + "/"), Duration.ofMillis(250));
        assertThat(elsewhere.transcribe(jfkRequest().build()).text()).isEqualTo(JFK.text());
        SonioxSttProvider wrongPrefix = provider(Map.of("base_url", fake.restUri() + "/proxy"),
                Duration.ofMillis(250));
        DebabelizerException e = catchThrowableOfType(DebabelizerException.class,
                () -> wrongPrefix.transcribe(jfkRequest().build()));
        assertThat(e).isInstanceOf(InvalidInputException.class).hasMessageContaining("404");
        assertThat(fake.http().lastRequest().path()).isEqualTo("/proxy/v1/files");
    }

    @Test
    void emptyAudioIsRejectedBeforeAnyRequest() {
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> provider().transcribe(
                TranscriptionRequest.builder(AudioData.of(AudioFormat.wav16(16000, 1), new byte[0])).build())))
                .isNotNull();
        assertThat(fake.http().requests()).isEmpty();
    }
}
