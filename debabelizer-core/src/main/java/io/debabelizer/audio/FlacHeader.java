package io.debabelizer.audio;

import static io.debabelizer.audio.ByteReader.ascii;
import static io.debabelizer.audio.ByteReader.u8;

import io.debabelizer.UnsupportedFormatException;

/** Reads rate, channels and bit depth from a FLAC STREAMINFO block. */
final class FlacHeader {

    private FlacHeader() {
    }

    static boolean matches(byte[] b, int at) {
        return ascii(b, at, "fLaC");
    }

    /** Parses the STREAMINFO block whose 4-byte block header starts at {@code at}. */
    static AudioFormat parseStreamInfo(byte[] b, int at, Container container) {
        if (at + 4 + 18 > b.length) {
            throw new UnsupportedFormatException("truncated FLAC header");
        }
        if ((b[at] & 0x7F) != 0) {
            throw new UnsupportedFormatException("FLAC stream does not start with STREAMINFO");
        }
        int s = at + 4 + 10; // skip block sizes (2+2) and frame sizes (3+3)
        int rate = u8(b, s) << 12 | u8(b, s + 1) << 4 | u8(b, s + 2) >> 4;
        int channels = (u8(b, s + 2) >> 1 & 0x07) + 1;
        int bits = ((u8(b, s + 2) & 0x01) << 4 | u8(b, s + 3) >> 4) + 1;
        return new AudioFormat(container, Encoding.FLAC, rate, channels, bits);
    }

    static AudioFormat parse(byte[] b, int at) {
        return parseStreamInfo(b, at + 4, Container.FLAC);
    }
}
