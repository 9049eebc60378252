package io.debabelizer.local.stt;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.local.TestAudio;
import io.debabelizer.local.vad.VadSettings;
import io.debabelizer.stt.Word;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UtteranceSplitterTest {

    private final UtteranceSplitter splitter =
            new UtteranceSplitter(VadSettings.DEFAULTS.withMinSilence(Duration.ofSeconds(2)), Duration.ofSeconds(10));

    /** An engine that reports one word per utterance, spanning it, and records what it was given. */
    private static final class RecordingEngine implements SpeechRecognizerEngine {
        final List<Integer> lengths = new ArrayList<>();

        @Override
        public Recognition recognize(short[] samples) {
            lengths.add(samples.length);
            return Recognition.ofWords(List.of(new Word("w" + lengths.size(), 0, samples.length / 16_000.0, 0.5)),
                    0.5);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void cutsAtLongPausesOnlyAndMovesWordTimesToTheRecording() {
        short[] audio = TestAudio.concat(TestAudio.silence(1), TestAudio.syllables(2, 300, 0.3),
                TestAudio.silence(1), TestAudio.syllables(2, 300, 0.3), TestAudio.silence(5),
                TestAudio.syllables(2, 300, 0.3), TestAudio.silence(1));
        RecordingEngine engine = new RecordingEngine();

        Recognition r = splitter.recognize(engine, audio);

        assertThat(engine.lengths).hasSize(2); // the 1 s pause stays inside, the 5 s one splits
        assertThat(r.words()).extracting(Word::word).containsExactly("w1", "w2");
        assertThat(r.words().get(0).start()).isBetween(0.7, 1.0);
        assertThat(r.words().get(1).start()).isBetween(10.7, 11.0);
        assertThat(r.words().get(1).end()).isBetween(13.0, 14.0); // the last pause is shorter than 2 s
        assertThat(r.confidence()).isEqualTo(0.5);
    }

    @Test
    void silenceIsNotDecodedAtAll() {
        RecordingEngine engine = new RecordingEngine();
        assertThat(splitter.recognize(engine, TestAudio.silence(30)).text()).isEmpty();
        assertThat(splitter.recognize(engine, new short[160]).text()).isEmpty();
        assertThat(engine.lengths).isEmpty();
    }

    @Test
    void aMonologueWithoutPausesIsCutAtTheLongestUtterance() {
        RecordingEngine engine = new RecordingEngine();
        splitter.recognize(engine, TestAudio.concat(TestAudio.silence(0.5), TestAudio.syllables(25, 300, 0.3)));
        assertThat(engine.lengths).hasSize(3).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(10 * 16_000));
    }
}
