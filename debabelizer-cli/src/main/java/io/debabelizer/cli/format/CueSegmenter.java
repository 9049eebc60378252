package io.debabelizer.cli.format;

import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a transcript into subtitle cues from its word timings. A cue ends after a word that ends a sentence, and
 * before a word that follows a pause, changes the speaker, or would make the cue longer than a reader can take in
 * (too many characters for a line pair, or on screen too long). Without words the whole text is one cue.
 */
public final class CueSegmenter {

    /** Common subtitle guidance: about 42 characters per line. */
    public static final int DEFAULT_MAX_CHARS = 42;
    public static final double DEFAULT_MAX_SECONDS = 7.0;
    public static final double DEFAULT_MAX_PAUSE = 0.8;
    /** Reading speed used to size a cue when the transcript does not know its duration. */
    private static final double CHARS_PER_SECOND = 15.0;

    private final int maxChars;
    private final double maxSeconds;
    private final double maxPause;

    public CueSegmenter() {
        this(DEFAULT_MAX_CHARS, DEFAULT_MAX_SECONDS, DEFAULT_MAX_PAUSE);
    }

    public CueSegmenter(int maxChars, double maxSeconds, double maxPause) {
        this.maxChars = maxChars;
        this.maxSeconds = maxSeconds;
        this.maxPause = maxPause;
    }

    public List<Cue> segment(Transcript transcript) {
        if (transcript.words().isEmpty()) {
            return wholeText(transcript);
        }
        List<Cue> cues = new ArrayList<>();
        List<Word> current = new ArrayList<>();
        int chars = 0;
        for (Word word : transcript.words()) {
            String token = word.punctuated().strip();
            if (token.isEmpty()) {
                continue;
            }
            if (!current.isEmpty() && startsNewCue(current, chars, word, token)) {
                cues.add(toCue(current));
                current.clear();
                chars = 0;
            }
            chars += (current.isEmpty() ? 0 : 1) + token.length();
            current.add(word);
            if (endsSentence(token)) {
                cues.add(toCue(current));
                current.clear();
                chars = 0;
            }
        }
        if (!current.isEmpty()) {
            cues.add(toCue(current));
        }
        return cues;
    }

    private boolean startsNewCue(List<Word> current, int chars, Word next, String token) {
        Word first = current.getFirst();
        Word last = current.getLast();
        return next.start() - last.end() > maxPause
                || !Objects.equals(next.speaker(), last.speaker())
                || chars + 1 + token.length() > maxChars
                || next.end() - first.start() > maxSeconds;
    }

    /** Ends with . ? ! or … , possibly followed by closing quotes or brackets. */
    static boolean endsSentence(String token) {
        int i = token.length() - 1;
        while (i >= 0 && "\"'”’»)]".indexOf(token.charAt(i)) >= 0) {
            i--;
        }
        return i >= 0 && ".?!…。？！".indexOf(token.charAt(i)) >= 0;
    }

    private static Cue toCue(List<Word> words) {
        StringBuilder text = new StringBuilder();
        for (Word w : words) {
            String token = w.punctuated().strip();
            if (!token.isEmpty()) {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(token);
            }
        }
        return new Cue(words.getFirst().start(), words.getLast().end(), text.toString(), words.getFirst().speaker());
    }

    private static List<Cue> wholeText(Transcript transcript) {
        String text = transcript.text().strip();
        if (text.isEmpty()) {
            return List.of();
        }
        double end = transcript.durationSeconds() > 0
                ? transcript.durationSeconds()
                : Math.max(1.0, text.length() / CHARS_PER_SECOND);
        return List.of(new Cue(0, end, text, null));
    }
}
