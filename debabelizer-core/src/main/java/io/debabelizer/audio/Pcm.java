package io.debabelizer.audio;

import io.debabelizer.UnsupportedFormatException;

/**
 * Sample conversions for uncompressed audio: bytes in any {@link AudioFormat} the toolkit reads (signed/unsigned
 * 8–32-bit integers, 32/64-bit float, µ-law, A-law; either byte order) to and from normalized floats
 * ({@code [-1, 1)}) or 16-bit samples, plus channel mixing and (de)interleaving. Samples stay interleaved unless a
 * method says otherwise. The container field of the formats is ignored.
 */
public final class Pcm {

    private static final float SCALE_16 = 1f / 32768f;

    private Pcm() {
    }

    /** Decodes bytes to interleaved normalized floats; a trailing partial sample is ignored. */
    public static float[] toFloat(byte[] data, AudioFormat format) {
        return toFloat(data, 0, data.length, format);
    }

    public static float[] toFloat(byte[] data, int offset, int length, AudioFormat format) {
        int width = sampleWidth(format);
        int count = length / width;
        float[] out = new float[count];
        boolean be = format.bigEndian();
        switch (format.encoding()) {
            case MULAW -> {
                for (int i = 0; i < count; i++) {
                    out[i] = G711.mulawToLinear(data[offset + i]) * SCALE_16;
                }
            }
            case ALAW -> {
                for (int i = 0; i < count; i++) {
                    out[i] = G711.alawToLinear(data[offset + i]) * SCALE_16;
                }
            }
            case PCM_FLOAT -> {
                for (int i = 0, p = offset; i < count; i++, p += width) {
                    long bits = readInt(data, p, width, be);
                    out[i] = width == 4 ? Float.intBitsToFloat((int) bits) : (float) Double.longBitsToDouble(bits);
                }
            }
            case PCM_SIGNED, PCM_UNSIGNED -> {
                boolean unsigned = format.encoding() == Encoding.PCM_UNSIGNED;
                int shift = 64 - 8 * width;
                double scale = 1.0 / (1L << (8 * width - 1));
                for (int i = 0, p = offset; i < count; i++, p += width) {
                    long raw = readInt(data, p, width, be);
                    long value = unsigned ? raw - (1L << (8 * width - 1)) : raw << shift >> shift;
                    out[i] = (float) (value * scale);
                }
            }
            default -> throw notPcm(format);
        }
        return out;
    }

    /** Encodes interleaved normalized floats (clipped to [-1, 1]) into {@code format}'s sample coding. */
    public static byte[] fromFloat(float[] samples, AudioFormat format) {
        int width = sampleWidth(format);
        byte[] out = new byte[samples.length * width];
        boolean be = format.bigEndian();
        switch (format.encoding()) {
            case MULAW -> {
                for (int i = 0; i < samples.length; i++) {
                    out[i] = G711.linearToMulaw(toShort(samples[i]));
                }
            }
            case ALAW -> {
                for (int i = 0; i < samples.length; i++) {
                    out[i] = G711.linearToAlaw(toShort(samples[i]));
                }
            }
            case PCM_FLOAT -> {
                for (int i = 0, p = 0; i < samples.length; i++, p += width) {
                    long bits = width == 4 ? Float.floatToRawIntBits(samples[i]) & 0xFFFFFFFFL
                            : Double.doubleToRawLongBits(samples[i]);
                    writeInt(out, p, width, be, bits);
                }
            }
            case PCM_SIGNED, PCM_UNSIGNED -> {
                boolean unsigned = format.encoding() == Encoding.PCM_UNSIGNED;
                long max = (1L << (8 * width - 1)) - 1;
                long min = -max - 1;
                for (int i = 0, p = 0; i < samples.length; i++, p += width) {
                    long value = Math.clamp(Math.round(samples[i] * (double) (max + 1)), min, max);
                    writeInt(out, p, width, be, unsigned ? value - min : value);
                }
            }
            default -> throw notPcm(format);
        }
        return out;
    }

    /** Decodes bytes to interleaved 16-bit samples (little-endian 16-bit input is read directly). */
    public static short[] toShorts(byte[] data, AudioFormat format) {
        if (format.encoding() == Encoding.PCM_SIGNED && format.bitsPerSample() == 16) {
            short[] out = new short[data.length / 2];
            int hi = format.bigEndian() ? 0 : 1;
            for (int i = 0; i < out.length; i++) {
                out[i] = (short) (data[2 * i + hi] << 8 | data[2 * i + 1 - hi] & 0xFF);
            }
            return out;
        }
        if (format.encoding() == Encoding.MULAW) {
            return G711.decodeMulaw(data);
        }
        if (format.encoding() == Encoding.ALAW) {
            return G711.decodeAlaw(data);
        }
        return toShorts(toFloat(data, format));
    }

    /** 16-bit samples as little-endian bytes. */
    public static byte[] fromShorts(short[] samples) {
        return fromShorts(samples, false);
    }

    public static byte[] fromShorts(short[] samples, boolean bigEndian) {
        byte[] out = new byte[samples.length * 2];
        int hi = bigEndian ? 0 : 1;
        for (int i = 0; i < samples.length; i++) {
            out[2 * i + hi] = (byte) (samples[i] >> 8);
            out[2 * i + 1 - hi] = (byte) samples[i];
        }
        return out;
    }

