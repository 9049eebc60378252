package io.debabelizer.local.stt;

import java.util.Locale;
import java.util.Set;

/**
 * The Sphinx family marks silence, sentence bounds and noises as words and tags alternate pronunciations with
 * {@code (2)}; none of that is speech the caller wants.
 */
public final class WordFilter {

    private static final Set<String> NON_WORDS = Set.of("<s>", "</s>", "<sil>", "<unk>");

    private WordFilter() {
    }

    /** The spoken word for an engine token, or null when the token is not a word. */
    public static String spokenWord(String token) {
        if (token == null) {
            return null;
        }
        String t = token.strip();
        int alt = t.indexOf('(');
        if (alt > 0 && t.endsWith(")")) {
            t = t.substring(0, alt);
        }
        if (t.isEmpty() || NON_WORDS.contains(t.toLowerCase(Locale.ROOT))) {
            return null;
        }
        if (t.startsWith("[") && t.endsWith("]") || t.startsWith("++") && t.endsWith("++")) {
            return null; // [NOISE], [SPEECH], ++BREATH++ fillers
        }
        return t;
    }
}
