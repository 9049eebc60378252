package io.debabelizer.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WerTest {

    @Test
    void countsSubstitutionsInsertionsAndDeletionsOverReferenceWords() {
        assertThat(Wer.of("Ask not, what your country...", "ask not what your country")).isZero();
        assertThat(Wer.of("a b c d", "a x c d")).isCloseTo(0.25, within(1e-9));
        assertThat(Wer.of("a b c d", "a b c d e")).isCloseTo(0.25, within(1e-9));
        assertThat(Wer.of("a b c d", "a c d")).isCloseTo(0.25, within(1e-9));
        assertThat(Wer.of("a b", "")).isEqualTo(1.0);
    }
}
