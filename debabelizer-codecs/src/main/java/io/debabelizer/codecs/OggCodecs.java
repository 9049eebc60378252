package io.debabelizer.codecs;

import java.nio.charset.StandardCharsets;

/** Names the codec of an Ogg stream from its first packet, for error messages that say what was found. */
final class OggCodecs {

    private OggCodecs() {
    }

    static String describe(byte[] firstPacket) {
        if (startsWith(firstPacket, "OpusHead")) {
            return "Opus";
        }
        if (firstPacket.length > 7 && firstPacket[0] == 1 && startsWith(firstPacket, 1, "vorbis")) {
            return "Vorbis";
        }
        if (startsWith(firstPacket, 1, "FLAC")) {
            return "FLAC";
        }
        if (startsWith(firstPacket, "Speex   ")) {
            return "Speex";
        }
        return "an unknown codec";
    }

    static boolean startsWith(byte[] packet, String prefix) {
        return startsWith(packet, 0, prefix);
    }

    static boolean startsWith(byte[] packet, int offset, String prefix) {
        byte[] expected = prefix.getBytes(StandardCharsets.US_ASCII);
        if (packet.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (packet[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
