package io.debabelizer.local.tts;

/** Volume change in dB with clipping, for engines that have no volume control of their own. */
final class Gain {

    private Gain() {
    }

    static short[] apply(short[] samples, double db) {
        if (db == 0) {
            return samples;
        }
        double factor = Math.pow(10, db / 20);
        short[] out = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (short) Math.clamp(Math.round(samples[i] * factor), Short.MIN_VALUE, Short.MAX_VALUE);
        }
        return out;
    }
}
