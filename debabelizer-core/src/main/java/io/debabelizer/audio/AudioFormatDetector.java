package io.debabelizer.audio;

import io.debabelizer.UnsupportedFormatException;

/**
 * Tells what audio a byte array holds by looking at its content, never at a file name. Recognises WAV/RF64, MP3
 * (with or without ID3v2), FLAC, Ogg (Opus, Vorbis, FLAC), WebM/Matroska, AAC in ADTS and MP4/M4A. Headerless data
 * is never guessed to be raw PCM: the caller must say so with {@link AudioData#of(AudioFormat, byte[])}.
 */
public final class AudioFormatDetector {

    /** Fewer bytes than this cannot hold any container's signature. */
    private static final int MIN_LENGTH = 4;

    private AudioFormatDetector() {
    }

    /**
     * Detects the container, codec and (where the header states them) rate, channels and bit depth.
     *
     * @throws UnsupportedFormatException for empty, truncated or unrecognised data, with a message saying which
     */
    public static AudioFormat detect(byte[] data) {
        if (data == null || data.length == 0) {
            throw new UnsupportedFormatException("empty audio data");
        }
        if (data.length < MIN_LENGTH) {
            throw new UnsupportedFormatException("audio data too short to identify (" + data.length + " bytes)");
        }
        if (WavHeader.matches(data)) {
            return WavHeader.parse(data).format();
        }
        int at = Id3Tag.skip(data);
        if (FlacHeader.matches(data, at)) {
            return FlacHeader.parse(data, at);
        }
        if (OggHeader.matches(data, at)) {
            return OggHeader.parse(data, at);
        }
        if (MatroskaHeader.matches(data, at)) {
            return MatroskaHeader.parse(data, at);
        }
        if (Mp4Header.matches(data, at)) {
            return Mp4Header.parse(data, at);
        }
        if (AdtsHeader.matches(data, at)) {
            return AdtsHeader.parse(data, at);
        }
        if (Mp3FrameHeader.matches(data, at)) {
            return Mp3FrameHeader.parse(data, at);
        }
        if (ByteReader.ascii(data, 0, "RIFF") || ByteReader.ascii(data, 0, "RF64")) {
            throw new UnsupportedFormatException(data.length < 12 ? "truncated WAV header"
                    : "RIFF file is not WAVE audio (type '" + new String(data, 8, 4,
                    java.nio.charset.StandardCharsets.ISO_8859_1) + "')");
        }
        throw new UnsupportedFormatException("unrecognised audio format (first bytes " + ByteReader.hexPrefix(
                data, 12) + (at > 0 ? " after an ID3v2 tag ending at offset " + at : "") + ")");
    }
}
