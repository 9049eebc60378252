package io.debabelizer.stt;

import java.util.Objects;

/**
 * One recognised word with its place in time.
 *
 * @param word       the word as recognised (provider's lexical form)
 * @param punctuated the word with punctuation/capitalisation applied, or the same as {@code word}
 * @param start      start in seconds from the beginning of the audio (or of the live stream)
 * @param end        end in seconds, {@code >= start}
 * @param confidence 0..1, or {@code NaN} when the provider gives none
 * @param speaker    speaker label when diarization is on, else {@code null}
 */
public record Word(String word, String punctuated, double start, double end, double confidence, String speaker) {

    public Word {
        Objects.requireNonNull(word, "word");
        if (punctuated == null) {
            punctuated = word;
        }
        if (end < start) {
            throw new IllegalArgumentException("word '" + word + "' ends (" + end + ") before it starts (" + start + ")");
        }
    }

    public Word(String word, double start, double end, double confidence) {
        this(word, word, start, end, confidence, null);
    }

    /** The same word moved by {@code seconds} (used to keep live-stream times continuous across reconnects). */
    public Word shifted(double seconds) {
        return new Word(word, punctuated, start + seconds, end + seconds, confidence, speaker);
    }

    public boolean hasConfidence() {
        return !Double.isNaN(confidence);
    }
}
