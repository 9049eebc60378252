package io.debabelizer.whisper;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.stt.Word;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TokenWordsTest {

    private static final int EOT = 50256;

    private static WhisperCpp.Token token(int id, String text, float p, long t0, long t1) {
        return new WhisperCpp.Token(id, text.getBytes(StandardCharsets.UTF_8), p, t0, t1);
    }

    @Test
    void tokensStartingWithASpaceBeginWordsAndPiecesJoinThem() {
        List<Word> words = TokenWords.of(List.of(
                token(EOT + 1, "[_BEG_]", 1f, 0, 0),
                token(400, " And", 0.9f, 30, 52),
                token(401, " so", 0.95f, 52, 70),
                token(402, ",", 0.8f, 70, 72),
                token(403, " my", 0.99f, 90, 110),
                token(404, " fell", 0.7f, 110, 130),
                token(405, "ow", 0.6f, 130, 150),
                token(EOT + 2, "[_TT_75]", 1f, 150, 150)), EOT);

        assertThat(words).extracting(Word::word).containsExactly("And", "so", "my", "fellow");
        assertThat(words).extracting(Word::punctuated).containsExactly("And", "so,", "my", "fellow");
        assertThat(words.get(0).start()).isEqualTo(0.30);
        assertThat(words.get(0).end()).isEqualTo(0.52);
        assertThat(words.get(1).end()).isEqualTo(0.72); // the comma's time belongs to "so,"
        assertThat(words.get(3).start()).isEqualTo(1.10);
        assertThat(words.get(3).end()).isEqualTo(1.50);
        assertThat(words.get(3).confidence()).isCloseTo(0.6, Offset.offset(1e-6)); // its least sure piece
        for (int i = 1; i < words.size(); i++) {
            assertThat(words.get(i).start()).isGreaterThanOrEqualTo(words.get(i - 1).end());
        }
    }

    @Test
    void multiByteCharactersSplitAcrossTokensAreJoinedBeforeDecoding() {
        byte[] e = "é".getBytes(StandardCharsets.UTF_8); // 2 bytes, one per token
        List<Word> words = TokenWords.of(List.of(
                token(1, " 5", 0.9f, 0, 10),
                new WhisperCpp.Token(2, concat(" caf".getBytes(StandardCharsets.UTF_8), Arrays.copyOf(e, 1)), 0.9f,
                        10, 20),
                new WhisperCpp.Token(3, Arrays.copyOfRange(e, 1, 2), 0.9f, 20, 30)), EOT);

        assertThat(words).extracting(Word::punctuated).containsExactly("5", "café");
    }

    @Test
    void barePunctuationAttachesToThePreviousWordAndOverlapsAreClamped() {
        List<Word> words = TokenWords.of(List.of(
                token(1, " Yes", 0.9f, 0, 40),
                token(2, " -", 0.9f, 40, 45),
                token(3, " no", 0.9f, 38, 60)), EOT);

        assertThat(words).extracting(Word::punctuated).containsExactly("Yes-", "no");
        assertThat(words.get(1).start()).isEqualTo(0.40);
    }

    @Test
    void withoutTokenTimestampsThereAreNoWords() {
        assertThat(TokenWords.of(List.of(token(1, " hi", 0.9f, -1, -1)), EOT)).isEmpty();
        assertThat(TokenWords.of(List.of(), EOT)).isEmpty();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
