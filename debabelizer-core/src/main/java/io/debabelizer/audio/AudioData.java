package io.debabelizer.audio;

import io.debabelizer.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Audio bytes together with their {@link AudioFormat}. Immutable: the bytes are copied in and never handed out
 * writable, so one instance can be shared between threads and retried on another provider.
 */
public final class AudioData {

    private final AudioFormat format;
    private final byte[] bytes;

    private AudioData(AudioFormat format, byte[] bytes) {
        this.format = Objects.requireNonNull(format, "format");
        this.bytes = bytes;
    }

    /** Audio whose format the caller knows (e.g. raw PCM from a microphone). */
    public static AudioData of(AudioFormat format, byte[] bytes) {
        return new AudioData(format, bytes.clone());
    }

    /** Audio in a self-describing container (WAV, MP3, FLAC, Ogg, ...): the format is detected from the content. */
    public static AudioData of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new AudioData(AudioFormatDetector.detect(copy), copy);
    }

    /** Reads a file and detects its format from the content, not the file name. */
    public static AudioData of(Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            return new AudioData(AudioFormatDetector.detect(content), content);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("audio file not found: " + file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read audio file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a whole stream (not closed here) and detects its format from the content. */
    public static AudioData of(InputStream in) {
        try {
            byte[] content = in.readAllBytes();
            return new AudioData(AudioFormatDetector.detect(content), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wraps bytes the caller promises never to modify again; used internally to avoid a copy. */
    static AudioData wrap(AudioFormat format, byte[] bytes) {
        return new AudioData(format, bytes);
    }

    /** The backing array itself, for this package's converters; callers must never modify it. */
    byte[] array() {
        return bytes;
    }

    public AudioFormat format() {
        return format;
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** A read-only view of the bytes, without copying. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    public int size() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /**
     * Duration in seconds when it can be known without decoding (raw or WAV PCM/G.711), otherwise -1.
     * For WAV the header is not subtracted exactly; use {@code Wav.read} for an exact figure.
     */
    public double durationSeconds() {
        if (format.container() == Container.RAW && format.isUncompressed()) {
            return (double) bytes.length / format.bytesPerSecond();
        }
        return -1;
    }

    /** Streams the bytes without copying them. */
    public InputStream openStream() {
        return new java.io.ByteArrayInputStream(bytes);
    }

    @Override
    public String toString() {
        return "AudioData[" + format + ", " + bytes.length + " bytes]";
    }
}
