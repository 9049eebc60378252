package io.debabelizer.stt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WordErrorRateTest {

    @Test
    void identicalTextsAfterNormalisationHaveNoErrors() {
        var r = WordErrorRate.compute("and so my fellow americans", "And so, my fellow Americans!");
        assertThat(r.edits()).isZero();
        assertThat(r.referenceWords()).isEqualTo(5);
        assertThat(r.rate()).isZero();
    }

    @Test
    void countsSubstitutionsDeletionsAndInsertions() {
        // ref: a b c d ; hyp: a x c d e  -> 1 substitution + 1 insertion
        assertThat(WordErrorRate.compute("a b c d", "a x c d e").edits()).isEqualTo(2);
        // deletion of two words
        assertThat(WordErrorRate.compute("one two three four", "one four").edits()).isEqualTo(2);
        assertThat(WordErrorRate.compute("one two three four", "one four").rate()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void emptyHypothesisDeletesEveryWord() {
        assertThat(WordErrorRate.compute("ask not what", "").rate()).isEqualTo(1.0);
        assertThat(WordErrorRate.compute("", "").rate()).isZero();
        assertThat(WordErrorRate.compute("", "noise").rate()).isEqualTo(1.0);
    }

    @Test
    void keepsApostrophesInsideWordsOnly() {
        assertThat(WordErrorRate.normalise("Don't 'quote' me, it's fine."))
                .containsExactly("don't", "quote", "me", "it's", "fine");
    }
}
