package io.debabelizer.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.Usage;
import io.debabelizer.stt.Word;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CueSegmenterTest {

    private final CueSegmenter segmenter = new CueSegmenter();

    static Transcript transcript(List<Word> words, double duration) {
        String text = String.join(" ", words.stream().map(Word::punctuated).toList());
        return new Transcript(text, "en", duration, 0.9, words, "test", null, null, Usage.NONE);
    }

    /** Words of 0.3 s with 0.1 s gaps, starting at {@code start}. */
    static List<Word> evenly(double start, String... tokens) {
        List<Word> words = new ArrayList<>();
        double t = start;
        for (String token : tokens) {
            words.add(new Word(token.replaceAll("\\W", "").toLowerCase(), token, t, t + 0.3, 0.9, null));
            t += 0.4;
        }
        return words;
    }

    @Test
    void splitsAfterSentenceEndingPunctuation() {
        List<Cue> cues = segmenter.segment(transcript(evenly(0, "Hello", "there.", "How", "are", "you?", "Fine!"), 3));

        assertThat(cues).extracting(Cue::text).containsExactly("Hello there.", "How are you?", "Fine!");
        assertThat(cues.get(0).start()).isEqualTo(0.0);
        assertThat(cues.get(0).end()).isEqualTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cues.get(1).start()).isEqualTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void sentenceEndMayHideBehindClosingQuotes() {
        assertThat(CueSegmenter.endsSentence("said.\"")).isTrue();
        assertThat(CueSegmenter.endsSentence("(really?)")).isTrue();
        assertThat(CueSegmenter.endsSentence("e.g")).isFalse();
        assertThat(CueSegmenter.endsSentence("comma,")).isFalse();
    }

    @Test
    void splitsAtPausesLongerThanThreshold() {
        List<Word> words = new ArrayList<>(evenly(0, "one", "two"));
        words.addAll(evenly(0.7 + 0.81, "three"));   // 0.81 s of silence after "two"
        words.addAll(evenly(1.51 + 0.3 + 0.5, "four")); // only 0.5 s: stays in the cue

        List<Cue> cues = segmenter.segment(transcript(words, 3));

        assertThat(cues).extracting(Cue::text).containsExactly("one two", "three four");
    }

    @Test
    void keepsCuesWithinCharacterLimit() {
        String[] tokens = "the quick brown fox jumps over the lazy dog and keeps on running far away".split(" ");
        List<Cue> cues = segmenter.segment(transcript(evenly(0, tokens), 10));

        assertThat(cues).hasSizeGreaterThan(1);
        assertThat(cues).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(42));
        assertThat(String.join(" ", cues.stream().map(Cue::text).toList())).isEqualTo(String.join(" ", tokens));
    }

    @Test
    void keepsCuesWithinDurationLimit() {
        List<Word> slow = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            slow.add(new Word("w" + i, i * 2.0, i * 2.0 + 1.5, 0.9));  // 0.5 s gaps, long words
        }
        List<Cue> cues = segmenter.segment(transcript(slow, 12));

        assertThat(cues).allSatisfy(c -> assertThat(c.end() - c.start()).isLessThanOrEqualTo(7.0));
        assertThat(cues).extracting(Cue::text).containsExactly("w0 w1 w2", "w3 w4 w5");
    }

    @Test
    void splitsWhenTheSpeakerChanges() {
        List<Word> words = List.of(
                new Word("hi", "Hi", 0, 0.3, 0.9, "0"),
                new Word("there", "there", 0.4, 0.7, 0.9, "0"),
                new Word("hello", "hello", 0.8, 1.1, 0.9, "1"));

        List<Cue> cues = segmenter.segment(transcript(words, 2));

        assertThat(cues).extracting(Cue::text).containsExactly("Hi there", "hello");
        assertThat(cues).extracting(Cue::speaker).containsExactly("0", "1");
    }

    @Test
    void withoutWordsTheWholeTextIsOneCueOverTheDuration() {
        Transcript t = new Transcript("  Just text.  ", "en", 4.25, 0.9, List.of(), "test", null, null, null);

        assertThat(segmenter.segment(t)).containsExactly(new Cue(0, 4.25, "Just text.", null));
    }

    @Test
    void withoutWordsOrDurationTheCueLengthIsEstimated() {
        Transcript t = new Transcript("x".repeat(60), null, -1, Double.NaN, List.of(), "test", null, null, null);

        assertThat(segmenter.segment(t)).singleElement().satisfies(c -> assertThat(c.end()).isEqualTo(4.0));
    }

    @Test
    void emptyTranscriptHasNoCues() {
        Transcript t = new Transcript("", null, 3, Double.NaN, List.of(), "test", null, null, null);

        assertThat(segmenter.segment(t)).isEmpty();
    }
}
