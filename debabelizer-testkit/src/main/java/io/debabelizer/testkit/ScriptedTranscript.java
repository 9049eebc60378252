package io.debabelizer.testkit;

import io.debabelizer.stt.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A transcript a fake should "recognise", with the bookkeeping a live fake needs to reveal it as audio arrives:
 * which words the audio received so far has reached (for interims), and which are settled (for finals). Word times
 * are seconds from the start of the audio, so a fake compares them with the seconds of audio it has received.
 *
 * @param text  the punctuated words joined by single spaces
 * @param words the words, in time order
 */
public record ScriptedTranscript(String text, List<Word> words) {

    public ScriptedTranscript {
        Objects.requireNonNull(text, "text");
        words = List.copyOf(words);
    }

    public static final ScriptedTranscript EMPTY = new ScriptedTranscript("", List.of());

    /** The punctuated words joined by single spaces: the text a final result for {@code words} carries. */
    public static String join(List<Word> words) {
        return words.stream().map(Word::punctuated).collect(Collectors.joining(" "));
    }

    /** A fresh reading position for one live stream. */
    public Cursor cursor() {
        return new Cursor();
    }

    /** Tracks which words one live stream has finalised. Not thread-safe: one per stream's handler. */
    public final class Cursor {
        private int finalised;
        private String lastInterim = "";

        private Cursor() {
        }

        /**
         * The words heard but not finalised once {@code receivedSeconds} of audio arrived (a word is heard once the
         * audio reaches its start), or an empty list when that is the same as the last call returned (so a fake
         * sends an interim only when it changed).
         */
        public List<Word> newInterim(double receivedSeconds) {
            List<Word> heard = new ArrayList<>();
            for (int i = finalised; i < words.size() && words.get(i).start() < receivedSeconds; i++) {
                heard.add(words.get(i));
            }
            String t = join(heard);
            if (heard.isEmpty() || t.equals(lastInterim)) {
                return List.of();
            }
            lastInterim = t;
            return heard;
        }

        /** Settles and returns the unfinalised words that end within {@code receivedSeconds} of audio. */
        public List<Word> finalizeUpTo(double receivedSeconds) {
            List<Word> settled = new ArrayList<>();
            while (finalised < words.size() && words.get(finalised).end() <= receivedSeconds) {
                settled.add(words.get(finalised++));
            }
            lastInterim = "";
            return settled;
        }

        /** Settles and returns every remaining word (end of input). */
        public List<Word> finalizeAll() {
            return finalizeUpTo(Double.POSITIVE_INFINITY);
        }

        public boolean allFinalised() {
            return finalised == words.size();
        }
    }

    /**
     * "And so, my fellow Americans, ask not what your country can do for you, ask what you can do for your
     * country." with times close to those in {@code jfk.wav} (11 s).
     */
    public static ScriptedTranscript jfk() {
        String[][] w = {
            {"and", "And", "0.32", "0.54"}, {"so", "so,", "0.54", "1.10"}, {"my", "my", "1.20", "1.40"},
            {"fellow", "fellow", "1.40", "1.80"}, {"americans", "Americans,", "1.80", "2.70"},
            {"ask", "ask", "3.10", "3.60"}, {"not", "not", "3.60", "4.30"}, {"what", "what", "5.10", "5.40"},
            {"your", "your", "5.40", "5.60"}, {"country", "country", "5.60", "6.00"}, {"can", "can", "6.00", "6.30"},
            {"do", "do", "6.30", "6.50"}, {"for", "for", "6.50", "6.80"}, {"you", "you,", "6.80", "7.40"},
            {"ask", "ask", "8.00", "8.30"}, {"what", "what", "8.30", "8.60"}, {"you", "you", "8.60", "8.80"},
            {"can", "can", "8.80", "9.10"}, {"do", "do", "9.10", "9.30"}, {"for", "for", "9.30", "9.60"},
            {"your", "your", "9.60", "9.90"}, {"country", "country.", "9.90", "10.50"},
        };
        List<Word> words = new ArrayList<>();
        for (String[] x : w) {
            words.add(new Word(x[0], x[1], Double.parseDouble(x[2]), Double.parseDouble(x[3]), 0.95, null));
        }
        return new ScriptedTranscript(join(words), words);
    }
}
