package io.debabelizer.tts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    @Test
    void splitsAtSentenceEndsButNotAbbreviationsOrNumbers() {
        assertThat(SentenceSplitter.split("Hello there. Dr. Smith paid $3.50 today! Did he? J. R. R. Tolkien wrote;"
                + " it is\nnew"))
                .containsExactly("Hello there.", "Dr. Smith paid $3.50 today!", "Did he?", "J. R. R. Tolkien wrote;",
                        "it is", "new");
    }

    @Test
    void dropsPiecesWithoutWordsAndCutsVeryLongSentences() {
        assertThat(SentenceSplitter.split("  ...  ")).isEmpty();
        String longSentence = "word ".repeat(200).strip() + ".";
        assertThat(SentenceSplitter.split(longSentence))
                .hasSizeGreaterThan(3)
                .allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(SentenceSplitter.MAX_PIECE_CHARS));
    }
}
