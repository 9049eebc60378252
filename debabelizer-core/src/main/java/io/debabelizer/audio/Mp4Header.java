package io.debabelizer.audio;

import static io.debabelizer.audio.ByteReader.ascii;
import static io.debabelizer.audio.ByteReader.u16be;
import static io.debabelizer.audio.ByteReader.u32be;

/**
 * Recognises ISO base media files (MP4/M4A) by their {@code ftyp} box. Reads rate and channels from the first sample
 * description ({@code moov/trak/mdia/minf/stbl/stsd}) when {@code moov} is within the data; the codec is taken as
 * AAC unless that description says otherwise.
 */
final class Mp4Header {

    private static final String[] PATH = {"moov", "trak", "mdia", "minf", "stbl", "stsd"};

    private Mp4Header() {
    }

    static boolean matches(byte[] b, int at) {
        return ascii(b, at + 4, "ftyp");
    }

    static AudioFormat parse(byte[] b, int at) {
        int start = at;
        int end = b.length;
        for (String name : PATH) {
            int box = find(b, start, end, name);
            if (box < 0) {
                return AudioFormat.of(Container.MP4, Encoding.AAC);
            }
            end = (int) Math.min(end, box + u32be(b, box));
            start = box + 8;
        }
        int entry = start + 8; // stsd is a full box: version/flags (4) and entry count (4)
        if (entry + 36 > end) {
            return AudioFormat.of(Container.MP4, Encoding.AAC);
        }
        Encoding encoding = ascii(b, entry + 4, "Opus") ? Encoding.OPUS
                : ascii(b, entry + 4, "fLaC") ? Encoding.FLAC
                : ascii(b, entry + 4, ".mp3") ? Encoding.MP3 : Encoding.AAC;
        int channels = u16be(b, entry + 24);
        int rate = u16be(b, entry + 32); // 16.16 fixed point
        if (encoding == Encoding.AAC) {
            // The sample entry often says 2 channels whatever the stream; the AudioSpecificConfig is authoritative.
            int esds = find(b, entry + 36, Math.min(end, entry + (int) u32be(b, entry)), "esds");
            int config = esds < 0 ? -1 : decoderSpecificInfo(b, esds + 12, esds + (int) u32be(b, esds));
            if (config >= 0 && config + 2 <= b.length) {
                int rateIndex = (b[config] & 0x07) << 1 | (b[config + 1] & 0xFF) >> 7;
                int channelConfig = (b[config + 1] & 0x78) >> 3;
                rate = rateIndex < AdtsHeader.RATES.length ? AdtsHeader.RATES[rateIndex] : rate;
                channels = channelConfig > 0 && channelConfig < 8 ? (channelConfig == 7 ? 8 : channelConfig) : channels;
            }
        }
        return new AudioFormat(Container.MP4, encoding, rate, channels, 0);
    }

    /** Offset of the DecoderSpecificInfo (AudioSpecificConfig) in an esds box's descriptors, or -1. */
    private static int decoderSpecificInfo(byte[] b, int pos, int end) {
        end = Math.min(end, b.length);
        while (pos + 2 <= end) {
            int tag = b[pos++] & 0xFF;
            int size = 0;
            for (int i = 0; i < 4 && pos < end; i++) {
                int v = b[pos++] & 0xFF;
                size = size << 7 | v & 0x7F;
                if ((v & 0x80) == 0) {
                    break;
                }
            }
            switch (tag) {
                case 0x03 -> { // ES_Descriptor: ES_ID, flags, optional fields, then nested descriptors
                    if (pos + 3 > end) {
                        return -1;
                    }
                    int flags = b[pos + 2] & 0xFF;
                    pos += 3;
                    pos += (flags & 0x80) != 0 ? 2 : 0;
                    pos += (flags & 0x40) != 0 && pos < end ? 1 + (b[pos] & 0xFF) : 0;
                    pos += (flags & 0x20) != 0 ? 2 : 0;
                }
                case 0x04 -> pos += 13; // DecoderConfigDescriptor fixed part, then nested descriptors
                case 0x05 -> {
                    return pos;
                }
                default -> pos += size;
            }
        }
        return -1;
    }

    /** Offset of the first box called {@code name} among the sibling boxes in [start, end), or -1. */
    private static int find(byte[] b, int start, int end, String name) {
        int pos = start;
        while (pos + 8 <= end) {
            long size = u32be(b, pos);
            if (ascii(b, pos + 4, name)) {
                return pos;
            }
            if (size < 8 || pos + size > Integer.MAX_VALUE) {
                return -1; // size 0 (to end of file) or 64-bit sizes: stop looking
            }
            pos += (int) size;
        }
        return -1;
    }
}
