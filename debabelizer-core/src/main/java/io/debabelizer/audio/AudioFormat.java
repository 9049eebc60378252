package io.debabelizer.audio;

import java.util.Objects;

/**
 * What a piece of audio is: container, sample coding, rate, channels and bits per sample. Immutable.
 *
 * <p>A value of {@code 0} for rate, channels or bits means "unknown" (typical for compressed audio whose header was
 * not parsed). Multi-byte PCM is little-endian unless {@link #bigEndian()} says otherwise.
 *
 * @param container     how the audio is packaged
 * @param encoding      how samples are coded
 * @param sampleRate    samples per second per channel, 0 if unknown
 * @param channels      number of interleaved channels, 0 if unknown
 * @param bitsPerSample bits per sample for PCM/G.711, 0 if unknown or not meaningful
 * @param bigEndian     byte order of multi-byte PCM samples
 */
public record AudioFormat(Container container, Encoding encoding, int sampleRate, int channels, int bitsPerSample,
                          boolean bigEndian) {

    public AudioFormat {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(encoding, "encoding");
        if (sampleRate < 0 || channels < 0 || bitsPerSample < 0) {
            throw new IllegalArgumentException("negative sample rate, channel count or bit depth");
        }
    }

    public AudioFormat(Container container, Encoding encoding, int sampleRate, int channels, int bitsPerSample) {
        this(container, encoding, sampleRate, channels, bitsPerSample, false);
    }

    /** Raw signed 16-bit little-endian PCM: the lingua franca of speech APIs. */
    public static AudioFormat pcm16(int sampleRate, int channels) {
        return new AudioFormat(Container.RAW, Encoding.PCM_SIGNED, sampleRate, channels, 16);
    }

    /** Raw G.711 µ-law, as telephony sends it (usually 8 kHz mono). */
    public static AudioFormat mulaw(int sampleRate) {
        return new AudioFormat(Container.RAW, Encoding.MULAW, sampleRate, 1, 8);
    }

    /** Raw G.711 A-law. */
    public static AudioFormat alaw(int sampleRate) {
        return new AudioFormat(Container.RAW, Encoding.ALAW, sampleRate, 1, 8);
    }

    /** A WAV file holding signed 16-bit PCM. */
    public static AudioFormat wav16(int sampleRate, int channels) {
        return new AudioFormat(Container.WAV, Encoding.PCM_SIGNED, sampleRate, channels, 16);
    }

    /** A compressed container whose parameters are not known (e.g. an MP3 requested from a TTS provider). */
    public static AudioFormat of(Container container, Encoding encoding) {
        return new AudioFormat(container, encoding, 0, 0, 0);
    }

    public AudioFormat withSampleRate(int rate) {
        return new AudioFormat(container, encoding, rate, channels, bitsPerSample, bigEndian);
    }

    public AudioFormat withContainer(Container newContainer) {
        return new AudioFormat(newContainer, encoding, sampleRate, channels, bitsPerSample, bigEndian);
    }

    /** Bytes of one sample frame (all channels), or 0 when it is not constant or not known. */
    public int frameSize() {
        if (!encoding.isUncompressed() || channels == 0 || bitsPerSample == 0) {
            return 0;
        }
        return channels * ((bitsPerSample + 7) / 8);
    }

    /** Bytes per second of uncompressed audio, or 0 when not constant or not known. */
    public int bytesPerSecond() {
        return frameSize() * sampleRate;
    }

    /** Whether samples can be counted without decoding: linear PCM or G.711, with a known layout. */
    public boolean isUncompressed() {
        return frameSize() > 0 && sampleRate > 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(container.id()).append('/').append(encoding.id());
        if (bitsPerSample > 0 && encoding.isUncompressed()) {
            sb.append(bitsPerSample).append(bigEndian ? "be" : (bitsPerSample > 8 ? "le" : ""));
        }
        if (sampleRate > 0) {
            sb.append(' ').append(sampleRate).append(" Hz");
        }
        if (channels > 0) {
            sb.append(' ').append(channels == 1 ? "mono" : channels == 2 ? "stereo" : channels + " ch");
        }
        return sb.toString();
    }
}
