package io.debabelizer.local.stt;

import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Encoding;
import io.debabelizer.local.Pcm16;

/**
 * Turns chunks of 16-bit PCM (any rate, any channel count, either byte order) into 16 kHz mono samples, carrying
 * partial frames and resampler phase from one chunk to the next.
 *
 * <p>Resampling is linear interpolation, preceded by a short moving-average low-pass when downsampling. It is good
 * enough for speech recognition at 8-48 kHz; swap in the core's band-limited resampler once it offers a streaming
 * form.
 */
final class StreamingPcmConverter {

    private final int channels;
    private final int frameBytes;
    private final boolean bigEndian;
    private final double step;
    private final int smoothing;
    private final byte[] leftover;
    private int leftoverLength;
    private double phase;
    private double previous;
    private final double[] history;
    private int historyPos;
    private double historySum;

    StreamingPcmConverter(AudioFormat format, String provider) {
        if (format.encoding() != Encoding.PCM_SIGNED || format.bitsPerSample() != 16 || format.channels() < 1
                || format.sampleRate() < 1000) {
            throw new InvalidInputException("live streaming to " + provider + " needs raw 16-bit signed PCM with a "
                    + "known sample rate and channel count, got " + format, provider, null, null);
        }
        this.channels = format.channels();
        this.frameBytes = 2 * channels;
        this.bigEndian = format.bigEndian();
        this.step = format.sampleRate() / (double) Pcm16.ENGINE_RATE;
        this.smoothing = step > 1.5 ? (int) Math.round(step) : 1;
        this.history = new double[smoothing];
        this.leftover = new byte[frameBytes];
    }

    /** The 16 kHz mono samples for {@code chunk} (and any bytes held back from the previous chunk). */
    short[] convert(byte[] chunk) {
        byte[] combined = new byte[leftoverLength + chunk.length];
        System.arraycopy(leftover, 0, combined, 0, leftoverLength);
        System.arraycopy(chunk, 0, combined, leftoverLength, chunk.length);
        int frames = combined.length / frameBytes;
        leftoverLength = combined.length - frames * frameBytes;
        System.arraycopy(combined, frames * frameBytes, leftover, 0, leftoverLength);
        return resample(downmix(combined, frames));
    }

    private double[] downmix(byte[] bytes, int frames) {
        double[] mono = new double[frames];
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int p = f * frameBytes + 2 * c;
                sum += bigEndian ? (short) ((bytes[p] << 8) | (bytes[p + 1] & 0xff))
                        : (short) ((bytes[p] & 0xff) | (bytes[p + 1] << 8));
            }
            mono[f] = lowPass(sum / (double) channels);
        }
        return mono;
    }

    private double lowPass(double x) {
        if (smoothing == 1) {
            return x;
        }
        historySum += x - history[historyPos];
        history[historyPos] = x;
        historyPos = (historyPos + 1) % smoothing;
        return historySum / smoothing;
    }

    private short[] resample(double[] in) {
        if (in.length == 0) {
            return new short[0];
        }
        if (step == 1.0) {
            short[] out = new short[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = clip(in[i]);
            }
            return out;
        }
        // phase: position of the next output sample relative to in[0]; index -1 is the previous chunk's last sample
        int count = Math.max(0, (int) Math.floor((in.length - 1 - phase) / step) + 1);
        short[] out = new short[count];
        double t = phase;
        for (int k = 0; k < count; k++, t += step) {
            int i = (int) Math.floor(t);
            double frac = t - i;
            double a = i < 0 ? previous : in[i];
            double b = in[i + 1 < in.length ? i + 1 : i];
            out[k] = clip(a + (b - a) * frac);
        }
        phase = t - in.length;
        previous = in[in.length - 1];
        return out;
    }

    private static short clip(double v) {
        return (short) Math.clamp(Math.round(v), Short.MIN_VALUE, Short.MAX_VALUE);
    }
}
