package io.debabelizer.whisper;

import io.debabelizer.stt.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * Word times inside one whisper.cpp segment.
 *
 * <p>The fallback when a segment has no token timestamps ({@link TokenWords} is the normal path): word times are
 * estimated by sharing the segment's span out over its words in proportion to their length in characters.
 * The estimate is exact at segment boundaries and typically within a few hundred milliseconds inside a segment;
 * confidences are unknown ({@code NaN}).
 */
final class SegmentWords {

    private SegmentWords() {
    }

    static List<Word> split(String segmentText, double start, double end) {
        String[] tokens = segmentText.strip().split("\\s+");
        List<String> punctuated = new ArrayList<>();
        List<String> lexical = new ArrayList<>();
        for (String token : tokens) {
            String bare = stripPunctuation(token);
            if (!bare.isEmpty()) {
                punctuated.add(token);
                lexical.add(bare);
            }
        }
        int totalChars = lexical.stream().mapToInt(String::length).sum();
        List<Word> words = new ArrayList<>(lexical.size());
        double span = Math.max(0, end - start);
        int charsBefore = 0;
        for (int i = 0; i < lexical.size(); i++) {
            String word = lexical.get(i);
            double wordStart = start + span * charsBefore / totalChars;
            charsBefore += word.length();
            double wordEnd = i == lexical.size() - 1 ? Math.max(start, end) : start + span * charsBefore / totalChars;
            words.add(new Word(word, punctuated.get(i), wordStart, wordEnd, Double.NaN, null));
        }
        return words;
    }

    /** Removes leading and trailing punctuation, keeping inner apostrophes and hyphens ("don't", "well-known"). */
    static String stripPunctuation(String token) {
        int from = 0;
        int to = token.length();
        while (from < to && !Character.isLetterOrDigit(token.codePointAt(from))) {
            from += Character.charCount(token.codePointAt(from));
        }
        while (to > from && !Character.isLetterOrDigit(token.codePointBefore(to))) {
            to -= Character.charCount(token.codePointBefore(to));
        }
        return token.substring(from, to);
    }
}