    public static float[] toFloat(short[] samples) {
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = samples[i] * SCALE_16;
        }
        return out;
    }

    /** Rounds and clips normalized floats to 16-bit samples. */
    public static short[] toShorts(float[] samples) {
        short[] out = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = toShort(samples[i]);
        }
        return out;
    }

    static short toShort(float sample) {
        return (short) Math.clamp(Math.round(sample * 32768f), Short.MIN_VALUE, Short.MAX_VALUE);
    }

    /** Averages the channels of each frame into one. */
    public static float[] downmix(float[] interleaved, int channels) {
        if (channels == 1) {
            return interleaved;
        }
        float[] out = new float[interleaved.length / channels];
        float gain = 1f / channels;
        for (int f = 0, p = 0; f < out.length; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[p++];
            }
            out[f] = sum * gain;
        }
        return out;
    }

    public static short[] downmix(short[] interleaved, int channels) {
        if (channels == 1) {
            return interleaved;
        }
        short[] out = new short[interleaved.length / channels];
        for (int f = 0, p = 0; f < out.length; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[p++];
            }
            out[f] = (short) Math.round((float) sum / channels);
        }
        return out;
    }

    /**
     * Changes the channel count: to mono by averaging, from mono by copying into every channel, otherwise through
     * mono. Returns the input itself when the counts are equal.
     */
    public static float[] remix(float[] interleaved, int fromChannels, int toChannels) {
        if (fromChannels == toChannels) {
            return interleaved;
        }
        float[] mono = downmix(interleaved, fromChannels);
        if (toChannels == 1) {
            return mono;
        }
        float[] out = new float[mono.length * toChannels];
        for (int f = 0, p = 0; f < mono.length; f++) {
            for (int c = 0; c < toChannels; c++) {
                out[p++] = mono[f];
            }
        }
        return out;
    }

    /** Splits interleaved samples into one array per channel. */
    public static float[][] deinterleave(float[] interleaved, int channels) {
        int frames = interleaved.length / channels;
        float[][] out = new float[channels][frames];
        for (int f = 0, p = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                out[c][f] = interleaved[p++];
            }
        }
        return out;
    }

    /** Joins per-channel arrays (of equal length) into interleaved samples. */
    public static float[] interleave(float[][] channels) {
        int frames = channels[0].length;
        float[] out = new float[frames * channels.length];
        for (int f = 0, p = 0; f < frames; f++) {
            for (float[] channel : channels) {
                out[p++] = channel[f];
            }
        }
        return out;
    }

    /** Reverses the byte order of every {@code bytesPerSample}-byte sample (a new array). */
    public static byte[] swapByteOrder(byte[] data, int bytesPerSample) {
        byte[] out = new byte[data.length - data.length % bytesPerSample];
        for (int p = 0; p < out.length; p += bytesPerSample) {
            for (int i = 0; i < bytesPerSample; i++) {
                out[p + i] = data[p + bytesPerSample - 1 - i];
            }
        }
        return out;
    }

    /**
     * Converts sample coding, bit depth, byte order and channel count (not the rate). Returns {@code data} itself
     * when the layouts already match.
     */
    public static byte[] convert(byte[] data, AudioFormat from, AudioFormat to) {
        if (sameLayout(from, to)) {
            return data;
        }
        if (from.channels() == to.channels() && from.encoding() == to.encoding()
                && from.bitsPerSample() == to.bitsPerSample() && from.bitsPerSample() > 8) {
            return swapByteOrder(data, sampleWidth(from));
        }
        return fromFloat(remix(toFloat(data, from), from.channels(), to.channels()), to);
    }

    /** Whether two formats lay samples out identically (encoding, bits, channels, byte order where it matters). */
    static boolean sameLayout(AudioFormat a, AudioFormat b) {
        return a.encoding() == b.encoding() && a.bitsPerSample() == b.bitsPerSample() && a.channels() == b.channels()
                && (a.bitsPerSample() <= 8 || a.bigEndian() == b.bigEndian());
    }

    /** Bytes per sample of one channel. */
    static int sampleWidth(AudioFormat format) {
        int bits = format.bitsPerSample();
        boolean valid = switch (format.encoding()) {
            case MULAW, ALAW -> bits == 8;
            case PCM_FLOAT -> bits == 32 || bits == 64;
            case PCM_SIGNED, PCM_UNSIGNED -> bits == 8 || bits == 16 || bits == 24 || bits == 32;
            default -> false;
        };
        if (!valid) {
            throw notPcm(format);
        }
        return bits / 8;
    }

    private static UnsupportedFormatException notPcm(AudioFormat format) {
        return new UnsupportedFormatException("not a PCM or G.711 layout the toolkit can convert: " + format);
    }

    private static long readInt(byte[] b, int at, int width, boolean bigEndian) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            int index = bigEndian ? at + i : at + width - 1 - i;
            v = v << 8 | (b[index] & 0xFF);
        }
        return v;
    }

    private static void writeInt(byte[] b, int at, int width, boolean bigEndian, long value) {
        for (int i = 0; i < width; i++) {
            int index = bigEndian ? at + width - 1 - i : at + i;
            b[index] = (byte) (value >>> (8 * i));
        }
    }
}
