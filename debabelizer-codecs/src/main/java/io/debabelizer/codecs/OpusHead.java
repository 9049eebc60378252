package io.debabelizer.codecs;

import java.nio.charset.StandardCharsets;

/**
 * The Opus identification header (RFC 7845 §5.1), the same bytes in Ogg's first packet and in Matroska's
 * CodecPrivate.
 *
 * @param preSkip        48 kHz samples to drop from the start of the decoded output
 * @param outputGainQ8   gain to apply, in 1/256 dB
 * @param mappingFamily  0: mono/stereo in one stream; 1 and 255: several streams mapped to channels
 * @param channelMapping for each output channel the decoded channel it takes (families other than 0)
 */
record OpusHead(int channels, int preSkip, int outputGainQ8, int mappingFamily, int streams, int coupledStreams,
                short[] channelMapping) {

    static OpusHead parse(byte[] packet, String codec) {
        if (packet.length < 19 || !new String(packet, 0, 8, StandardCharsets.US_ASCII).equals("OpusHead")) {
            throw DecodeErrors.corrupt(codec, "the first packet is not an OpusHead header");
        }
        int version = packet[8] & 0xFF;
        if ((version & 0xF0) != 0) {
            throw new io.debabelizer.UnsupportedFormatException(
                "Opus header version " + version + " is not supported (only version 0.x is defined)");
        }
        int channels = packet[9] & 0xFF;
        int preSkip = (packet[10] & 0xFF) | (packet[11] & 0xFF) << 8;
        int gain = (short) ((packet[16] & 0xFF) | (packet[17] & 0xFF) << 8);
        int family = packet[18] & 0xFF;
        if (channels == 0) {
            throw DecodeErrors.corrupt(codec, "OpusHead states zero channels");
        }
        if (family == 0) {
            if (channels > 2) {
                throw DecodeErrors.corrupt(codec, "OpusHead mapping family 0 with " + channels + " channels");
            }
            return new OpusHead(channels, preSkip, gain, family, 1, channels - 1, null);
        }
        if (packet.length < 21 + channels) {
            throw DecodeErrors.corrupt(codec, "OpusHead channel mapping table is cut short");
        }
        int streams = packet[19] & 0xFF;
        int coupled = packet[20] & 0xFF;
        if (streams == 0 || coupled > streams || streams + coupled > 255) {
            throw DecodeErrors.corrupt(codec, "OpusHead has an invalid stream count");
        }
        short[] mapping = new short[channels];
        for (int i = 0; i < channels; i++) {
            mapping[i] = (short) (packet[21 + i] & 0xFF);
            if (mapping[i] != 255 && mapping[i] >= streams + coupled) {
                throw DecodeErrors.corrupt(codec, "OpusHead channel mapping points past the decoded channels");
            }
        }
        return new OpusHead(channels, preSkip, gain, family, streams, coupled, mapping);
    }
}
