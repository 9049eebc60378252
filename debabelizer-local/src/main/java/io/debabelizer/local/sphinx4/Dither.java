package io.debabelizer.local.sphinx4;

import java.util.SplittableRandom;

/**
 * Adds ±2 LSB of noise. Sphinx4 throws a NullPointerException in its lattice code on exact digital silence (every
 * frame identical); a trace of noise, far below anything audible or recognisable, avoids that.
 */
final class Dither {

    private Dither() {
    }

    /** A dithered copy; the seed is fixed so the same audio always gives the same transcript. */
    static short[] apply(short[] samples) {
        SplittableRandom random = new SplittableRandom(0x5EED);
        short[] out = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (short) Math.clamp(samples[i] + random.nextInt(-2, 3), Short.MIN_VALUE, Short.MAX_VALUE);
        }
        return out;
    }
}
