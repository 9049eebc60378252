package io.debabelizer.audio;

import java.util.Arrays;

/**
 * Band-limited sample-rate conversion by any rational ratio (polyphase Kaiser-windowed sinc; see
 * {@link PolyphaseFilterBank} for the design figures). Output frame {@code n} is the input signal evaluated at input
 * time {@code n * inRate / outRate}, so the output is not delayed; a one-shot conversion of N frames yields
 * {@code ceil(N * outRate / inRate)} frames.
 *
 * <p>Streaming: feed chunks to {@link #process}, then call {@link #flush} once at the end. The concatenated output
 * is identical, sample for sample, to {@link #resample(float[], int, int, int)} on the whole input; each chunk's
 * output lags its input by {@link #latencyFrames()} input frames. Not thread-safe (one instance per stream).
 */
public final class Resampler {

    private final int inRate;
    private final int outRate;
    private final int channels;
    private final PolyphaseFilterBank bank;
    /** Interleaved input history; frame {@code k} of the stream is at {@code (k - historyStart) * channels}. */
    private float[] history;
    private int historyFrames;
    private long historyStart;
    private long inputFrames;
    private long nextOutput;
    private boolean flushed;

    private Resampler(int inRate, int outRate, int channels) {
        if (inRate <= 0 || outRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("rates and channel count must be positive: " + inRate + " -> "
                    + outRate + " Hz, " + channels + " channels");
        }
        this.inRate = inRate;
        this.outRate = outRate;
        this.channels = channels;
        this.bank = inRate == outRate ? null : PolyphaseFilterBank.of(inRate, outRate);
        reset();
    }

    public static Resampler create(int inRate, int outRate, int channels) {
        return new Resampler(inRate, outRate, channels);
    }

    /** Resamples a whole interleaved signal. Returns the input itself when the rates are equal. */
    public static float[] resample(float[] interleaved, int channels, int inRate, int outRate) {
        if (inRate == outRate) {
            return interleaved;
        }
        Resampler resampler = new Resampler(inRate, outRate, channels);
        float[] body = resampler.process(interleaved);
        float[] tail = resampler.flush();
        float[] out = Arrays.copyOf(body, body.length + tail.length);
        System.arraycopy(tail, 0, out, body.length, tail.length);
        return out;
    }

    /** Resamples whole mono 16-bit audio. */
    public static short[] resample(short[] mono, int inRate, int outRate) {
        if (inRate == outRate) {
            return mono;
        }
        return Pcm.toShorts(resample(Pcm.toFloat(mono), 1, inRate, outRate));
    }

    /** Forgets all input, ready for a new stream. */
    public void reset() {
        int lead = bank == null ? 0 : bank.half - 1; // silence before the first sample
        history = new float[Math.max(1024, 4 * lead) * channels];
        historyFrames = lead;
        historyStart = -lead;
        inputFrames = 0;
        nextOutput = 0;
        flushed = false;
    }

    /** Input frames that must follow a sample before the output around it can be computed. */
    public int latencyFrames() {
        return bank == null ? 0 : bank.half;
    }

    /**
     * Takes the next interleaved chunk (a whole number of frames) and returns the output frames that can now be
     * computed.
     */
    public float[] process(float[] interleaved) {
        if (flushed) {
            throw new IllegalStateException("resampler already flushed; call reset() for a new stream");
        }
        if (interleaved.length % channels != 0) {
            throw new IllegalArgumentException("chunk of " + interleaved.length + " samples is not a whole number of "
                    + channels + "-channel frames");
        }
        if (bank == null) {
            return interleaved.clone();
        }
        append(interleaved, interleaved.length / channels);
        inputFrames += interleaved.length / channels;
        return produce(inputFrames - 1 - bank.half);
    }

    /** Ends the stream: returns the remaining output, computed as if silence followed the input. */
    public float[] flush() {
        if (flushed) {
            throw new IllegalStateException("resampler already flushed");
        }
        flushed = true;
        if (bank == null) {
            return new float[0];
        }
        append(new float[bank.half * channels], bank.half);
        return produce(inputFrames - 1);
    }

    /** Computes outputs while their center input frame is at most {@code lastCenter} and within the stream. */
    private float[] produce(long lastCenter) {
        long total = ceilDiv(inputFrames * bank.up, bank.down);
        // output n has center floor(n * down / up) <= lastCenter  <=>  n < ceil((lastCenter + 1) * up / down)
        long end = lastCenter < 0 ? nextOutput : Math.min(total, ceilDiv((lastCenter + 1) * bank.up, bank.down));
        end = Math.max(end, nextOutput);
        int count = (int) (end - nextOutput);
        float[] out = new float[count * channels];
        for (int o = 0; o < count; o++, nextOutput++) {
            long position = nextOutput * bank.down;
            long center = position / bank.up;
            int phase = (int) (position % bank.up);
            int first = (int) (center - bank.half + 1 - historyStart) * channels;
            for (int c = 0; c < channels; c++) {
                out[o * channels + c] = bank.exact ? dot(bank.phases[phase], first + c)
                        : interpolatedDot(phase, first + c);
            }
        }
        discardBefore(nextOutput * bank.down / bank.up - bank.half + 1);
        return out;
    }

    private float dot(float[] taps, int start) {
        float[] h = history;
        int stride = channels;
        float s0 = 0;
        float s1 = 0;
        int m = 0;
        int p = start;
        for (; m + 1 < taps.length; m += 2, p += 2 * stride) {
            s0 += taps[m] * h[p];
            s1 += taps[m + 1] * h[p + stride];
        }
        for (; m < taps.length; m++, p += stride) {
            s0 += taps[m] * h[p];
        }
        return s0 + s1;
    }

    private float interpolatedDot(int phase, int start) {
        double position = (double) phase * PolyphaseFilterBank.MAX_PHASES / bank.up;
        int index = (int) position;
        float weight = (float) (position - index);
        return dot(bank.phases[index], start) * (1 - weight) + dot(bank.phases[index + 1], start) * weight;
    }

    private void append(float[] interleaved, int frames) {
        int needed = (historyFrames + frames) * channels;
        if (needed > history.length) {
            history = Arrays.copyOf(history, Math.max(needed, history.length * 2));
        }
        System.arraycopy(interleaved, 0, history, historyFrames * channels, frames * channels);
        historyFrames += frames;
    }

    /** Drops history older than stream frame {@code keepFrom}, which no later output needs. */
    private void discardBefore(long keepFrom) {
        int drop = (int) Math.min(historyFrames, Math.max(0, keepFrom - historyStart));
        if (drop < 4096 && drop * 2 < historyFrames) {
            return; // amortize: shift only when a good share of the buffer is stale
        }
        System.arraycopy(history, drop * channels, history, 0, (historyFrames - drop) * channels);
        historyFrames -= drop;
        historyStart += drop;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    public int inputRate() {
        return inRate;
    }

    public int outputRate() {
        return outRate;
    }

    public int channels() {
        return channels;
    }
}
