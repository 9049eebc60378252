package io.debabelizer.soniox;

import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns the token responses of one real-time session into stream events. Soniox sends each final token once and
 * re-sends the non-final tail in every response; a word may be split across responses ({@code "Hel"} final now,
 * {@code "lo"} later). So final tokens are kept until their word is known to be complete (the next token starts
 * a word, or an {@code <end>}/{@code <fin>} marker or the end of the session follows) and only then become a
 * {@link StreamEvent.Final}; the held tokens plus the non-final tail make the {@link StreamEvent.Interim}.
 *
 * <p>{@code <end>} flushes everything as a final with {@code speechFinal} set (an empty one when the words before
 * it already went out), then an {@link StreamEvent.UtteranceEnd}. {@code <fin>} flushes everything as an ordinary
 * final. A final never mixes languages: a language change splits it. Not thread-safe: one per stream's reader.
 */
final class SonioxLiveTranscript {

    private final boolean interimResults;
    private final List<SonioxToken> heldFinal = new ArrayList<>();
    private double lastFinalWordEnd = -1;
    private String lastInterim = "";

    SonioxLiveTranscript(boolean interimResults) {
        this.interimResults = interimResults;
    }

    /** The events for one response; {@code finished} is the session's last response. */
    List<StreamEvent> onResponse(List<SonioxToken> tokens, boolean finished) {
        List<StreamEvent> events = new ArrayList<>();
        List<SonioxToken> tail = new ArrayList<>();
        for (SonioxToken t : tokens) {
            if (!t.isFinal()) {
                tail.add(t);
            } else if (t.isEndpoint()) {
                flush(events, true);
                events.add(new StreamEvent.UtteranceEnd(lastFinalWordEnd));
            } else if (t.isFinalizeDone()) {
                flush(events, false);
            } else {
                heldFinal.add(t);
            }
        }
        if (finished) {
            flush(events, false);
            return events;
        }
        emitCompleteWords(events, tail);
        if (interimResults) {
            interim(tail).ifPresent(events::add);
        }
        return events;
    }

    /** Emits the held words that are complete: all but the last, which is complete only if the tail starts anew. */
    private void emitCompleteWords(List<StreamEvent> events, List<SonioxToken> tail) {
        List<List<SonioxToken>> words = SonioxWords.group(heldFinal);
        if (words.isEmpty()) {
            heldFinal.clear();
            return;
        }
        SonioxToken next = tail.stream().filter(SonioxToken::isSpeech).findFirst().orElse(null);
        boolean lastComplete = next != null && next.startsWord();
        int complete = lastComplete ? words.size() : words.size() - 1;
        if (complete == 0) {
            return;
        }
        List<SonioxToken> keep = lastComplete ? List.of() : List.copyOf(words.getLast());
        List<SonioxWords.LanguageWord> done = new ArrayList<>();
        for (int i = 0; i < complete; i++) {
            done.add(SonioxWords.word(words.get(i)));
        }
        heldFinal.clear();
        heldFinal.addAll(keep);
        addFinals(events, done, false);
    }

    /** Everything held becomes final now (an endpoint, a finalize, or the end). */
    private void flush(List<StreamEvent> events, boolean speechFinal) {
        List<SonioxWords.LanguageWord> words = SonioxWords.words(heldFinal);
        heldFinal.clear();
        lastInterim = "";
        if (words.isEmpty()) {
            if (speechFinal) {
                double at = Math.max(0, lastFinalWordEnd);
                events.add(new StreamEvent.Final("", List.of(), at, at, Double.NaN, true, null));
            }
            return;
        }
        addFinals(events, words, speechFinal);
    }

    /** One final per run of words in the same language; only the last may be speech-final. */
    private void addFinals(List<StreamEvent> events, List<SonioxWords.LanguageWord> words, boolean speechFinal) {
        int from = 0;
        while (from < words.size()) {
            String language = words.get(from).language();
            int to = from + 1;
            while (to < words.size() && Objects.equals(words.get(to).language(), language)) {
                to++;
            }
            List<Word> run = words.subList(from, to).stream().map(SonioxWords.LanguageWord::word).toList();
            boolean last = to == words.size();
            events.add(new StreamEvent.Final(SonioxWords.join(run), run, run.getFirst().start(), run.getLast().end(),
                    meanConfidence(run), speechFinal && last, SonioxLanguages.toBcp47(language)));
            lastFinalWordEnd = run.getLast().end();
            from = to;
        }
        lastInterim = "";
    }

    private java.util.Optional<StreamEvent> interim(List<SonioxToken> tail) {
        List<SonioxToken> pending = new ArrayList<>(heldFinal);
        pending.addAll(tail);
        List<Word> words = SonioxWords.words(pending).stream().map(SonioxWords.LanguageWord::word).toList();
        String text = SonioxWords.join(words);
        if (words.isEmpty() || text.equals(lastInterim)) {
            if (words.isEmpty()) {
                lastInterim = "";
            }
            return java.util.Optional.empty();
        }
        lastInterim = text;
        return java.util.Optional.of(new StreamEvent.Interim(text, words, words.getFirst().start(),
                words.getLast().end(), stability(heldFinal, pending)));
    }

    /** Share of the interim's characters that are already final (held back only until their word completes). */
    private static double stability(List<SonioxToken> finalPart, List<SonioxToken> all) {
        int total = all.stream().mapToInt(t -> t.text().length()).sum();
        int fixed = finalPart.stream().mapToInt(t -> t.text().length()).sum();
        return total == 0 ? 0 : (double) fixed / total;
    }

    private static double meanConfidence(List<Word> words) {
        return words.stream().filter(Word::hasConfidence).mapToDouble(Word::confidence).average()
                .orElse(Double.NaN);
    }
}
