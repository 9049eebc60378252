package io.debabelizer.audio;

/**
 * ITU-T G.711 µ-law and A-law companding between 8-bit codes and signed 16-bit linear samples. Decoding uses
 * 256-entry tables; encoding uses the segment algorithm of the recommendation (µ-law on 14 bits with bias 33,
 * A-law on 13 bits), precomputed into tables indexed by the top bits of the sample.
 */
public final class G711 {

    private static final short[] MULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];
    /** µ-law code for each 14-bit sample (index = sample >> 2, offset by 8192). */
    private static final byte[] LINEAR14_TO_MULAW = new byte[1 << 14];
    /** A-law code for each 13-bit sample (index = sample >> 3, offset by 4096). */
    private static final byte[] LINEAR13_TO_ALAW = new byte[1 << 13];

    static {
        for (int code = 0; code < 256; code++) {
            MULAW_TO_LINEAR[code] = (short) computeMulawToLinear(code);
            ALAW_TO_LINEAR[code] = (short) computeAlawToLinear(code);
        }
        for (int i = 0; i < LINEAR14_TO_MULAW.length; i++) {
            LINEAR14_TO_MULAW[i] = (byte) computeLinearToMulaw((i - 8192) << 2);
        }
        for (int i = 0; i < LINEAR13_TO_ALAW.length; i++) {
            LINEAR13_TO_ALAW[i] = (byte) computeLinearToAlaw((i - 4096) << 3);
        }
    }

    private G711() {
    }

    public static byte linearToMulaw(short sample) {
        return LINEAR14_TO_MULAW[(sample >> 2) + 8192];
    }

    public static short mulawToLinear(byte code) {
        return MULAW_TO_LINEAR[code & 0xFF];
    }

    public static byte linearToAlaw(short sample) {
        return LINEAR13_TO_ALAW[(sample >> 3) + 4096];
    }

    public static short alawToLinear(byte code) {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    public static byte[] encodeMulaw(short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = LINEAR14_TO_MULAW[(samples[i] >> 2) + 8192];
        }
        return out;
    }

    public static short[] decodeMulaw(byte[] codes) {
        short[] out = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = MULAW_TO_LINEAR[codes[i] & 0xFF];
        }
        return out;
    }

    public static byte[] encodeAlaw(short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = LINEAR13_TO_ALAW[(samples[i] >> 3) + 4096];
        }
        return out;
    }

    public static short[] decodeAlaw(byte[] codes) {
        short[] out = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = ALAW_TO_LINEAR[codes[i] & 0xFF];
        }
        return out;
    }

    /** µ-law: bias the 14-bit magnitude by 33, find the segment (highest set bit), keep 4 mantissa bits, invert. */
    private static int computeLinearToMulaw(int sample16) {
        int value = sample16 >> 2;
        int mask = 0xFF;
        if (value < 0) {
            value = -value;
            mask = 0x7F;
        }
        value = Math.min(value, 8159) + 33;
        int segment = value < 64 ? 0 : 32 - Integer.numberOfLeadingZeros(value >> 6);
        if (segment >= 8) {
            return 0x7F ^ mask;
        }
        int code = segment << 4 | (value >> (segment + 1) & 0x0F);
        return code ^ mask;
    }

    private static int computeMulawToLinear(int code) {
        int u = ~code & 0xFF;
        int magnitude = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84;
    }

    /** A-law: 13-bit magnitude, segment from the highest set bit, 4 mantissa bits, even bits inverted (0x55). */
    private static int computeLinearToAlaw(int sample16) {
        int value = sample16 >> 3;
        int mask;
        if (value >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            value = -value - 1;
        }
        int segment = value < 32 ? 0 : 32 - Integer.numberOfLeadingZeros(value >> 5);
        if (segment >= 8) {
            return 0x7F ^ mask;
        }
        int mantissa = segment < 2 ? value >> 1 & 0x0F : value >> segment & 0x0F;
        return (segment << 4 | mantissa) ^ mask;
    }

    private static int computeAlawToLinear(int code) {
        int a = code ^ 0x55;
        int magnitude = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        magnitude = switch (segment) {
            case 0 -> magnitude + 8;
            case 1 -> magnitude + 0x108;
            default -> (magnitude + 0x108) << (segment - 1);
        };
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }
}
