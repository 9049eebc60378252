package io.debabelizer.audio;

import static io.debabelizer.audio.ByteReader.ascii;
import static io.debabelizer.audio.ByteReader.u16le;
import static io.debabelizer.audio.ByteReader.u32le;
import static io.debabelizer.audio.ByteReader.u64le;

import io.debabelizer.UnsupportedFormatException;

/**
 * Parses RIFF/WAVE and RF64 headers: walks the chunks (odd sizes are padded), reads {@code fmt } (including
 * WAVE_FORMAT_EXTENSIBLE) and locates {@code data}. Streaming writers leave the data size at 0 or 0xFFFFFFFF;
 * such data, like data cut short, runs to the end of the file.
 *
 * @param format     the WAV's format ({@link Container#WAV})
 * @param dataOffset where the sample bytes start, or -1 when no data chunk was found
 * @param dataLength how many sample bytes are present (a whole number of frames)
 */
record WavHeader(AudioFormat format, int dataOffset, int dataLength) {

    static final int TAG_PCM = 0x0001;
    static final int TAG_FLOAT = 0x0003;
    static final int TAG_ALAW = 0x0006;
    static final int TAG_MULAW = 0x0007;
    static final int TAG_MP3 = 0x0055;
    static final int TAG_EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 of every standard KSDATAFORMAT_SUBTYPE GUID; bytes 0..1 carry the format tag. */
    private static final byte[] GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00,
            (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;

    static boolean matches(byte[] b) {
        return (ascii(b, 0, "RIFF") || ascii(b, 0, "RF64")) && ascii(b, 8, "WAVE");
    }

    static WavHeader parse(byte[] b) {
        if (b.length < 12) {
            throw new UnsupportedFormatException("truncated WAV header (" + b.length + " bytes)");
        }
        boolean rf64 = ascii(b, 0, "RF64");
        long rf64DataSize = -1;
        AudioFormat format = null;
        int pos = 12;
        while (pos + 8 <= b.length) {
            long size = u32le(b, pos + 4);
            int body = pos + 8;
            if (ascii(b, pos, "ds64") && size >= 16 && body + 16 <= b.length) {
                rf64DataSize = u64le(b, body + 8);
            } else if (ascii(b, pos, "fmt ")) {
                format = parseFmt(b, body, size);
            } else if (ascii(b, pos, "data")) {
                if (format == null) {
                    throw new UnsupportedFormatException("WAV data chunk before its fmt chunk");
                }
                long declared = rf64 && size == UNKNOWN_SIZE && rf64DataSize >= 0 ? rf64DataSize : size;
                long available = b.length - body;
                long length = declared == 0 || declared == UNKNOWN_SIZE || declared > available ? available : declared;
                int frame = Math.max(1, format.frameSize());
                return new WavHeader(format, body, (int) (length - length % frame));
            }
            long next = body + size + (size & 1);
            if (size == UNKNOWN_SIZE || next > Integer.MAX_VALUE) {
                break;
            }
            pos = (int) next;
        }
        if (format == null) {
            throw new UnsupportedFormatException("truncated WAV header: no fmt chunk");
        }
        return new WavHeader(format, -1, 0);
    }

    private static AudioFormat parseFmt(byte[] b, int at, long size) {
        if (size < 16 || at + 16 > b.length) {
            throw new UnsupportedFormatException("truncated WAV header: fmt chunk too short");
        }
        int tag = u16le(b, at);
        int channels = u16le(b, at + 2);
        int rate = (int) Math.min(Integer.MAX_VALUE, u32le(b, at + 4));
        int bits = u16le(b, at + 14);
        if (tag == TAG_EXTENSIBLE) {
            if (size < 40 || at + 40 > b.length) {
                throw new UnsupportedFormatException("truncated WAV header: WAVE_FORMAT_EXTENSIBLE fmt chunk too short");
            }
            tag = subFormatTag(b, at + 24);
        }
        Encoding encoding = switch (tag) {
            case TAG_PCM -> bits == 8 ? Encoding.PCM_UNSIGNED : Encoding.PCM_SIGNED;
            case TAG_FLOAT -> Encoding.PCM_FLOAT;
            case TAG_ALAW -> Encoding.ALAW;
            case TAG_MULAW -> Encoding.MULAW;
            case TAG_MP3 -> Encoding.MP3;
            default -> Encoding.UNKNOWN;
        };
        return new AudioFormat(Container.WAV, encoding, rate, channels, encoding.isUncompressed() ? bits : 0);
    }

    /** The format tag inside a standard sub-format GUID, or -1 for a vendor GUID. */
    private static int subFormatTag(byte[] b, int at) {
        for (int i = 0; i < GUID_TAIL.length; i++) {
            if (b[at + 2 + i] != GUID_TAIL[i]) {
                return -1;
            }
        }
        return u16le(b, at);
    }
}
