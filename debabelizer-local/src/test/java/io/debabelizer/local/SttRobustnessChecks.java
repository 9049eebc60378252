package io.debabelizer.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Word;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The awkward inputs every local STT engine must survive: a clear typed error for an empty file, a transcript (maybe
 * empty) for everything else, never a crash or a hang (the subclass sets a generous {@code @Timeout}). Each
 * subclass supplies its provider and the input length it can afford.
 */
public abstract class SttRobustnessChecks {

    /** The provider under test (created once per class). */
    protected abstract SttProvider provider();

    /** The shared speech the inputs are built from. */
    protected abstract RobustInputs inputs();

    protected Transcript transcribe(String what, AudioData audio) {
        long t0 = System.nanoTime();
        Transcript t = provider().transcribe(TranscriptionRequest.builder(audio).build());
        System.out.printf("%s %s: %.1f s of audio in %.1f s: \"%s\"%n", provider().name(), what,
                t.durationSeconds(), (System.nanoTime() - t0) / 1e9, abbreviated(t.text()));
        assertThat(t.text()).isNotNull();
        assertThat(t.provider()).isEqualTo(provider().name());
        for (Word w : t.words()) {
            assertThat(w.start()).isBetween(0.0, t.durationSeconds() + 0.05);
            assertThat(w.end()).isBetween(w.start(), t.durationSeconds() + 0.05);
        }
        return t;
    }

    @Test
    void anEmptyWavIsAClearInputError() {
        assertThatThrownBy(() -> provider().transcribe(TranscriptionRequest.builder(RobustInputs.emptyWav()).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no samples");
    }

    @Test
    void tenMillisecondsGiveATranscript() {
        assertThat(transcribe("10 ms", inputs().tenMilliseconds()).durationSeconds()).isEqualTo(0.01);
    }

    @Test
    void digitalSilenceGivesNoWords() {
        Transcript t = transcribe("3 s of digital silence", RobustInputs.silence(3));
        assertThat(t.text()).isEmpty();
        assertThat(t.durationSeconds()).isEqualTo(3.0);
    }

    @Test
    void clippedSpeechIsTranscribed() {
        assertHeardSpeech(transcribe("clipped speech", inputs().clipped()));
    }

    @Test
    void eightKilohertzSpeechIsTranscribed() {
        assertHeardSpeech(transcribe("8 kHz speech", inputs().eightKilohertz()));
    }

    @Test
    void stereoSpeechIsTranscribed() {
        assertHeardSpeech(transcribe("stereo speech", inputs().stereo()));
    }

    @Test
    void floatSpeechAt48KilohertzIsTranscribed() {
        assertHeardSpeech(transcribe("48 kHz float speech", inputs().float48Kilohertz()));
    }

    private void assertHeardSpeech(Transcript t) {
        assertThat(t.text()).isNotEmpty();
        assertThat(t.durationSeconds()).isCloseTo(inputs().speechSeconds(), Offset.offset(0.01));
    }

    protected static String abbreviated(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
