package io.debabelizer.local.vad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Energy-based voice-activity detection for mono 16-bit audio. Each frame's level (dBFS) is compared with an
 * adaptive noise floor: speech starts when the level stays {@code onsetMarginDb} above the floor for
 * {@code minSpeechMs}, and ends when it stays under {@code offsetMarginDb} for {@code minSilenceMs} (hangover).
 * The floor follows quiet frames quickly downward and slowly upward, so steady background noise is learnt but a
 * word is not. While speech goes on, the floor is pulled up toward the quietest frame of the last second: real
 * speech has gaps between words that keep it low, whereas a floor learnt too low (a recording that opens with
 * digital silence, then hiss) would otherwise never recover and the segment would never end. Not thread-safe: one
 * detector per stream.
 */
public final class EnergyVad implements VoiceActivityDetector {

    /** Level reported for digital silence, so the arithmetic stays finite. */
    private static final double SILENCE_DB = -100;
    /** An initial floor above this is probably speech already; assume a quiet room instead. */
    private static final double MAX_INITIAL_FLOOR_DB = -40;
    /** Floors below this make no difference (speech needs {@code minSpeechLevelDb}) but would take long to leave. */
    private static final double MIN_FLOOR_DB = -75;
    private static final int MIN_WINDOW_MS = 1000;
    private static final double FLOOR_PULL_RATE_IN_SPEECH = 0.05;
    private static final double FLOOR_FALL_RATE = 0.3;
    private static final double FLOOR_RISE_RATE = 0.02;

    private final VadSettings settings;
    private final int frameSamples;
    private final int minSpeechFrames;
    private final int minSilenceFrames;
    private final int preRollSamples;
    private final int postRollSamples;
    private final short[] partial;
    private int partialLength;
    /** Levels of the last second of frames, for the quietest-recent-frame floor pull during speech. */
    private final double[] recentLevels;

    private long frameIndex;
    private double noiseFloorDb = Double.NaN;
    private boolean speaking;
    private int framesAbove;
    private long firstFrameAbove;
    private int framesBelow;
    private long lastVoicedFrame;

    public EnergyVad(VadSettings settings, int sampleRate) {
        this.settings = settings;
        this.frameSamples = Math.max(1, sampleRate * settings.frameMs() / 1000);
        this.minSpeechFrames = Math.max(1, settings.minSpeechMs() / settings.frameMs());
        this.minSilenceFrames = Math.max(1, settings.minSilenceMs() / settings.frameMs());
        this.preRollSamples = sampleRate * settings.preRollMs() / 1000;
        this.postRollSamples = sampleRate * settings.postRollMs() / 1000;
        this.partial = new short[frameSamples];
        this.recentLevels = new double[Math.max(1, MIN_WINDOW_MS / settings.frameMs())];
        Arrays.fill(recentLevels, SILENCE_DB);
    }

    @Override
    public List<VadEvent> accept(short[] samples, int offset, int length) {
        List<VadEvent> events = new ArrayList<>(1);
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int n = Math.min(frameSamples - partialLength, end - i);
            System.arraycopy(samples, i, partial, partialLength, n);
            partialLength += n;
            i += n;
            if (partialLength == frameSamples) {
                VadEvent e = frame(levelDb(partial));
                if (e != null) {
                    events.add(e);
                }
                partialLength = 0;
            }
        }
        return events;
    }

    @Override
    public boolean inSpeech() {
        return speaking;
    }

    /** Ends the current speech without an event (the caller closed the segment itself); the floor is kept. */
    @Override
    public void resetToSilence() {
        speaking = false;
        framesAbove = 0;
        framesBelow = 0;
    }

    /** Current noise floor estimate in dBFS (NaN before the first frame). */
    public double noiseFloorDb() {
        return noiseFloorDb;
    }

    private VadEvent frame(double db) {
        if (Double.isNaN(noiseFloorDb)) {
            noiseFloorDb = Math.clamp(db, MIN_FLOOR_DB, MAX_INITIAL_FLOOR_DB);
        }
        recentLevels[(int) (frameIndex % recentLevels.length)] = db;
        double onset = Math.max(noiseFloorDb + settings.onsetMarginDb(), settings.minSpeechLevelDb());
        double offset = Math.max(noiseFloorDb + settings.offsetMarginDb(), settings.minSpeechLevelDb());
        VadEvent event = speaking ? inSpeech(db, offset) : inSilence(db, onset);
        frameIndex++;
        return event;
    }

    private VadEvent inSilence(double db, double onset) {
        if (db > onset) {
            if (framesAbove++ == 0) {
                firstFrameAbove = frameIndex;
            }
            if (framesAbove >= minSpeechFrames) {
                speaking = true;
                framesBelow = 0;
                lastVoicedFrame = frameIndex;
                long start = Math.max(0, firstFrameAbove * frameSamples - preRollSamples);
                return new VadEvent(VadEvent.Kind.SPEECH_START, start);
            }
            return null;
        }
        framesAbove = 0;
        double rate = db < noiseFloorDb ? FLOOR_FALL_RATE : FLOOR_RISE_RATE;
        noiseFloorDb = Math.max(MIN_FLOOR_DB, noiseFloorDb + rate * (db - noiseFloorDb));
        return null;
    }

    private VadEvent inSpeech(double db, double offset) {
        if (db < noiseFloorDb) {
            noiseFloorDb = Math.max(MIN_FLOOR_DB, noiseFloorDb + FLOOR_FALL_RATE * (db - noiseFloorDb));
        } else if (frameIndex >= recentLevels.length) {
            double quietest = Arrays.stream(recentLevels).min().orElse(SILENCE_DB);
            if (quietest > noiseFloorDb) {
                noiseFloorDb += FLOOR_PULL_RATE_IN_SPEECH * (quietest - noiseFloorDb);
            }
        }
        if (db > offset) {
            lastVoicedFrame = frameIndex;
            framesBelow = 0;
            return null;
        }
        if (++framesBelow < minSilenceFrames) {
            return null;
        }
        speaking = false;
        framesAbove = 0;
        long now = (frameIndex + 1) * frameSamples;
        long end = Math.min(now, (lastVoicedFrame + 1) * frameSamples + postRollSamples);
        return new VadEvent(VadEvent.Kind.SPEECH_END, end);
    }

    /** Root-mean-square level of a frame in dBFS, DC offset removed (cheap sound cards add one). */
    static double levelDb(short[] frame) {
        double mean = 0;
        for (short s : frame) {
            mean += s;
        }
        mean /= frame.length;
        double sum = 0;
        for (short s : frame) {
            double d = s - mean;
            sum += d * d;
        }
        double rms = Math.sqrt(sum / frame.length) / 32768.0;
        return rms <= 0 ? SILENCE_DB : Math.max(SILENCE_DB, 20 * Math.log10(rms));
    }
}
