package io.debabelizer.audio;

import static io.debabelizer.audio.ByteReader.u8;

import io.debabelizer.UnsupportedFormatException;

/** Parses AAC ADTS frame headers (sync word 0xFFF, layer 00). */
final class AdtsHeader {

    static final int[] RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025,
            8000, 7350};

    private AdtsHeader() {
    }

    static boolean matches(byte[] b, int at) {
        return at + 2 <= b.length && u8(b, at) == 0xFF && (u8(b, at + 1) & 0xF6) == 0xF0;
    }

    static AudioFormat parse(byte[] b, int at) {
        if (at + 7 > b.length) {
            throw new UnsupportedFormatException("truncated ADTS header");
        }
        int rateIndex = u8(b, at + 2) >> 2 & 0x0F;
        if (rateIndex >= RATES.length) {
            throw new UnsupportedFormatException("invalid ADTS sampling frequency index " + rateIndex);
        }
        int channels = (u8(b, at + 2) & 0x01) << 2 | u8(b, at + 3) >> 6;
        int frameLength = (u8(b, at + 3) & 0x03) << 11 | u8(b, at + 4) << 3 | u8(b, at + 5) >> 5;
        int next = at + frameLength;
        if (next > b.length) {
            throw new UnsupportedFormatException("truncated ADTS data: first frame incomplete");
        }
        if (frameLength < 7 || (next + 2 <= b.length && !matches(b, next))) {
            throw new UnsupportedFormatException("corrupt ADTS stream: no frame sync after the first frame");
        }
        return new AudioFormat(Container.ADTS, Encoding.AAC, RATES[rateIndex], channels, 0);
    }
}
