package io.debabelizer.benchmarks.common;

import java.util.Arrays;

/** Nearest-rank percentiles of nanosecond samples (shared by the live-stream harnesses of every provider). */
public final class Percentiles {

    private Percentiles() {
    }

    /** The p-th percentile (0 < p ≤ 100) of {@code samples} in microseconds; NaN when there are none. */
    public static double micros(long[] samples, double p) {
        return nanos(samples, p) / 1000.0;
    }

    /** The p-th percentile in milliseconds. */
    public static double millis(long[] samples, double p) {
        return nanos(samples, p) / 1_000_000.0;
    }

    public static double nanos(long[] samples, double p) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        long[] s = samples.clone();
        Arrays.sort(s);
        int i = (int) Math.min(s.length - 1, Math.ceil(p / 100.0 * s.length) - 1);
        return s[Math.max(0, i)];
    }

    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
