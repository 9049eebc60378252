package io.debabelizer.local.stt;

import io.debabelizer.local.Pcm16;
import io.debabelizer.local.vad.EnergyVad;
import io.debabelizer.local.vad.VadEvent;
import io.debabelizer.local.vad.VadSettings;
import io.debabelizer.stt.Word;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batch transcription of a whole recording as a series of utterances, cut at pauses by the {@link EnergyVad} (as a
 * live stream is). A recogniser decoding minutes of audio as one utterance normalises its features over all of it
 * (silence included) and searches one ever-growing lattice; utterance by utterance it stays accurate and its memory
 * bounded, and the long silences between utterances are never decoded. Word times are moved back to the recording's
 * timeline. Where the detector hears no speech at all, nothing is decoded: recognisers given pure silence or noise
 * tend to answer with a short word.
 */
public final class UtteranceSplitter {

    private final VadSettings settings;
    private final int maxUtteranceSamples;

    public UtteranceSplitter(VadSettings settings, java.time.Duration maxUtterance) {
        this.settings = settings;
        this.maxUtteranceSamples = (int) Math.min(Integer.MAX_VALUE,
                maxUtterance.toMillis() * Pcm16.ENGINE_RATE / 1000);
    }

    /** The utterances of {@code samples} as [start, end) sample ranges, in order; none in silence. */
    List<long[]> utterances(short[] samples) {
        EnergyVad vad = new EnergyVad(settings, Pcm16.ENGINE_RATE);
        List<long[]> ranges = new ArrayList<>();
        long start = -1;
        for (VadEvent e : vad.accept(samples, 0, samples.length)) {
            if (e.kind() == VadEvent.Kind.SPEECH_START) {
                start = Math.max(e.sample(), ranges.isEmpty() ? 0 : ranges.getLast()[1]);
            } else if (start >= 0) {
                addSplit(ranges, start, Math.min(e.sample(), samples.length));
                start = -1;
            }
        }
        if (start >= 0) {
            addSplit(ranges, start, samples.length);
        }
        return ranges;
    }

    /** A long monologue without pauses is cut every {@code maxUtterance}. */
    private void addSplit(List<long[]> ranges, long from, long to) {
        for (long s = from; s < to; s += maxUtteranceSamples) {
            ranges.add(new long[] {s, Math.min(to, s + maxUtteranceSamples)});
        }
    }

    /** Recognises every utterance of {@code samples} with {@code engine} and joins the results. */
    public Recognition recognize(SpeechRecognizerEngine engine, short[] samples) {
        List<Word> words = new ArrayList<>();
        double weightedConfidence = 0;
        int confidenceWords = 0;
        for (long[] range : utterances(samples)) {
            Recognition r = engine.recognize(Arrays.copyOfRange(samples, (int) range[0], (int) range[1]));
            words.addAll(r.wordsShifted(range[0] / (double) Pcm16.ENGINE_RATE));
            if (Double.isFinite(r.confidence()) && !r.words().isEmpty()) {
                weightedConfidence += r.confidence() * r.words().size();
                confidenceWords += r.words().size();
            }
        }
        return Recognition.ofWords(words, confidenceWords == 0 ? Double.NaN : weightedConfidence / confidenceWords);
    }
}
