package io.debabelizer.local.stt;

import io.debabelizer.stt.Word;
import java.util.List;

/**
 * What a local recogniser heard in one piece of audio. Word times are seconds from the start of that piece.
 *
 * @param text       the words joined with single spaces (empty when nothing was recognised)
 * @param words      recognised words with times, fillers removed
 * @param confidence 0..1 for the whole hypothesis, or NaN when the engine gives none
 */
public record Recognition(String text, List<Word> words, double confidence) {

    public static final Recognition EMPTY = new Recognition("", List.of(), Double.NaN);

    public Recognition {
        words = List.copyOf(words);
    }

    /** A recognition whose text is its words. */
    public static Recognition ofWords(List<Word> words, double confidence) {
        StringBuilder sb = new StringBuilder();
        for (Word w : words) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(w.word());
        }
        return new Recognition(sb.toString(), words, confidence);
    }

    /** The same words moved by {@code seconds}. */
    public List<Word> wordsShifted(double seconds) {
        return words.stream().map(w -> w.shifted(seconds)).toList();
    }
}
