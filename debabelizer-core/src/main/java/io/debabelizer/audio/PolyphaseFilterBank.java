package io.debabelizer.audio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The coefficients of a Kaiser-windowed sinc low-pass filter, split into polyphase branches for resampling by
 * {@code up/down}. Branch {@code p} holds the taps for output positions that fall {@code p/up} of an input sample
 * past an input sample; each branch is normalized to unity gain at DC.
 *
 * <p>Design: pass band flat to {@value #PASS_EDGE} of the lower Nyquist frequency, stop band from that Nyquist
 * frequency on, {@value #STOPBAND_DB} dB of attenuation. Ratios with more than {@value #MAX_PHASES} branches
 * (unusual rates) get {@value #MAX_PHASES} + 1 branches between which the resampler interpolates linearly.
 * Banks are immutable and cached per rate pair.
 */
final class PolyphaseFilterBank {

    static final double PASS_EDGE = 0.91;
    static final double STOPBAND_DB = 100;
    static final int MAX_PHASES = 2048;
    private static final int CACHE_LIMIT = 64;
    private static final Map<Long, PolyphaseFilterBank> CACHE = new ConcurrentHashMap<>();

    final int up;
    final int down;
    /** Input frames each branch spans on either side: taps = 2 * half. */
    final int half;
    /** Whether {@link #phases} has one branch per {@code up} (else interpolation between tabulated branches). */
    final boolean exact;
    final float[][] phases;

    private PolyphaseFilterBank(int inRate, int outRate) {
        int gcd = gcd(inRate, outRate);
        up = outRate / gcd;
        down = inRate / gcd;
        double nyquist = Math.min(inRate, outRate) / 2.0;
        double transition = nyquist * (1 - PASS_EDGE) / inRate; // cycles per input sample
        double cutoff = nyquist * (1 + PASS_EDGE) / 2 / inRate;
        double beta = 0.1102 * (STOPBAND_DB - 8.7);
        int length = (int) Math.ceil((STOPBAND_DB - 7.95) / (14.36 * transition)) + 1;
        half = (length + 1) / 2;
        exact = up <= MAX_PHASES;
        int count = exact ? up : MAX_PHASES + 1;
        int resolution = exact ? up : MAX_PHASES;
        phases = new float[count][];
        double i0Beta = besselI0(beta);
        for (int p = 0; p < count; p++) {
            phases[p] = branch((double) p / resolution, cutoff, beta, i0Beta);
        }
    }

    static PolyphaseFilterBank of(int inRate, int outRate) {
        long key = (long) inRate << 32 | outRate;
        PolyphaseFilterBank bank = CACHE.get(key);
        if (bank == null) {
            bank = new PolyphaseFilterBank(inRate, outRate);
            if (CACHE.size() < CACHE_LIMIT) {
                CACHE.putIfAbsent(key, bank);
            }
        }
        return bank;
    }

    /** Taps for input frames {@code i-half+1 .. i+half} when the output lies {@code fraction} past frame i. */
    private float[] branch(double fraction, double cutoff, double beta, double i0Beta) {
        double[] taps = new double[2 * half];
        double sum = 0;
        for (int m = 0; m < taps.length; m++) {
            double t = m - half + 1 - fraction; // distance from the output position, in input samples
            double x = t / half;
            double window = Math.abs(x) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - x * x)) / i0Beta;
            taps[m] = 2 * cutoff * sinc(2 * cutoff * t) * window;
            sum += taps[m];
        }
        float[] out = new float[taps.length];
        for (int m = 0; m < taps.length; m++) {
            out[m] = (float) (taps[m] / sum);
        }
        return out;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Modified Bessel function of the first kind, order 0 (power series; converges fast for beta below 20). */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; k < 200 && term > sum * 1e-17; k++) {
            term *= quarterSquare / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
