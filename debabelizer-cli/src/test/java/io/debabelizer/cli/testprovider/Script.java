package io.debabelizer.cli.testprovider;

import io.debabelizer.stt.Word;
import java.util.ArrayList;
import java.util.List;

/** The words every scripted result is made of: the opening of JFK's line, with plausible timings. */
final class Script {

    static final String TEXT = "And so, my fellow Americans, ask not what your country can do for you. "
            + "Ask what you can do for your country.";

    /** Word timings: a pause after "Americans," and after "you." so cue splitting has something to split. */
    static final List<Word> WORDS = words();

    private Script() {
    }

    private static List<Word> words() {
        String[] tokens = TEXT.split(" ");
        List<Word> words = new ArrayList<>();
        double t = 0.3;
        for (String token : tokens) {
            String bare = token.replaceAll("[^\\p{L}']", "").toLowerCase(java.util.Locale.ROOT);
            double end = t + 0.35;
            words.add(new Word(bare, token, round(t), round(end), 0.9, null));
            t = end + (token.endsWith(",") && token.startsWith("Americans") ? 1.0 : token.endsWith(".") ? 0.9 : 0.1);
        }
        return List.copyOf(words);
    }

    private static double round(double s) {
        return Math.round(s * 1000) / 1000.0;
    }

    /** Words that end within the first {@code seconds} of audio (all when the duration is unknown). */
    static List<Word> within(double seconds) {
        return seconds < 0 ? WORDS : WORDS.stream().filter(w -> w.end() <= seconds).toList();
    }

    static String join(List<Word> words) {
        return String.join(" ", words.stream().map(Word::punctuated).toList());
    }
}
