package io.debabelizer.audio;

/**
 * Decodes a compressed format to PCM. Implementations live in optional modules (e.g. {@code debabelizer-codecs},
 * whose codecs are LGPL) and are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.debabelizer.audio.AudioDecoder}).
 */
public interface AudioDecoder {

    /** Whether this decoder handles {@code format} (typically by container and encoding). */
    boolean canDecode(AudioFormat format);

    /**
     * Decodes the whole input.
     *
     * @return raw signed 16-bit little-endian PCM, interleaved, at the stream's own rate and channel count
     * @throws io.debabelizer.UnsupportedFormatException if the data is corrupt or uses an unsupported variant
     */
    AudioData decode(AudioData input);
}
