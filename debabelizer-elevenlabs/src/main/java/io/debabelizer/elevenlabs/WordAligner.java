package io.debabelizer.elevenlabs;

import io.debabelizer.tts.SpeechTiming;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns ElevenLabs' character alignment into word timings. Characters come in pieces (one REST response, or one per
 * WebSocket audio chunk with times relative to that chunk); a word is the run of characters between whitespace, from
 * its first character's start to its last character's end. A word cut by a chunk boundary is completed by the next
 * piece. Times are made monotone (a start never before the previous word's start, an end never before its start),
 * and each word is located in the text sent, for {@link SpeechTiming#textOffset()}.
 *
 * <p>One per synthesis, fed in order; text may be added from the sending thread while alignment is fed.
 */
final class WordAligner {

    private final StringBuilder sentText = new StringBuilder();
    private final StringBuilder word = new StringBuilder();
    private double wordStart;
    private double wordEnd;
    private double lastStart;
    private int searchFrom;

    /** Text that was sent for synthesis (for text offsets); call before the alignment covering it arrives. */
    synchronized void sentText(String text) {
        sentText.append(text);
    }

    /**
     * Feeds one piece of alignment and returns the words it completed.
     *
     * @param chars  the characters
     * @param starts start of each character, seconds from the start of the piece
     * @param ends   end of each character, seconds from the start of the piece
     * @param offset seconds of audio before this piece (0 for REST)
     */
    synchronized List<SpeechTiming> feed(List<String> chars, double[] starts, double[] ends, double offset) {
        List<SpeechTiming> out = new ArrayList<>();
        for (int i = 0; i < chars.size(); i++) {
            String c = chars.get(i);
            if (c.isBlank()) {
                complete(out);
                continue;
            }
            double s = offset + starts[i];
            double e = offset + Math.max(ends[i], starts[i]);
            if (word.isEmpty()) {
                wordStart = s;
                wordEnd = e;
            } else {
                wordEnd = Math.max(wordEnd, e);
            }
            word.append(c);
        }
        return out;
    }

    /** The word still open at the end of the input (no whitespace after it). */
    synchronized List<SpeechTiming> finish() {
        List<SpeechTiming> out = new ArrayList<>(1);
        complete(out);
        return out;
    }

    private void complete(List<SpeechTiming> out) {
        if (word.isEmpty()) {
            return;
        }
        String w = word.toString();
        word.setLength(0);
        double start = Math.max(wordStart, lastStart);
        double end = Math.max(wordEnd, start);
        lastStart = start;
        int at = sentText.indexOf(w, searchFrom);
        if (at >= 0) {
            searchFrom = at + w.length();
        }
        out.add(new SpeechTiming(w, start, end, at));
    }
}
