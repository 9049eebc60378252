package io.debabelizer.local.vad;

import java.util.ArrayList;
import java.util.List;

/**
 * Voice-activity detection with the Silero VAD neural model: each 32 ms window (512 samples at 16 kHz, 256 at
 * 8 kHz) gets a speech probability, and hysteresis turns them into boundaries. Speech starts after
 * {@link VadSettings#minSpeechMs()} of windows at or above {@link #ON_THRESHOLD}; it ends after
 * {@link VadSettings#minSilenceMs()} below {@link #OFF_THRESHOLD} (windows in between keep the current state, as in
 * Silero's own iterator). Starts are backdated by the pre-roll, ends extended by the post-roll, like the
 * {@link EnergyVad}'s.
 *
 * <p>Holds the model's recurrent state and the previous window's tail for one stream; the model itself is shared.
 * Its methods are synchronized only so that {@link #close()} from another thread (a stream being aborted) cannot
 * release the model under a running window; a closed detector ignores further audio.
 */
public final class SileroVad implements VoiceActivityDetector {

    public static final float ON_THRESHOLD = 0.5f;
    public static final float OFF_THRESHOLD = 0.35f;

    private final SileroModel model;
    private final long sampleRate;
    private final int windowSamples;
    private final int contextSamples;
    private final int minSpeechWindows;
    private final int minSilenceWindows;
    private final int preRollSamples;
    private final int postRollSamples;
    /** The model's input: the previous window's last {@code contextSamples}, then the window being filled. */
    private final float[] input;
    private final float[] state;
    private int filled;

    private long windowIndex;
    private float lastProbability;
    private boolean speaking;
    private int windowsAbove;
    private long firstWindowAbove;
    private int windowsBelow;
    private long lastVoicedWindow;
    private boolean closed;

    /**
     * A detector for one stream. It takes its own share of the model, given back by {@link #close()}.
     *
     * @param sampleRate 16000 or 8000, the rates Silero was trained on
     */
    public SileroVad(SileroModel model, VadSettings settings, int sampleRate) {
        if (sampleRate != 16_000 && sampleRate != 8_000) {
            throw new IllegalArgumentException("Silero VAD runs at 16 or 8 kHz, not " + sampleRate + " Hz");
        }
        this.sampleRate = sampleRate;
        this.windowSamples = sampleRate == 16_000 ? 512 : 256;
        this.contextSamples = sampleRate == 16_000 ? 64 : 32;
        model.checkInputLength(contextSamples + windowSamples);
        this.minSpeechWindows = windows(settings.minSpeechMs(), sampleRate);
        this.minSilenceWindows = windows(settings.minSilenceMs(), sampleRate);
        this.preRollSamples = sampleRate * settings.preRollMs() / 1000;
        this.postRollSamples = sampleRate * settings.postRollMs() / 1000;
        this.input = new float[contextSamples + windowSamples];
        this.state = new float[model.stateSize()];
        this.model = model.retain();
    }

    @Override
    public synchronized List<VadEvent> accept(short[] samples, int offset, int length) {
        if (closed) {
            return List.of();
        }
        List<VadEvent> events = new ArrayList<>(1);
        for (int i = offset, end = offset + length; i < end; i++) {
            input[contextSamples + filled++] = samples[i] / 32768f;
            if (filled == windowSamples) {
                VadEvent e = window(model.probability(input, state, sampleRate));
                if (e != null) {
                    events.add(e);
                }
                System.arraycopy(input, windowSamples, input, 0, contextSamples);
                filled = 0;
            }
        }
        return events;
    }

    @Override
    public synchronized boolean inSpeech() {
        return speaking;
    }

    /** Ends the current speech without an event; the model's state (what it has heard) is kept. */
    @Override
    public synchronized void resetToSilence() {
        speaking = false;
        windowsAbove = 0;
        windowsBelow = 0;
    }

    /** Speech probability of the last complete window (0 before the first). */
    public synchronized float lastProbability() {
        return lastProbability;
    }

    /** Samples per model window at this detector's rate. */
    public int windowSamples() {
        return windowSamples;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            model.release();
        }
    }

    private VadEvent window(float probability) {
        lastProbability = probability;
        VadEvent event = speaking ? inSpeech(probability) : inSilence(probability);
        windowIndex++;
        return event;
    }

    private VadEvent inSilence(float probability) {
        if (probability < ON_THRESHOLD) {
            windowsAbove = 0;
            return null;
        }
        if (windowsAbove++ == 0) {
            firstWindowAbove = windowIndex;
        }
        if (windowsAbove < minSpeechWindows) {
            return null;
        }
        speaking = true;
        windowsBelow = 0;
        lastVoicedWindow = windowIndex;
        return new VadEvent(VadEvent.Kind.SPEECH_START, Math.max(0, firstWindowAbove * windowSamples - preRollSamples));
    }

    private VadEvent inSpeech(float probability) {
        if (probability >= OFF_THRESHOLD) {
            if (probability >= ON_THRESHOLD) {
                lastVoicedWindow = windowIndex;
            }
            windowsBelow = 0;
            return null;
        }
        if (++windowsBelow < minSilenceWindows) {
            return null;
        }
        speaking = false;
        windowsAbove = 0;
        long now = (windowIndex + 1) * windowSamples;
        long end = Math.min(now, (lastVoicedWindow + 1) * windowSamples + postRollSamples);
        return new VadEvent(VadEvent.Kind.SPEECH_END, end);
    }

    /** Whole windows covering at least {@code ms}. */
    private int windows(int ms, int rate) {
        long samples = (long) rate * ms / 1000;
        return (int) Math.max(1, (samples + windowSamples - 1) / windowSamples);
    }
}
