package io.debabelizer.deepgram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.audio.G711;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.fake.FakeResponse;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Batch transcription: request mapping, response mapping of every documented field, every error shape. */
@Timeout(60)
class DeepgramBatchTest extends DeepgramTestSupport {

    private static final ScriptedTranscript JFK = ScriptedTranscript.jfk();
    /** The recorded-response shape from the protocol notes (nova-3, smart_format, diarize). */
    private static final String RECORDED = """
            {"metadata":{"transaction_key":"deprecated","request_id":"770e7ea1-1ca5-4ec5-9d04-889b77de2f61",
             "sha256":"95dc","created":"2025-05-09T20:14:06.059Z","duration":19.097937,"channels":1,
             "models":["3b3aabe4-608a-46ac-9585-7960a25daf1a"],
             "model_info":{"3b3aabe4-608a-46ac-9585-7960a25daf1a":{"name":"general-nova-3","version":"2024-12-20.0","arch":"nova-3"}}},
             "results":{"channels":[{"detected_language":"pt-br","language_confidence":0.97,"alternatives":[{
               "transcript":"We, the people","confidence":0.9977381,
               "words":[{"word":"we","start":0.32,"end":0.79999995,"confidence":0.8624499,"punctuated_word":"We,","speaker":0,"speaker_confidence":0.71},
                        {"word":"the","start":0.79999995,"end":0.96,"confidence":0.99,"punctuated_word":"the","speaker":1},
                        {"word":"people","start":0.96,"end":1.44,"confidence":0.98}]}]}]}}
            """;

    private TestAudio.Wav jfk;

    @BeforeEach
    void script() {
        jfk = TestAudio.speech("jfk.wav");
        fake.willTranscribe(JFK.text(), JFK.words());
    }

    private RecordedRequest last() {
        return fake.http().lastRequest();
    }

