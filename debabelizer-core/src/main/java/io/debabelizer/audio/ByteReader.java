package io.debabelizer.audio;

/** Bounds-aware little/big-endian reads over a byte array, for header parsers. */
final class ByteReader {

    private ByteReader() {
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    static int u16le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static int u16be(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    static long u32le(byte[] b, int at) {
        return (u16le(b, at) | (long) u16le(b, at + 2) << 16) & 0xFFFFFFFFL;
    }

    static long u32be(byte[] b, int at) {
        return ((long) u16be(b, at) << 16 | u16be(b, at + 2)) & 0xFFFFFFFFL;
    }

    static long u64le(byte[] b, int at) {
        return u32le(b, at) | u32le(b, at + 4) << 32;
    }

    /** Whether {@code b} holds the ASCII text {@code tag} at {@code at} (false when too short). */
    static boolean ascii(byte[] b, int at, String tag) {
        if (at < 0 || at + tag.length() > b.length) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            if (b[at + i] != (byte) tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The first bytes in hex, for error messages about unrecognised data. */
    static String hexPrefix(byte[] b, int max) {
        StringBuilder sb = new StringBuilder("0x");
        for (int i = 0; i < Math.min(max, b.length); i++) {
            sb.append(String.format("%02x", b[i] & 0xFF));
        }
        return sb.toString();
    }
}
