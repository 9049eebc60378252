package io.debabelizer.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Test helpers: fixtures, the shared speech recordings, tones and level measurement. */
final class TestAudio {

    private TestAudio() {
    }

    /** A fixture from {@code src/test/resources/audio}. */
    static byte[] fixture(String name) {
        try (InputStream in = TestAudio.class.getResourceAsStream("/audio/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shared speech folder: {@code shared/speech} beside the repository (in CI a fresh clone with
     * {@code ../shared} next to it), found by walking up from the working directory.
     */
    static Optional<Path> sharedSpeech() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("speech");
            if (dir.getParent() != null && Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static float[] tone(double frequency, int rate, double seconds, double amplitude) {
        float[] out = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return out;
    }

    /**
     * Level in dBFS of the component at {@code frequency} (amplitude 1 = 0 dB), measured over the middle of the
     * signal with a Hann window so that filter start-up and end effects are excluded.
     */
    static double toneLevelDb(float[] signal, int rate, double frequency) {
        int from = signal.length / 4;
        int length = signal.length / 2;
        double re = 0;
        double im = 0;
        double windowSum = 0;
        for (int i = 0; i < length; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (length - 1));
            double phase = 2 * Math.PI * frequency * (from + i) / rate;
            re += w * signal[from + i] * Math.cos(phase);
            im += w * signal[from + i] * Math.sin(phase);
            windowSum += w;
        }
        double amplitude = 2 * Math.hypot(re, im) / windowSum;
        return 20 * Math.log10(Math.max(amplitude, 1e-12));
    }

    /** RMS level in dBFS of the middle half (a full-scale sine reads -3 dB). */
    static double rmsDb(float[] signal) {
        int from = signal.length / 4;
        int to = from + signal.length / 2;
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) signal[i] * signal[i];
        }
        return 10 * Math.log10(Math.max(sum / (to - from), 1e-24));
    }

    /** The frequency with the most energy, searched over [lo, hi] in 1 Hz steps (coarse but deterministic). */
    static double dominantFrequency(float[] signal, int rate, double lo, double hi) {
        double best = lo;
        double bestDb = -1000;
        for (double f = lo; f <= hi; f += 1) {
            double db = toneLevelDb(signal, rate, f);
            if (db > bestDb) {
                bestDb = db;
                best = f;
            }
        }
        return best;
    }
}
