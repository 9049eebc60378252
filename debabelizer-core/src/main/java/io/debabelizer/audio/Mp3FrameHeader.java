package io.debabelizer.audio;

import static io.debabelizer.audio.ByteReader.u8;

import io.debabelizer.UnsupportedFormatException;

/**
 * Parses MPEG-1/2/2.5 audio frame headers. A stream counts as MPEG audio when its first header is valid and, if the
 * data is long enough, a second valid header follows exactly one frame later (random bytes rarely pass both).
 */
final class Mp3FrameHeader {

    /** kbit/s by [version is MPEG-1 ? 0 : 1][layer - 1][index]. */
    private static final int[][][] BITRATES = {
            {{0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
                    {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
                    {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}},
            {{0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
                    {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
                    {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}}};
    private static final int[] MPEG1_RATES = {44100, 48000, 32000};

    private final int sampleRate;
    private final int channels;
    private final int layer;
    private final int frameLength;

    private Mp3FrameHeader(int sampleRate, int channels, int layer, int frameLength) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.layer = layer;
        this.frameLength = frameLength;
    }

    /** Whether the 11-bit frame sync is at {@code at} and the layer is not the ADTS marker 00. */
    static boolean matches(byte[] b, int at) {
        return at + 2 <= b.length && u8(b, at) == 0xFF && (u8(b, at + 1) & 0xE0) == 0xE0
                && (u8(b, at + 1) & 0x06) != 0;
    }

    static AudioFormat parse(byte[] b, int at) {
        if (at + 4 > b.length) {
            throw new UnsupportedFormatException("truncated MP3 frame header");
        }
        Mp3FrameHeader first = read(b, at);
        if (first == null) {
            throw new UnsupportedFormatException("invalid MPEG audio frame header at offset " + at);
        }
        int next = at + first.frameLength;
        if (next > b.length) {
            throw new UnsupportedFormatException("truncated MP3 data: first frame incomplete");
        }
        if (first.frameLength > 0 && next + 4 <= b.length && read(b, next) == null) {
            throw new UnsupportedFormatException("corrupt MP3 stream: no frame header after the first frame");
        }
        Encoding encoding = first.layer == 3 ? Encoding.MP3 : Encoding.UNKNOWN;
        return new AudioFormat(Container.MP3, encoding, first.sampleRate, first.channels, 0);
    }

    /** The header at {@code at}, or null if those 4 bytes are not a valid one. */
    private static Mp3FrameHeader read(byte[] b, int at) {
        if (!matches(b, at)) {
            return null;
        }
        int versionBits = u8(b, at + 1) >> 3 & 0x03; // 00 = 2.5, 01 reserved, 10 = 2, 11 = 1
        int layer = 4 - (u8(b, at + 1) >> 1 & 0x03);
        int bitrateIndex = u8(b, at + 2) >> 4;
        int rateIndex = u8(b, at + 2) >> 2 & 0x03;
        if (versionBits == 1 || bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        boolean mpeg1 = versionBits == 3;
        int sampleRate = MPEG1_RATES[rateIndex] >> (mpeg1 ? 0 : versionBits == 2 ? 1 : 2);
        int channels = (u8(b, at + 3) >> 6) == 3 ? 1 : 2;
        int padding = u8(b, at + 2) >> 1 & 0x01;
        int bitrate = BITRATES[mpeg1 ? 0 : 1][layer - 1][bitrateIndex] * 1000;
        int frameLength;
        if (bitrate == 0) {
            frameLength = 0; // free format: length unknown without searching
        } else if (layer == 1) {
            frameLength = (12 * bitrate / sampleRate + padding) * 4;
        } else {
            int coefficient = layer == 3 && !mpeg1 ? 72 : 144;
            frameLength = coefficient * bitrate / sampleRate + padding;
        }
        return new Mp3FrameHeader(sampleRate, channels, layer, frameLength);
    }
}
