package io.debabelizer.audio;

import io.debabelizer.UnsupportedFormatException;
import java.util.Arrays;

/**
 * Reads and writes WAV files. Reading accepts PCM 8–32-bit, IEEE float, µ-law and A-law, plain or
 * WAVE_FORMAT_EXTENSIBLE, RIFF or RF64, with any extra chunks; writing produces canonical little-endian files
 * (8-bit PCM unsigned, as WAV requires).
 */
public final class Wav {

    private static final int MAX_UINT32 = -1;

    private Wav() {
    }

    /** The samples of a WAV file as {@link Container#RAW} audio in the file's own format. */
    public static AudioData read(byte[] wav) {
        WavHeader header = layout(wav);
        byte[] samples = Arrays.copyOfRange(wav, header.dataOffset(), header.dataOffset() + header.dataLength());
        return AudioData.wrap(header.format().withContainer(Container.RAW), samples);
    }

    /** Reads {@link Container#WAV} audio; see {@link #read(byte[])}. */
    public static AudioData read(AudioData wav) {
        if (wav.format().container() != Container.WAV) {
            throw new UnsupportedFormatException("not WAV audio: " + wav.format());
        }
        return read(wav.array());
    }

    /** Parses the header only: the sample format and where the samples lie, without copying them. */
    static WavHeader layout(byte[] wav) {
        if (!WavHeader.matches(wav)) {
            throw new UnsupportedFormatException(wav.length < 12 ? "truncated WAV header" : "not a WAV file");
        }
        WavHeader header = WavHeader.parse(wav);
        if (!header.format().encoding().isUncompressed() || header.format().frameSize() == 0) {
            throw new UnsupportedFormatException("WAV with " + header.format()
                    + " samples is not supported (PCM, IEEE float, µ-law and A-law are)");
        }
        Pcm.sampleWidth(header.format()); // rejects odd bit depths such as 12 or 20 bits
        if (header.dataOffset() < 0) {
            throw new UnsupportedFormatException("truncated WAV file: no data chunk");
        }
        return header;
    }

    /** A WAV file holding {@code raw} samples (any uncompressed format; big-endian input is swapped). */
    public static byte[] write(AudioData raw) {
        return write(raw.format(), raw.bytes());
    }

    /** A WAV file holding {@code samples} laid out as {@code format} says (its container is ignored). */
    public static byte[] write(AudioFormat format, byte[] samples) {
        AudioFormat target = fileFormat(format);
        byte[] body = Pcm.convert(samples, format, target);
        int frame = target.frameSize();
        int length = body.length - body.length % frame;
        byte[] header = header(target, length);
        byte[] out = Arrays.copyOf(header, header.length + length + (length & 1));
        System.arraycopy(body, 0, out, header.length, length);
        return out;
    }

    /**
     * The header for {@code dataLength} bytes of samples in {@code format}. Streaming writers that do not know the
     * length yet pass -1 (sizes are then written as 0xFFFFFFFF, which readers take as "to end of file") and may
     * rewrite the header later. PCM gets the canonical 44-byte header; float and G.711 get an 18-byte fmt chunk and
     * a fact chunk (58 bytes), as the WAV specification asks for non-PCM data.
     */
    public static byte[] header(AudioFormat format, long dataLength) {
        AudioFormat f = fileFormat(format);
        int tag = switch (f.encoding()) {
            case PCM_FLOAT -> WavHeader.TAG_FLOAT;
            case MULAW -> WavHeader.TAG_MULAW;
            case ALAW -> WavHeader.TAG_ALAW;
            default -> WavHeader.TAG_PCM;
        };
        boolean pcm = tag == WavHeader.TAG_PCM;
        int headerLength = pcm ? 44 : 58;
        boolean known = dataLength >= 0 && dataLength + headerLength <= 0xFFFFFFFFL;
        long padded = known ? dataLength + (dataLength & 1) : 0;
        Writer w = new Writer(headerLength);
        w.ascii("RIFF").u32(known ? (int) (headerLength - 8 + padded) : MAX_UINT32).ascii("WAVE");
        w.ascii("fmt ").u32(pcm ? 16 : 18).u16(tag).u16(f.channels()).u32(f.sampleRate()).u32(f.bytesPerSecond())
                .u16(f.frameSize()).u16(f.bitsPerSample());
        if (!pcm) {
            w.u16(0);
            long frames = known ? dataLength / f.frameSize() : MAX_UINT32 & 0xFFFFFFFFL;
            w.ascii("fact").u32(4).u32((int) frames);
        }
        w.ascii("data").u32(known ? (int) dataLength : MAX_UINT32);
        return w.bytes;
    }

    /** The layout WAV stores {@code format} as: little-endian, 8-bit PCM unsigned. */
    private static AudioFormat fileFormat(AudioFormat format) {
        if (!format.isUncompressed()) {
            throw new UnsupportedFormatException("cannot write " + format + " as WAV: sample rate, channels and an "
                    + "uncompressed encoding are needed");
        }
        Pcm.sampleWidth(format);
        Encoding encoding = format.encoding();
        if (format.bitsPerSample() == 8 && encoding == Encoding.PCM_SIGNED) {
            encoding = Encoding.PCM_UNSIGNED;
        } else if (format.bitsPerSample() > 8 && encoding == Encoding.PCM_UNSIGNED) {
            encoding = Encoding.PCM_SIGNED;
        }
        return new AudioFormat(Container.RAW, encoding, format.sampleRate(), format.channels(),
                format.bitsPerSample(), false);
    }

    /** Little-endian header writer. */
    private static final class Writer {
        private final byte[] bytes;
        private int pos;

        Writer(int length) {
            bytes = new byte[length];
        }

        Writer ascii(String s) {
            for (int i = 0; i < s.length(); i++) {
                bytes[pos++] = (byte) s.charAt(i);
            }
            return this;
        }

        Writer u16(int v) {
            bytes[pos++] = (byte) v;
            bytes[pos++] = (byte) (v >> 8);
            return this;
        }

        Writer u32(int v) {
            return u16(v).u16(v >>> 16);
        }
    }
}
