package io.debabelizer.codecs;

import java.nio.charset.StandardCharsets;

/**
 * The Xing/Info tag an encoder (LAME, ffmpeg) writes into a silent first MP3 frame: the number of audio frames and
 * the encoder delay and padding, which lets the decoder return exactly the samples that were encoded.
 *
 * @param frames         audio frames after the tag frame, or -1 if not stated
 * @param encoderDelay   samples the encoder added at the start, or -1 if not stated
 * @param encoderPadding samples the encoder added at the end, or -1 if not stated
 */
record GaplessInfo(long frames, int encoderDelay, int encoderPadding) {

    /** The MPEG layer III synthesis filterbank delays its output by this many samples (as ffmpeg assumes). */
    static final int DECODER_DELAY = 529;

    /** Reads the tag from the frame at {@code frameOffset}, or returns null when the frame is ordinary audio. */
    static GaplessInfo read(byte[] data, int frameOffset, MpegAudioHeader header) {
        if (header.layer() != 3) {
            return null;
        }
        int pos = frameOffset + header.xingTagOffset();
        int frameEnd = Math.min(data.length, frameOffset + header.frameBytes());
        if (pos + 8 > frameEnd) {
            return null;
        }
        String id = new String(data, pos, 4, StandardCharsets.US_ASCII);
        if (!id.equals("Xing") && !id.equals("Info")) {
            return null;
        }
        int flags = readInt(data, pos + 4);
        pos += 8;
        long frames = -1;
        if ((flags & 1) != 0 && pos + 4 <= frameEnd) {
            frames = readInt(data, pos) & 0xFFFFFFFFL;
            pos += 4;
        }
        pos += (flags & 2) != 0 ? 4 : 0;   // byte count
        pos += (flags & 4) != 0 ? 100 : 0; // seek table
        pos += (flags & 8) != 0 ? 4 : 0;   // quality
        // LAME extension: 9-byte encoder name, revision, lowpass, 8 bytes replay gain, flags, bitrate, then
        // 12 bits of delay and 12 bits of padding.
        int delayAt = pos + 21;
        if (delayAt + 3 > frameEnd || !Character.isLetter(data[pos] & 0xFF)) {
            return new GaplessInfo(frames, -1, -1);
        }
        int packed = ((data[delayAt] & 0xFF) << 16) | ((data[delayAt + 1] & 0xFF) << 8) | (data[delayAt + 2] & 0xFF);
        return new GaplessInfo(frames, packed >> 12, packed & 0xFFF);
    }

    private static int readInt(byte[] data, int pos) {
        return ((data[pos] & 0xFF) << 24) | ((data[pos + 1] & 0xFF) << 16) | ((data[pos + 2] & 0xFF) << 8)
            | (data[pos + 3] & 0xFF);
    }
}
