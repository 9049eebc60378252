package io.debabelizer.codecs;

/**
 * The 4-byte header of one MPEG audio frame (MPEG-1, 2 and 2.5; layers I-III), enough to walk frame by frame and
 * to know rate, channels and samples per frame without decoding.
 *
 * @param version    1 for MPEG-1, 2 for MPEG-2, 25 for MPEG-2.5
 * @param layer      1, 2 or 3
 * @param frameBytes whole frame length including the header
 */
record MpegAudioHeader(int version, int layer, int bitrateKbps, int sampleRate, int channels, boolean crcProtected,
                       int frameBytes) {

    private static final int[][] BITRATES_V1 = {
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
    };
    private static final int[][] BITRATES_V2 = {
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    };
    private static final int[] RATES_V1 = {44100, 48000, 32000};

    /** Parses the header at {@code offset}, or returns null when those bytes are not a usable frame header. */
    static MpegAudioHeader parse(byte[] data, int offset) {
        if (offset + 4 > data.length) {
            return null;
        }
        int b1 = data[offset + 1] & 0xFF;
        int b2 = data[offset + 2] & 0xFF;
        int b3 = data[offset + 3] & 0xFF;
        if ((data[offset] & 0xFF) != 0xFF || (b1 & 0xE0) != 0xE0) {
            return null;
        }
        int versionBits = (b1 >> 3) & 3;
        int layerBits = (b1 >> 1) & 3;
        int bitrateIndex = b2 >> 4;
        int rateIndex = (b2 >> 2) & 3;
        // Reserved values; bitrate index 0 ("free format") has no computable frame length and is not supported.
        if (versionBits == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        int version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25;
        int layer = 4 - layerBits;
        int bitrate = (version == 1 ? BITRATES_V1 : BITRATES_V2)[layer - 1][bitrateIndex];
        int sampleRate = RATES_V1[rateIndex] / (version == 1 ? 1 : version == 2 ? 2 : 4);
        int padding = (b2 >> 1) & 1;
        int channels = (b3 >> 6) == 3 ? 1 : 2;
        boolean crc = (b1 & 1) == 0;
        int frameBytes;
        if (layer == 1) {
            frameBytes = (12 * bitrate * 1000 / sampleRate + padding) * 4;
        } else if (layer == 3 && version != 1) {
            frameBytes = 72 * bitrate * 1000 / sampleRate + padding;
        } else {
            frameBytes = 144 * bitrate * 1000 / sampleRate + padding;
        }
        return new MpegAudioHeader(version, layer, bitrate, sampleRate, channels, crc, frameBytes);
    }

    int samplesPerFrame() {
        if (layer == 1) {
            return 384;
        }
        return layer == 3 && version != 1 ? 576 : 1152;
    }

    /** Whether {@code other} belongs to the same stream (a change of these means lost sync or spliced streams). */
    boolean sameStreamAs(MpegAudioHeader other) {
        return version == other.version && layer == other.layer && sampleRate == other.sampleRate
            && channels == other.channels;
    }

    /** Offset of a Xing/Info tag inside this frame: right after the layer III side information. */
    int xingTagOffset() {
        int sideInfo = version == 1 ? (channels == 1 ? 17 : 32) : (channels == 1 ? 9 : 17);
        return 4 + (crcProtected ? 2 : 0) + sideInfo;
    }
}
