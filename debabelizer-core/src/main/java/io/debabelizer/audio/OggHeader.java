package io.debabelizer.audio;

import static io.debabelizer.audio.ByteReader.ascii;
import static io.debabelizer.audio.ByteReader.u32le;
import static io.debabelizer.audio.ByteReader.u8;

import io.debabelizer.UnsupportedFormatException;

/** Identifies the codec of an Ogg stream from the first packet of its first page. */
final class OggHeader {

    private OggHeader() {
    }

    static boolean matches(byte[] b, int at) {
        return ascii(b, at, "OggS");
    }

    static AudioFormat parse(byte[] b, int at) {
        if (at + 27 > b.length) {
            throw new UnsupportedFormatException("truncated Ogg page header");
        }
        int segments = u8(b, at + 26);
        int packet = at + 27 + segments;
        if (packet + 8 > b.length) {
            throw new UnsupportedFormatException("truncated Ogg page header");
        }
        if (ascii(b, packet, "OpusHead")) {
            requireLength(b, packet + 10, "Opus");
            // Opus always decodes at 48 kHz; the header's "input sample rate" is informational only.
            return new AudioFormat(Container.OGG, Encoding.OPUS, 48_000, u8(b, packet + 9), 0);
        }
        if (u8(b, packet) == 0x01 && ascii(b, packet + 1, "vorbis")) {
            requireLength(b, packet + 16, "Vorbis");
            int channels = u8(b, packet + 11);
            int rate = (int) Math.min(Integer.MAX_VALUE, u32le(b, packet + 12));
            return new AudioFormat(Container.OGG, Encoding.VORBIS, rate, channels, 0);
        }
        if (u8(b, packet) == 0x7F && ascii(b, packet + 1, "FLAC") && ascii(b, packet + 9, "fLaC")) {
            return FlacHeader.parseStreamInfo(b, packet + 13, Container.OGG);
        }
        return AudioFormat.of(Container.OGG, Encoding.UNKNOWN);
    }

    private static void requireLength(byte[] b, int end, String codec) {
        if (end > b.length) {
            throw new UnsupportedFormatException("truncated Ogg " + codec + " header");
        }
    }
}
