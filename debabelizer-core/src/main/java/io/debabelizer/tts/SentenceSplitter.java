package io.debabelizer.tts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts text into sentences so streaming synthesis can speak the first one while the rest is still being made
 * (local engines, and cloud providers without a streaming endpoint that synthesize sentence by sentence).
 * Splits after {@code . ! ?} (and {@code ;} or a line break) followed by white space, but not after common
 * abbreviations or single initials; a very long sentence is cut further at commas, then at spaces.
 */
public final class SentenceSplitter {

    static final int MAX_PIECE_CHARS = 250;
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "st", "prof", "sr", "jr",
            "vs", "etc", "e.g", "i.e", "no", "mt", "jan", "feb", "aug", "sept", "oct", "nov", "dec");

    private SentenceSplitter() {
    }

    public static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean boundary = c == '\n'
                    || (c == '.' || c == '!' || c == '?' || c == ';')
                    && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))
                    && !(c == '.' && isAbbreviation(text, start, i));
            if (boundary) {
                addPieces(text.substring(start, i + 1), sentences);
                start = i + 1;
            }
        }
        addPieces(text.substring(start), sentences);
        return sentences;
    }

    private static boolean isAbbreviation(String text, int sentenceStart, int dot) {
        int w = dot;
        while (w > sentenceStart && !Character.isWhitespace(text.charAt(w - 1))) {
            w--;
        }
        String word = text.substring(w, dot).toLowerCase(Locale.ROOT);
        return word.length() == 1 && Character.isLetter(word.charAt(0)) || ABBREVIATIONS.contains(word);
    }

    private static void addPieces(String sentence, List<String> out) {
        String s = sentence.strip();
        while (s.length() > MAX_PIECE_CHARS) {
            int cut = s.lastIndexOf(',', MAX_PIECE_CHARS);
            if (cut < MAX_PIECE_CHARS / 3) {
                cut = s.lastIndexOf(' ', MAX_PIECE_CHARS);
            }
            if (cut < 1) {
                cut = MAX_PIECE_CHARS - 1;
            }
            out.add(s.substring(0, cut + 1).strip());
            s = s.substring(cut + 1).strip();
        }
        if (!s.isEmpty() && s.chars().anyMatch(Character::isLetterOrDigit)) {
            out.add(s);
        }
    }
}
