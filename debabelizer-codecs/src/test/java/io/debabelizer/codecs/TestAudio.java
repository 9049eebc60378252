package io.debabelizer.codecs;

import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Fixture loading and the small bits of signal analysis the decoder tests need. */
final class TestAudio {

    /** Level of the fixtures' tone: a sine at half of full scale has an RMS of 0.5/sqrt(2), about -9 dBFS. */
    static final double TONE_RMS_DBFS = 20 * Math.log10(0.5 / Math.sqrt(2));

    private TestAudio() {
    }

    static byte[] resource(String name) {
        try (InputStream in = TestAudio.class.getResourceAsStream("/audio/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AudioData audio(Container container, Encoding encoding, byte[] bytes) {
        return AudioData.of(new AudioFormat(container, encoding, 0, 0, 0), bytes);
    }

    static AudioData audio(Container container, Encoding encoding, String resource) {
        return audio(container, encoding, resource(resource));
    }

    /** Sample frames in 16-bit PCM. */
    static long frames(AudioData pcm) {
        return pcm.size() / (2L * pcm.format().channels());
    }

    /** One channel of interleaved 16-bit little-endian PCM, scaled to [-1, 1). */
    static double[] channel(AudioData pcm, int channel) {
        int channels = pcm.format().channels();
        ByteBuffer buffer = pcm.buffer().order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[pcm.size() / (2 * channels)];
        for (int i = 0; i < out.length; i++) {
            out[i] = buffer.getShort((i * channels + channel) * 2) / 32768.0;
        }
        return out;
    }

    /** The middle half of a signal: away from encoder ramps at either end. */
    static double[] middle(double[] signal) {
        int from = signal.length / 4;
        double[] out = new double[signal.length / 2];
        System.arraycopy(signal, from, out, 0, out.length);
        return out;
    }

    static double rmsDbfs(double[] signal) {
        double sum = 0;
        for (double s : signal) {
            sum += s * s;
        }
        return 10 * Math.log10(sum / signal.length);
    }

    /** Power of one frequency (Goertzel, Hann-windowed). */
    static double power(double[] signal, double frequency, int sampleRate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0;
        double beforePrevious = 0;
        int n = signal.length;
        for (int i = 0; i < n; i++) {
            double window = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
            double current = signal[i] * window + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    }

    /** The strongest frequency on a 25 Hz grid from 100 Hz up to just below Nyquist. */
    static double dominantFrequency(double[] signal, int sampleRate) {
        double best = 0;
        double bestPower = -1;
        for (double f = 100; f < sampleRate / 2.0 - 100; f += 25) {
            double p = power(signal, f, sampleRate);
            if (p > bestPower) {
                bestPower = p;
                best = f;
            }
        }
        return best;
    }

    /** Pearson correlation of two equally long signals. */
    static double correlation(double[] a, double[] b) {
        int n = Math.min(a.length, b.length);
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < n; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= n;
        meanB /= n;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++) {
            ab += (a[i] - meanA) * (b[i] - meanB);
            aa += (a[i] - meanA) * (a[i] - meanA);
            bb += (b[i] - meanB) * (b[i] - meanB);
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** Every {@code factor}-th sample: enough to compare band-limited speech decoded at 48 kHz with 16 kHz. */
    static double[] decimate(double[] signal, int factor) {
        double[] out = new double[signal.length / factor];
        for (int i = 0; i < out.length; i++) {
            out[i] = signal[i * factor];
        }
        return out;
    }

    /** The speech reference: the lossless FLAC fixture of the first second of jfk.wav. */
    static double[] jfkReference() {
        return channel(new FlacDecoder().decode(audio(Container.FLAC, Encoding.FLAC, "jfk-16000-mono-16bit.flac")), 0);
    }
}
