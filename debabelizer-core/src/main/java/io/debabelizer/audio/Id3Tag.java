package io.debabelizer.audio;

import static io.debabelizer.audio.ByteReader.ascii;

import io.debabelizer.UnsupportedFormatException;

/** Skips ID3v2 tags, which may precede MP3, ADTS or FLAC data. */
final class Id3Tag {

    private Id3Tag() {
    }

    /** Offset of the first byte after any ID3v2 tags (0 when there is none). */
    static int skip(byte[] b) {
        int pos = 0;
        while (ascii(b, pos, "ID3")) {
            if (pos + 10 > b.length) {
                throw new UnsupportedFormatException("truncated ID3v2 tag");
            }
            int size = (b[pos + 6] & 0x7F) << 21 | (b[pos + 7] & 0x7F) << 14 | (b[pos + 8] & 0x7F) << 7
                    | (b[pos + 9] & 0x7F);
            boolean footer = (b[pos + 5] & 0x10) != 0;
            long end = (long) pos + 10 + size + (footer ? 10 : 0);
            if (end >= b.length) {
                throw new UnsupportedFormatException("truncated data: ID3v2 tag with no audio after it");
            }
            pos = (int) end;
        }
        return pos;
    }
}
