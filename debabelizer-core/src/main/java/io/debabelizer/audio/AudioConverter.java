package io.debabelizer.audio;

/**
 * Turns any audio the toolkit can read into what a provider or engine needs. Uncompressed input (raw, WAV, G.711)
 * is handled in core; compressed input goes through an {@link AudioDecoder} found with ServiceLoader.
 * TODO(audio work item): implement.
 */
public final class AudioConverter {

    private AudioConverter() {
    }

    /**
     * Converts to raw signed 16-bit little-endian PCM at {@code sampleRate} with {@code channels} (1 = downmix).
     *
     * @throws io.debabelizer.UnsupportedFormatException when the input cannot be decoded (e.g. MP3 without the
     *         codecs module on the class path: the message says which module to add)
     */
    public static AudioData toPcm16(AudioData input, int sampleRate, int channels) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Mono 16-bit samples at {@code sampleRate}: the input most local engines take. */
    public static short[] toMonoSamples(AudioData input, int sampleRate) {
        throw new UnsupportedOperationException("TODO");
    }
}