    @Test
    void wavIsSentAsItIsWithTheCommonOptionsMapped() {
        Transcript t = stt().transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).language("pt_br")
                .diarize(true).providerOption("keyterms", List.of("Americans", "country"))
                .providerOption("utterances", true).providerOption("tag", "kit").build());
        RecordedRequest r = last();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/listen");
        assertThat(r.header("Authorization")).contains("Token " + KEY);
        assertThat(r.header("Content-Type")).contains("audio/wav");
        assertThat(r.body()).isEqualTo(jfk.fileBytes());
        assertThat(r.query()).containsEntry("model", List.of("nova-3")).containsEntry("language", List.of("pt-BR"))
                .containsEntry("punctuate", List.of("true")).containsEntry("smart_format", List.of("true"))
                .containsEntry("diarize", List.of("true")).containsEntry("keyterm", List.of("Americans", "country"))
                .containsEntry("utterances", List.of("true")).containsEntry("tag", List.of("kit"))
                .doesNotContainKeys("detect_language", "keyterms", "encoding");
        assertThat(t.text()).isEqualTo(JFK.text());
        assertThat(t.words()).extracting(Word::speaker).containsOnly("0");
        assertThat(t.model()).isEqualTo("general-nova-3");
        assertThat(t.requestId()).isNotBlank();
        assertThat(t.durationSeconds()).isCloseTo(jfk.durationSeconds(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(t.usage().audioSeconds()).isEqualTo(t.durationSeconds());
    }

    @Test
    void withoutALanguageDeepgramDetectsItAndReportsBcp47() {
        Transcript t = stt(Map.of("model", "nova-2-phonecall")).transcribe(
                TranscriptionRequest.builder(jfk.asWavAudio()).punctuate(false).build());
        assertThat(last().query()).containsEntry("detect_language", List.of("true"))
                .containsEntry("model", List.of("nova-2-phonecall")).containsEntry("punctuate", List.of("false"))
                .doesNotContainKey("language");
        assertThat(t.language()).isEqualTo("en");
        assertThat(t.words()).extracting(Word::punctuated).startsWith("and", "so");
    }

    @Test
    void everyDocumentedResponseFieldIsMapped() {
        fake.http().failNext(1, FakeResponse.json(200, RECORDED).withHeader("dg-request-id", "header-id"));
        Transcript t = stt().transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).build());
        assertThat(t.text()).isEqualTo("We, the people");
        assertThat(t.confidence()).isEqualTo(0.9977381);
        assertThat(t.language()).isEqualTo("pt-BR");
        assertThat(t.durationSeconds()).isEqualTo(19.097937);
        assertThat(t.requestId()).isEqualTo("770e7ea1-1ca5-4ec5-9d04-889b77de2f61");
        assertThat(t.model()).isEqualTo("general-nova-3");
        assertThat(t.provider()).isEqualTo("deepgram");
        assertThat(t.words()).containsExactly(
                new Word("we", "We,", 0.32, 0.79999995, 0.8624499, "0"),
                new Word("the", "the", 0.79999995, 0.96, 0.99, "1"),
                new Word("people", "people", 0.96, 1.44, 0.98, null));
    }

    @Test
    void theRequestIdFallsBackToTheHeader() {
        fake.http().failNext(1, FakeResponse.json(200, RECORDED.replace("\"request_id\":\"770e7ea1-1ca5-4ec5-9d04-889b77de2f61\",", ""))
                .withHeader("dg-request-id", "header-id"));
        assertThat(stt().transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).build()).requestId())
                .isEqualTo("header-id");
    }

    @Test
    void rawPcmGoesWithEncodingSampleRateAndChannels() {
        stt().transcribe(TranscriptionRequest.builder(jfk.asPcmAudio()).language("en").build());
        assertThat(last().header("Content-Type")).contains("application/octet-stream");
        assertThat(last().query()).containsEntry("encoding", List.of("linear16"))
                .containsEntry("sample_rate", List.of("16000")).containsEntry("channels", List.of("1"));
        assertThat(last().body()).isEqualTo(jfk.pcm());
    }

    @Test
    void telephonyMulawIsSentUntranscoded() {
        byte[] mulaw = G711.encodeMulaw(AudioConverter.toMonoSamples(jfk.asPcmAudio(), 8000));
        Transcript t = stt().transcribe(TranscriptionRequest.builder(AudioData.of(AudioFormat.mulaw(8000), mulaw))
                .language("en-US").build());
        assertThat(last().query()).containsEntry("encoding", List.of("mulaw"))
                .containsEntry("sample_rate", List.of("8000"));
        assertThat(last().body()).isEqualTo(mulaw);
        assertThat(t.durationSeconds()).isCloseTo(mulaw.length / 8000.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void rawAlawGetsOnlyAWavHeaderBecauseBatchHasNoAlawEncoding() {
        byte[] alaw = G711.encodeAlaw(AudioConverter.toMonoSamples(jfk.asPcmAudio(), 8000));
        stt().transcribe(TranscriptionRequest.builder(AudioData.of(AudioFormat.alaw(8000), alaw)).build());
        assertThat(last().header("Content-Type")).contains("audio/wav");
        assertThat(last().query()).doesNotContainKey("encoding");
        byte[] body = last().body();
        assertThat(java.util.Arrays.copyOfRange(body, body.length - alaw.length, body.length)).isEqualTo(alaw);
    }

    @Test
    void formatsDeepgramCannotTakeRawAreRejectedBeforeSending() {
        AudioData floats = AudioData.of(new AudioFormat(Container.RAW, Encoding.PCM_FLOAT, 16000, 1, 32),
                new byte[3200]);
        assertThat(catchThrowableOfType(UnsupportedFormatException.class,
                () -> stt().transcribe(TranscriptionRequest.builder(floats).build()))).isNotNull();
        assertThat(fake.http().requests()).isEmpty();
    }

    @Test
    void aCallbackIsRefusedBecauseResultsAreSynchronous() {
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> stt().transcribe(
                TranscriptionRequest.builder(jfk.asWavAudio()).providerOption("callback", "https://x").build())))
                .hasMessageContaining("callback");
    }

    // ---- errors ---------------------------------------------------------------------------------------------

    private DebabelizerException failWith(FakeResponse response) {
        fake.http().failNext(1, response);
        DebabelizerException e = catchThrowableOfType(DebabelizerException.class,
                () -> stt().transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).build()));
        assertThat(e).isNotNull();
        assertThat(e.provider()).contains("deepgram");
        assertThat(e.getMessage()).doesNotContain(KEY);
        return e;
    }

    @Test
    void legacyErrorBodiesKeepCodeMessageAndRequestId() {
        DebabelizerException e = failWith(FakeResponse.json(400, Map.of("err_code", "INVALID_QUERY_PARAMETER",
                "err_msg", "No such model/language/tier combination found.", "request_id", "r-1")));
        assertThat(e).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("INVALID_QUERY_PARAMETER: No such model/language/tier combination found.");
        assertThat(e.requestId()).contains("r-1");
    }

    @Test
    void modernErrorBodiesKeepCategoryMessageAndDetails() {
        DebabelizerException e = failWith(FakeResponse.json(400, Map.of("category", "INVALID_JSON", "message",
                "Invalid JSON submitted.", "details", "Json deserialize error", "request_id", "r-2")));
        assertThat(e).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("INVALID_JSON: Invalid JSON submitted. (Json deserialize error)");
        assertThat(e.requestId()).contains("r-2");
    }

    @Test
    void plainTextErrorsAreKept() {
        DebabelizerException e = failWith(FakeResponse.text(404, "failed to parse UUID")
                .withHeader("dg-request-id", "r-3"));
        assertThat(e).isInstanceOf(InvalidInputException.class).hasMessageContaining("failed to parse UUID");
        assertThat(e.requestId()).contains("r-3");
    }

    @Test
    void authenticationPaymentAndPermissionFailures() {
        assertThat(failWith(DeepgramFake.invalidAuth())).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("INVALID_AUTH");
        assertThat(failWith(DeepgramFake.paymentRequired())).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("ASR_PAYMENT_REQUIRED");
        assertThat(failWith(DeepgramFake.legacyError(403, "INSUFFICIENT_PERMISSIONS",
                "Project does not have access to the requested model."))).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void rateLimitKeepsTheRetryHint() {
        RateLimitedException e = (RateLimitedException) failWith(DeepgramFake.tooManyRequests(Duration.ofSeconds(4)));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(4));
        assertThat(e).hasMessageContaining("TOO_MANY_REQUESTS");
    }

    @Test
    void serviceUnavailableWithItsOddKeyIsRetryable() {
        DebabelizerException e = failWith(DeepgramFake.serverError(503));
        assertThat(e).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("Service Unavailable: Please try again later");
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void aResponseWithoutResultsIsAProtocolError() {
        assertThat(failWith(FakeResponse.json(200, "{\"request_id\":\"r-4\"}"))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("results");
        assertThat(failWith(FakeResponse.json(200, RECORDED.replace("\"start\":0.32", "\"start\":\"x\""))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("malformed word");
    }

    @Test
    void aSlowServerWithinTheTimeoutStillAnswers() {
        fake.http().failNext(1, FakeResponse.json(200, RECORDED).withDelay(Duration.ofMillis(300)));
        assertThat(stt().transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).build()).text())
                .isEqualTo("We, the people");
    }

    @Test
    void theServerRejectsAnUnknownExtraAndWeSayWhy() {
        DebabelizerException e = catchThrowableOfType(InvalidInputException.class, () -> stt().transcribe(
                TranscriptionRequest.builder(jfk.asWavAudio()).providerOption("interim_results", true).build()));
        assertThat(e).hasMessageContaining("interim_results");
    }
}
