package io.debabelizer.whisper;

import io.debabelizer.stt.Word;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Words from whisper.cpp's tokens: a token whose text starts with a space begins a new word, the others (word pieces,
 * punctuation) continue it. A word runs from its first token's start to its last token's end (whisper.cpp's
 * token-level timestamps, in centiseconds) and its confidence is the lowest probability among its tokens, so one
 * doubtful piece marks the whole word as doubtful. Special tokens (timestamps, language, task) carry no speech.
 */
final class TokenWords {

    private TokenWords() {
    }

    /**
     * @param tokens         one segment's tokens in order
     * @param firstSpecialId token ids from this one up are special (whisper.cpp's end-of-text token)
     * @return the words, or an empty list when the tokens have no timestamps (token timestamps off)
     */
    static List<Word> of(List<WhisperCpp.Token> tokens, int firstSpecialId) {
        List<Word> words = new ArrayList<>();
        Builder current = null;
        for (WhisperCpp.Token t : tokens) {
            if (t.id() >= firstSpecialId || t.text().length == 0) {
                continue;
            }
            if (t.start() < 0 || t.end() < 0) {
                return List.of();
            }
            boolean startsWord = t.text()[0] == ' ';
            if (current == null || startsWord && !current.isEmpty()) {
                add(words, current);
                current = new Builder(t.start());
            }
            current.add(t);
        }
        add(words, current);
        return words;
    }

    private static void add(List<Word> words, Builder b) {
        if (b == null || b.isEmpty()) {
            return;
        }
        String punctuated = b.text().strip();
        String bare = SegmentWords.stripPunctuation(punctuated);
        if (bare.isEmpty()) {
            // bare punctuation (" -", " ...") belongs to the word before it
            if (!words.isEmpty()) {
                Word last = words.remove(words.size() - 1);
                words.add(new Word(last.word(), last.punctuated() + punctuated, last.start(), last.end(),
                        last.confidence(), last.speaker()));
            }
            return;
        }
        double start = b.start / 100.0;
        double end = Math.max(start, b.end / 100.0);
        if (!words.isEmpty() && start < words.get(words.size() - 1).end()) {
            start = Math.min(end, words.get(words.size() - 1).end()); // keep words in order and apart
        }
        words.add(new Word(bare, punctuated, start, end, b.lowestProbability, null));
    }

    private static final class Builder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final long start;
        private long end;
        private double lowestProbability = 1.0;

        Builder(long start) {
            this.start = start;
            this.end = start;
        }

        void add(WhisperCpp.Token t) {
            bytes.writeBytes(t.text());
            end = Math.max(end, t.end());
            lowestProbability = Math.min(lowestProbability, t.probability());
        }

        boolean isEmpty() {
            return bytes.size() == 0 || text().isBlank();
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
