package io.debabelizer.local.vad;

import java.time.Duration;

/**
 * Tuning of the voice-activity detectors. The defaults suit conversational speech at 16 kHz: a word onset needs 100 ms
 * of energy well above the noise floor, and a segment ends after 500 ms below it. The {@link SileroVad} uses the
 * durations and rolls only (its frames are fixed by the model, its thresholds are probabilities).
 *
 * @param frameMs           analysis frame length
 * @param minSpeechMs       energy must stay above the onset threshold this long before speech is declared
 * @param minSilenceMs      hangover: energy must stay below the offset threshold this long before speech ends
 * @param preRollMs         audio before the detected onset included in the segment (soft word starts)
 * @param postRollMs        audio after the last voiced frame included in the segment (soft word ends)
 * @param onsetMarginDb     onset threshold above the noise floor
 * @param offsetMarginDb    offset threshold above the noise floor (lower than onset: hysteresis)
 * @param minSpeechLevelDb  absolute level (dBFS) below which nothing counts as speech, however quiet the floor
 */
public record VadSettings(int frameMs, int minSpeechMs, int minSilenceMs, int preRollMs, int postRollMs,
                          double onsetMarginDb, double offsetMarginDb, double minSpeechLevelDb) {

    public static final VadSettings DEFAULTS = new VadSettings(20, 100, 500, 200, 150, 10, 6, -55);

    public VadSettings {
        if (frameMs <= 0 || minSpeechMs < frameMs || minSilenceMs < frameMs) {
            throw new IllegalArgumentException("VAD durations must be at least one frame");
        }
        if (preRollMs < 0 || postRollMs < 0 || offsetMarginDb > onsetMarginDb) {
            throw new IllegalArgumentException("invalid VAD settings");
        }
    }

    /** The same settings with another hangover (e.g. a stream's endpointing request). */
    public VadSettings withMinSilence(Duration silence) {
        int ms = (int) Math.max(frameMs, silence.toMillis());
        return new VadSettings(frameMs, minSpeechMs, ms, preRollMs, postRollMs, onsetMarginDb, offsetMarginDb,
                minSpeechLevelDb);
    }
}
