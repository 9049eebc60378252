package io.debabelizer.elevenlabs;

import io.debabelizer.testkit.fake.MultipartForm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.AuthenticationException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scribe batch transcription. */
@Timeout(60)
class ElevenLabsSttTest extends ElevenLabsTestSupport {

    private Map<String, MultipartForm.Part> parts() {
        RecordedRequest r = fake.http().lastRequest();
        return MultipartForm.parse(r.header("Content-Type").orElseThrow(), r.body()).stream()
                .collect(Collectors.toMap(MultipartForm.Part::name, Function.identity(), (a, b) -> a));
    }

    private static String text(MultipartForm.Part p) {
        return new String(p.content(), StandardCharsets.UTF_8);
    }

    @Test
    void multipartCarriesModelLanguageDiarizationAndGranularity() {
        fake.willTranscribe(ScriptedTranscript.jfk().text(), ScriptedTranscript.jfk().words());
        TestAudio.Wav audio = TestAudio.speech("jfk.wav");
        Transcript t = stt().transcribe(TranscriptionRequest.builder(audio.asWavAudio()).language("en-US")
                .diarize(true).providerOption("num_speakers", 2).providerOption("keyterms", List.of("Americans",
                        "country")).build());
        RecordedRequest r = fake.http().lastRequest();
        assertThat(r.path()).isEqualTo("/v1/speech-to-text");
        assertThat(r.header("xi-api-key")).contains(KEY);
        Map<String, MultipartForm.Part> p = parts();
        assertThat(text(p.get("model_id"))).isEqualTo("scribe_v1");
        assertThat(text(p.get("language_code"))).isEqualTo("en");
        assertThat(text(p.get("diarize"))).isEqualTo("true");
        assertThat(text(p.get("timestamps_granularity"))).isEqualTo("word");
        assertThat(text(p.get("num_speakers"))).isEqualTo("2");
        assertThat(p.get("file").filename()).isEqualTo("audio.wav");
        assertThat(p.get("file").contentType()).isEqualTo("audio/wav");
        assertThat(p.get("file").content()).isEqualTo(audio.fileBytes());
        assertThat(MultipartForm.parse(r.header("Content-Type").orElseThrow(), r.body()))
                .filteredOn(x -> x.name().equals("keyterms")).extracting(ElevenLabsSttTest::text)
                .containsExactly("Americans", "country");

        assertThat(t.text()).isEqualTo(ScriptedTranscript.jfk().text());
        assertThat(t.words()).extracting(Word::punctuated).containsExactlyElementsOf(
                ScriptedTranscript.jfk().words().stream().map(Word::punctuated).toList());
        assertThat(t.words().get(1).word()).isEqualTo("so");
        assertThat(t.words().get(1).punctuated()).isEqualTo("so,");
        assertThat(t.words()).extracting(Word::speaker).contains("speaker_0", "speaker_1");
        assertThat(t.words().getFirst().confidence()).isBetween(0.9, 1.0);
        assertThat(t.language()).isEqualTo("en");
        assertThat(t.model()).isEqualTo("scribe_v1");
        assertThat(t.requestId()).isNotBlank();
        assertThat(t.durationSeconds()).isEqualTo(11.0);
        assertThat(t.usage().audioSeconds()).isEqualTo(11.0);
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void theDetectedLanguageComesBackAsATwoLetterTag() {
        fake.willTranscribe("Hola.", List.of(new Word("hola", "Hola.", 0.1, 0.5, 0.9, null)));
        Transcript t = stt().transcribe(TranscriptionRequest.builder(TestAudio.speech("jfk.wav").asWavAudio())
                .wordTimestamps(false).model("scribe_v2").build());
        Map<String, MultipartForm.Part> p = parts();
        assertThat(p).doesNotContainKey("language_code");
        assertThat(text(p.get("timestamps_granularity"))).isEqualTo("none");
        assertThat(text(p.get("diarize"))).isEqualTo("false");
        assertThat(text(p.get("model_id"))).isEqualTo("scribe_v2");
        assertThat(t.language()).isEqualTo("en"); // the fake answers "eng"
        assertThat(t.words()).singleElement().satisfies(w -> assertThat(w.speaker()).isNull());
        assertThat(ElevenLabsSttProvider.language("spa")).isEqualTo("es");
        assertThat(ElevenLabsSttProvider.language("de")).isEqualTo("de");
    }

    @Test
    void barePcmIsDeclaredOrWrapped() {
        fake.willTranscribe("Ask not.", List.of(new Word("ask", "Ask", 0.1, 0.3, 0.9, null),
                new Word("not", "not.", 0.3, 0.6, 0.9, null)));
        TestAudio.Wav audio = TestAudio.speech("jfk.wav");
        stt().transcribe(TranscriptionRequest.builder(audio.asPcmAudio()).build());
        Map<String, MultipartForm.Part> p = parts();
        assertThat(text(p.get("file_format"))).isEqualTo("pcm_s16le_16");
        assertThat(p.get("file").content()).isEqualTo(audio.pcm());

        byte[] mulaw = new byte[8000];
        java.util.Arrays.fill(mulaw, (byte) 0xFF);
        stt().transcribe(TranscriptionRequest.builder(AudioData.of(AudioFormat.mulaw(8000), mulaw)).build());
        Map<String, MultipartForm.Part> q = parts();
        assertThat(q).doesNotContainKey("file_format");
        assertThat(new String(q.get("file").content(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void errorsAreTypedWithTheRequestId() {
        fake.http().failNext(1, ElevenLabsFake.invalidApiKey());
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> stt().transcribe(
                TranscriptionRequest.builder(TestAudio.speech("jfk.wav").asWavAudio()).build()));
        assertThat(e).hasMessageContaining("invalid_api_key");
        assertThat(e.requestId()).isPresent();
        InvalidInputException bad = catchThrowableOfType(InvalidInputException.class, () -> stt().transcribe(
                TranscriptionRequest.builder(TestAudio.speech("jfk.wav").asWavAudio())
                        .providerOption("timestamps_granularity", "paragraph").build()));
        assertThat(bad).hasMessageContaining("422");
    }
}
