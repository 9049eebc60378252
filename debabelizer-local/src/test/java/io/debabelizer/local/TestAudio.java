package io.debabelizer.local;

/** Synthetic signals for robustness tests. */
public final class TestAudio {

    private TestAudio() {
    }

    public static short[] silence(double seconds) {
        return new short[(int) (seconds * 16_000)];
    }

    public static short[] tone(double seconds, double hz, double amplitude) {
        short[] s = new short[(int) (seconds * 16_000)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / 16_000));
        }
        return s;
    }

    /**
     * Speech-like bursts: 250 ms "syllables" of a tone separated by 60 ms gaps, shorter than any VAD hangover but,
     * like the gaps between real words, quiet enough to show the detector where the floor is.
     */
    public static short[] syllables(double seconds, double hz, double amplitude) {
        short[] s = tone(seconds, hz, amplitude);
        int period = (int) (0.31 * 16_000);
        int on = (int) (0.25 * 16_000);
        for (int i = 0; i < s.length; i++) {
            if (i % period >= on) {
                s[i] = 0;
            }
        }
        return s;
    }

    /** Speech driven into hard clipping (gain x20). */
    public static short[] clipped(short[] speech) {
        short[] out = new short[speech.length];
        for (int i = 0; i < speech.length; i++) {
            out[i] = (short) Math.clamp(speech[i] * 20L, Short.MIN_VALUE, Short.MAX_VALUE);
        }
        return out;
    }

    public static short[] concat(short[]... parts) {
        int n = 0;
        for (short[] p : parts) {
            n += p.length;
        }
        short[] out = new short[n];
        int pos = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }
}
