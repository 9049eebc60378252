package io.debabelizer.local.stt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordFilterTest {

    @Test
    void keepsWordsAndDropsSphinxMarkers() {
        assertThat(WordFilter.spokenWord("country")).isEqualTo("country");
        assertThat(WordFilter.spokenWord("the(2)")).isEqualTo("the");
        assertThat(WordFilter.spokenWord("<s>")).isNull();
        assertThat(WordFilter.spokenWord("</s>")).isNull();
        assertThat(WordFilter.spokenWord("<sil>")).isNull();
        assertThat(WordFilter.spokenWord("[NOISE]")).isNull();
        assertThat(WordFilter.spokenWord("++BREATH++")).isNull();
        assertThat(WordFilter.spokenWord(null)).isNull();
    }
}
