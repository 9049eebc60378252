package io.debabelizer.cli.eval;

import io.debabelizer.DebabelizerException;
import io.debabelizer.VoiceProcessor;
import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioData;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.WordErrorRate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs every file of a manifest through one provider and scores it against the references. */
public final class Evaluator {

    private final VoiceProcessor processor;
    private final Consumer<String> progress;

    public Evaluator(VoiceProcessor processor, Consumer<String> progress) {
        this.processor = processor;
        this.progress = progress;
    }

    /** @param provider provider name, or null to let selection choose (the report names the one used) */
    public EvalReport evaluate(Manifest manifest, String provider) {
        List<EvalReport.FileResult> results = new ArrayList<>();
        String used = provider;
        int n = 0;
        for (Manifest.Entry entry : manifest.entries()) {
            n++;
            progress.accept("[" + n + "/" + manifest.entries().size() + "] " + entry.name()
                    + (provider == null ? "" : " with " + provider));
            int referenceWords = WordErrorRate.compute(entry.reference(), "").referenceWords();
            double audioSeconds = Double.NaN;
            long start = System.nanoTime();
            try {
                AudioData audio = AudioData.of(entry.audio());
                audioSeconds = durationOf(audio);
                TranscriptionRequest request = TranscriptionRequest.builder(audio).provider(provider).build();
                start = System.nanoTime();
                Transcript transcript = processor.transcribe(request);
                double seconds = (System.nanoTime() - start) / 1e9;
                used = transcript.provider();
                if (!(audioSeconds > 0) && transcript.durationSeconds() > 0) {
                    audioSeconds = transcript.durationSeconds();
                }
                WordErrorRate.Result wer = WordErrorRate.compute(entry.reference(), transcript.text());
                results.add(new EvalReport.FileResult(entry.name(), wer.rate(),
                        audioSeconds > 0 ? seconds / audioSeconds : Double.NaN, wer.edits(), wer.referenceWords(),
                        audioSeconds, seconds, transcript.text(), null));
            } catch (DebabelizerException e) {
                double seconds = (System.nanoTime() - start) / 1e9;
                results.add(new EvalReport.FileResult(entry.name(), Double.NaN, Double.NaN, referenceWords,
                        referenceWords, audioSeconds, seconds, null, e.getMessage()));
            }
        }
        return EvalReport.of(used == null ? "auto" : used, results);
    }

    /** Duration from the audio itself: decoded to 16 kHz mono, so every format the toolkit reads is measured. */
    private static double durationOf(AudioData audio) {
        try {
            return AudioConverter.toMonoSamples(audio, 16000).length / 16000.0;
        } catch (DebabelizerException e) {
            return Double.NaN;
        }
    }
}
