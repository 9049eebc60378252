package io.debabelizer.openai;

import io.debabelizer.AuthenticationException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.InvalidInputException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.Fault;
import io.debabelizer.testkit.HttpClients;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.fake.MultipartForm;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Batch transcription, translation, response formats, SSE streaming and long-audio splitting against the fake. */
@Timeout(60)
class OpenAiBatchTest {

    private final ScriptedTranscript script = ScriptedTranscript.jfk();
    private final TestAudio.Wav jfk = TestAudio.speech("jfk.wav");
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
        assertThat(fake.http().handlerErrors()).isEmpty();
    }

    private Map<String, List<String>> lastForm() {
        Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
        for (MultipartForm.Part p : fake.forms().getLast()) {
            fields.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p.filename() != null ? "file:" + p.filename()
                    + ":" + p.contentType() : new String(p.content(), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private MultipartForm.Part lastFile() {
        return fake.forms().getLast().stream().filter(p -> p.name().equals("file")).findFirst().orElseThrow();
    }

    @Test
    void whisperGetsVerboseJsonWithWordAndSegmentTimesAndPunctuatedWords() {
        Transcript t = provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).language("en-US")
                .providerOption("prompt", "JFK inaugural").providerOption("temperature", 0.2).build());

        RecordedRequest r = fake.http().lastRequest();
        assertThat(r.path()).isEqualTo("/v1/audio/transcriptions");
        assertThat(r.header("Authorization")).contains("Bearer " + OpenAiTestSupport.KEY);
        assertThat(r.header("Content-Type").orElseThrow()).startsWith("multipart/form-data; boundary=");
        assertThat(lastForm()).containsEntry("file", List.of("file:audio.wav:audio/wav"))
                .containsEntry("model", List.of("whisper-1")).containsEntry("language", List.of("en"))
                .containsEntry("response_format", List.of("verbose_json"))
                .containsEntry("timestamp_granularities[]", List.of("word", "segment"))
                .containsEntry("prompt", List.of("JFK inaugural")).containsEntry("temperature", List.of("0.2"));
        assertThat(lastFile().content()).isEqualTo(jfk.fileBytes());
        assertThat(t.text()).isEqualTo(script.text());
        assertThat(t.words()).extracting(Word::punctuated)
                .containsExactlyElementsOf(script.words().stream().map(Word::punctuated).toList());
        assertThat(t.words().get(1).word()).isEqualTo("so");
        assertThat(t.words().get(1).start()).isEqualTo(0.54);
        assertThat(t.language()).isEqualTo("en");
        assertThat(t.durationSeconds()).isEqualTo(jfk.durationSeconds());
        assertThat(t.usage().audioSeconds()).isEqualTo(11.0);
        assertThat(t.requestId()).startsWith("req_");
        assertThat(t.model()).isEqualTo("whisper-1");
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void gpt4oModelsAskForJsonAndNewerModelNamesPassThrough() {
        Transcript t = provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio())
                .model("gpt-4o-transcribe-2099-01-01").build());
        assertThat(lastForm()).containsEntry("model", List.of("gpt-4o-transcribe-2099-01-01"))
                .containsEntry("response_format", List.of("json")).doesNotContainKeys("timestamp_granularities[]",
                        "language");
        assertThat(t.text()).isEqualTo(script.text());
        assertThat(t.words()).isEmpty();
    }

    @Test
    void rawPcmIsWrappedInWavAndOtherContainersKeepTheirExtension() {
        provider.transcribe(TranscriptionRequest.builder(jfk.asPcmAudio()).build());
        assertThat(lastFile().filename()).isEqualTo("audio.wav");
        assertThat(TestAudio.parseWav(lastFile().content()).pcm()).isEqualTo(jfk.pcm());

        provider.transcribe(TranscriptionRequest.builder(AudioData.of(AudioFormat.mulaw(8000), new byte[8000]))
                .build());
        assertThat(lastFile().filename()).isEqualTo("audio.wav");
        assertThat(new String(lastFile().content(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");

        byte[] mp3 = new byte[4096];
        mp3[0] = 'I';
        mp3[1] = 'D';
        mp3[2] = '3';
        provider.transcribe(TranscriptionRequest.builder(AudioData.of(AudioFormat.of(Container.MP3, Encoding.MP3),
                mp3)).build());
        assertThat(lastFile().filename()).isEqualTo("audio.mp3");
        assertThat(lastFile().contentType()).isEqualTo("audio/mpeg");
        assertThat(lastFile().content()).isEqualTo(mp3);
    }

    @Test
    void textSrtAndVttBodiesBecomeTheTranscriptText() {
        for (String format : List.of("text", "srt", "vtt")) {
            Transcript t = provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio())
                    .providerOption("response_format", format).build());
            assertThat(lastForm()).containsEntry("response_format", List.of(format))
                    .doesNotContainKey("timestamp_granularities[]");
            assertThat(t.text()).as(format).isEqualTo(script.text());
        }
        Transcript srt = provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio())
                .providerOption("response_format", "srt").build());
        assertThat(srt.durationSeconds()).isEqualTo(10.5);
    }

    @Test
    void streamTrueReadsServerSentEventsUntilDone() {
        Transcript t = provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio())
                .model("gpt-4o-mini-transcribe").providerOption("stream", true).build());
        assertThat(lastForm()).containsEntry("stream", List.of("true"));
        assertThat(t.text()).isEqualTo(script.text());
    }

    @Test
    void whisperIgnoresStreamAndOptionsGoAsFormFields() {
        Transcript t = provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).model("whisper-1")
                .providerOption("stream", "true")
                .providerOption("chunking_strategy", Map.of("type", "server_vad"))
                .providerOption("include", List.of("logprobs")).build());
        assertThat(lastForm()).containsEntry("stream", List.of("true"))
                .containsEntry("chunking_strategy", List.of("{\"type\":\"server_vad\"}"))
                .containsEntry("include[]", List.of("logprobs"));
        assertThat(t.text()).isEqualTo(script.text());
        assertThat(t.words()).hasSize(script.words().size());
    }

    @Test
    void aStreamOfAContainerFormatUploadsAtEndOfInputAndDeliversDeltasAsInterims() throws Exception {
        SpeechStream s = provider.openStream(StreamRequest.builder(AudioFormat.wav16(16000, 1)).language("en")
                .build());
        byte[] file = jfk.fileBytes();
        for (int off = 0; off < file.length; off += 4096) {
            s.send(file, off, Math.min(4096, file.length - off));
        }
        s.endInput();
        List<StreamEvent> events = new ArrayList<>();
        StreamEvent e;
        do {
            e = s.pollEvent(Duration.ofSeconds(30)).orElseThrow();
            events.add(e);
        } while (!(e instanceof StreamEvent.Closed));

        assertThat(lastForm()).containsEntry("stream", List.of("true")).containsEntry("model",
                List.of("gpt-4o-transcribe")).containsEntry("response_format", List.of("json"));
        assertThat(lastFile().content()).isEqualTo(file);
        List<StreamEvent.Interim> interims = events.stream().filter(x -> x instanceof StreamEvent.Interim)
                .map(x -> (StreamEvent.Interim) x).toList();
        assertThat(interims).hasSize(script.words().size());
        assertThat(interims.getFirst().text()).isEqualTo("And");
        assertThat(events.get(events.size() - 2)).isInstanceOfSatisfying(StreamEvent.Final.class,
                f -> assertThat(f.text()).isEqualTo(script.text()));
        assertThat(((StreamEvent.Closed) e).reason()).isEqualTo(StreamEvent.CloseReason.COMPLETED);
    }

    @Test
    void translationGoesToTheTranslationsEndpointWithoutALanguage() {
        fake.willTranslate("My fellow Americans, ask not.");
        Transcript t = provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).language("de")
                .providerOption("translate", true).build());
        assertThat(fake.http().lastRequest().path()).isEqualTo("/v1/audio/translations");
        assertThat(lastForm()).containsEntry("model", List.of("whisper-1"))
                .containsEntry("response_format", List.of("verbose_json"))
                .doesNotContainKeys("language", "timestamp_granularities[]");
        assertThat(t.text()).isEqualTo("My fellow Americans, ask not.");
    }

    @Test
    void longAudioIsSplitAtSilencesAndStitchedWithContinuousTimes() {
        fake.consecutivePieces(true);
        long limit = 120_000; // about 3.7 s of 16 kHz WAV: the 11 s recording needs at least three pieces
        Transcript t = provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio())
                .providerOption("max_upload_bytes", limit).build());

        List<List<MultipartForm.Part>> forms = fake.forms();
        assertThat(forms).hasSizeGreaterThanOrEqualTo(3);
        double total = 0;
        for (List<MultipartForm.Part> form : forms) {
            byte[] piece = form.stream().filter(p -> p.name().equals("file")).findFirst().orElseThrow().content();
            assertThat(piece.length).isLessThanOrEqualTo((int) limit);
            total += TestAudio.parseWav(piece).durationSeconds();
        }
        assertThat(total).isCloseTo(jfk.durationSeconds(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(t.text()).isEqualTo(script.text());
        assertThat(t.words()).hasSameSizeAs(script.words());
        for (int i = 0; i < t.words().size(); i++) {
            assertThat(t.words().get(i).start()).isCloseTo(script.words().get(i).start(),
                    org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(t.durationSeconds()).isCloseTo(jfk.durationSeconds(), org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void longAudioIsRejectedWhenSplittingIsOff() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio())
                        .providerOption("max_upload_bytes", 100_000).providerOption("split_long_audio", false)
                        .build()));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("MB").contains("split_long_audio");
        assertThat(fake.http().requestCount()).isZero();
    }

    @Test
    void errorsCarryTheRequestIdFromXRequestId() {
        fake.willFail(Fault.unauthorized());
        AuthenticationException auth = catchThrowableOfType(AuthenticationException.class,
                () -> provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).build()));
        assertThat(auth.requestId()).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        assertThat(auth.getMessage()).contains("invalid_api_key").doesNotContain(OpenAiTestSupport.KEY);

        fake.willFail(Fault.rateLimited(Duration.ofSeconds(7)));
        RateLimitedException limited = catchThrowableOfType(RateLimitedException.class,
                () -> provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).build()));
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(limited.getMessage()).contains("rate_limit_exceeded");
        assertThat(limited.requestId()).isPresent();
    }

    @Test
    void theServersUploadLimitAnswerIsAnInvalidInputException() {
        fake.uploadLimit(1000);
        assertThatThrownBy(() -> provider.transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("413")
                .hasMessageContaining("file_too_large");
    }

    @Test
    void anOpenAiCompatibleServerUnderAPathPrefixWorksThroughTheBaseUrl() {
        try (OpenAiFake prefixed = OpenAiFake.start(OpenAiTestSupport.KEY, "/proxy/openai/v1")) {
            prefixed.willTranscribe(script.text(), script.words());
            OpenAiSttProvider p = OpenAiTestSupport.stt(prefixed, client);
            assertThat(prefixed.baseUri().getPath()).isEqualTo("/proxy/openai/v1");
            Transcript t = p.transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).build());
            assertThat(t.text()).isEqualTo(script.text());
            assertThat(prefixed.http().lastRequest().path()).isEqualTo("/proxy/openai/v1/audio/transcriptions");
            p.close();
        }
    }

    @Test
    void organizationAndProjectHeadersAreSent() {
        try (OpenAiFake strict = OpenAiFake.start(OpenAiTestSupport.KEY).requireOrganization("org-1", "proj_2")) {
            strict.willTranscribe(script.text(), script.words());
            OpenAiSttProvider without = OpenAiTestSupport.stt(strict, client);
            assertThatThrownBy(() -> without.transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).build()))
                    .isInstanceOf(AuthenticationException.class);
            OpenAiSttProvider with = OpenAiTestSupport.stt(strict, client, "organization", "org-1", "project",
                    "proj_2");
            assertThat(with.transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).build()).text())
                    .isEqualTo(script.text());
            assertThat(strict.http().lastRequest().header("OpenAI-Organization")).contains("org-1");
            assertThat(strict.http().lastRequest().header("OpenAI-Project")).contains("proj_2");
            without.close();
            with.close();
        }
    }

    @Test
    void emptyAudioIsRejected() {
        assertThatThrownBy(() -> provider.transcribe(TranscriptionRequest.builder(
                AudioData.of(AudioFormat.pcm16(16000, 1), new byte[0])).build()))
                .isInstanceOf(InvalidInputException.class);
        assertThat(Optional.of(fake.http().requestCount())).contains(0);
        assertThat(script.words().stream().map(Word::punctuated).collect(Collectors.joining(" ")))
                .isEqualTo(script.text());
    }
}
