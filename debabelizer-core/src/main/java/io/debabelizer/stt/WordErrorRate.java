package io.debabelizer.stt;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Standard word error rate (WER), the usual accuracy measure of speech recognition: both texts lower-cased,
 * punctuation removed, then the word-level Levenshtein distance (substitutions + deletions + insertions) divided by
 * the number of reference words. Used by {@code debabelizer eval} and by engine accuracy tests.
 */
public final class WordErrorRate {

    /**
     * @param edits          minimum substitutions + deletions + insertions
     * @param referenceWords number of words in the normalised reference
     */
    public record Result(int edits, int referenceWords) {

        /** Edits per reference word; 0 for an empty reference matched by an empty hypothesis, else 1 per word. */
        public double rate() {
            if (referenceWords == 0) {
                return edits == 0 ? 0 : 1;
            }
            return (double) edits / referenceWords;
        }
    }

    private WordErrorRate() {
    }

    public static Result compute(String reference, String hypothesis) {
        List<String> ref = normalise(reference);
        List<String> hyp = normalise(hypothesis);
        return new Result(distance(ref, hyp), ref.size());
    }

    /** Lower case, accents kept, punctuation removed except apostrophes inside words ("don't"), split on spaces. */
    public static List<String> normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = s.replaceAll("(?<![\\p{L}\\p{N}])'|'(?![\\p{L}\\p{N}])", " ");
        s = s.replaceAll("[^\\p{L}\\p{N}'\\s]", " ").trim();
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
    }

    private static int distance(List<String> ref, List<String> hyp) {
        int[] previous = new int[hyp.size() + 1];
        int[] current = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int substitution = previous[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[hyp.size()];
    }
}
