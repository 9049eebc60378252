package io.debabelizer.soniox;

import io.debabelizer.stt.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins Soniox's sub-word tokens into words: a token with leading whitespace starts a word, any other token
 * (a later piece of the word, or punctuation such as {@code ","}) continues it. Scripts written without spaces
 * (Chinese, Japanese, Thai) therefore come out as one "word" per space-delimited run, which keeps their text
 * right at the cost of coarser word times.
 */
final class SonioxWords {

    /** A word with the language of its first token (words carry no language of their own). */
    record LanguageWord(Word word, String language) {
    }

    private SonioxWords() {
    }

    /** Groups speech tokens into words (markers, audio events and translations are skipped). */
    static List<List<SonioxToken>> group(List<SonioxToken> tokens) {
        List<List<SonioxToken>> words = new ArrayList<>();
        List<SonioxToken> current = null;
        for (SonioxToken t : tokens) {
            if (!t.isSpeech() || t.text().isEmpty()) {
                continue;
            }
            if (current == null || t.startsWord()) {
                if (current != null && !current.isEmpty()) {
                    words.add(current);
                }
                current = new ArrayList<>();
            }
            current.add(t);
        }
        if (current != null && !current.isEmpty()) {
            words.add(current);
        }
        // A whitespace-only piece makes no word of its own.
        words.removeIf(w -> text(w).isEmpty());
        return words;
    }

    /** The words of {@code tokens}, with times in seconds. */
    static List<LanguageWord> words(List<SonioxToken> tokens) {
        List<LanguageWord> out = new ArrayList<>();
        for (List<SonioxToken> pieces : group(tokens)) {
            out.add(word(pieces));
        }
        return out;
    }

    /** One word from its pieces: text joined, first start, last end, mean confidence, first speaker/language. */
    static LanguageWord word(List<SonioxToken> pieces) {
        String punctuated = text(pieces);
        long start = pieces.getFirst().startMs();
        long end = start;
        double confidenceSum = 0;
        int confidences = 0;
        String speaker = null;
        String language = null;
        for (SonioxToken t : pieces) {
            end = Math.max(end, t.endMs());
            if (!Double.isNaN(t.confidence())) {
                confidenceSum += t.confidence();
                confidences++;
            }
            speaker = speaker == null ? t.speaker() : speaker;
            language = language == null ? t.language() : language;
        }
        double confidence = confidences == 0 ? Double.NaN : confidenceSum / confidences;
        return new LanguageWord(new Word(lexical(punctuated), punctuated, start / 1000.0, end / 1000.0, confidence,
                speaker), language);
    }

    private static String text(List<SonioxToken> pieces) {
        StringBuilder sb = new StringBuilder();
        for (SonioxToken t : pieces) {
            sb.append(t.text());
        }
        return sb.toString().strip();
    }

    /** The word without the punctuation around it ({@code "Americans,"} gives {@code "Americans"}). */
    static String lexical(String punctuated) {
        int from = 0;
        int to = punctuated.length();
        while (from < to && isPunctuation(punctuated.codePointAt(from))) {
            from += Character.charCount(punctuated.codePointAt(from));
        }
        while (to > from && isPunctuation(punctuated.codePointBefore(to))) {
            to -= Character.charCount(punctuated.codePointBefore(to));
        }
        return from == to ? punctuated : punctuated.substring(from, to);
    }

    private static boolean isPunctuation(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The punctuated words joined by single spaces. */
    static String join(List<Word> words) {
        StringBuilder sb = new StringBuilder();
        for (Word w : words) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(w.punctuated());
        }
        return sb.toString();
    }
}
