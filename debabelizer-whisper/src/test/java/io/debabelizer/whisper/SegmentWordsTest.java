package io.debabelizer.whisper;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.stt.Word;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentWordsTest {

    @Test
    void sharesTheSegmentOutByWordLength() {
        List<Word> words = SegmentWords.split(" And so, my fellow Americans,", 0.0, 2.6);

        assertThat(words).extracting(Word::word).containsExactly("And", "so", "my", "fellow", "Americans");
        assertThat(words).extracting(Word::punctuated).containsExactly("And", "so,", "my", "fellow", "Americans,");
        assertThat(words.get(0).start()).isEqualTo(0.0);
        assertThat(words.get(words.size() - 1).end()).isEqualTo(2.6);
        for (int i = 1; i < words.size(); i++) {
            assertThat(words.get(i).start()).isEqualTo(words.get(i - 1).end());
        }
        // "Americans" has 9 of the 22 letters
        assertThat(words.get(4).end() - words.get(4).start()).isCloseTo(2.6 * 9 / 22, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(words).allMatch(w -> Double.isNaN(w.confidence()));
    }

    @Test
    void keepsInnerApostrophesAndSkipsBarePunctuation() {
        List<Word> words = SegmentWords.split("- don't \"stop\" -- now!", 1.0, 2.0);
        assertThat(words).extracting(Word::word).containsExactly("don't", "stop", "now");
    }

    @Test
    void emptyOrZeroLengthSegmentsAreSafe() {
        assertThat(SegmentWords.split("  ", 0, 1)).isEmpty();
        assertThat(SegmentWords.split("...", 0, 1)).isEmpty();
        assertThat(SegmentWords.split("hi there", 3.0, 3.0)).extracting(Word::start).containsExactly(3.0, 3.0);
    }
}
