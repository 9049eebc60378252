package io.debabelizer.audio;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts uncompressed audio (PCM or G.711) into chunks of a fixed duration, always on sample-frame boundaries, as
 * streaming APIs want it (e.g. 20 ms packets). One instance frames a stream that arrives in arbitrary pieces:
 * {@link #push} returns the whole chunks completed so far and keeps the rest for later; {@link #flush} returns the
 * final, possibly shorter, chunk. Not thread-safe.
 */
public final class AudioFramer {

    private final int chunkBytes;
    private final int frameSize;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public AudioFramer(AudioFormat format, int chunkMillis) {
        this.chunkBytes = chunkBytes(format, chunkMillis);
        this.frameSize = format.frameSize();
    }

    /**
     * Bytes in a chunk of {@code millis} milliseconds: the nearest whole number of sample frames, at least one.
     *
     * @throws IllegalArgumentException for compressed or incompletely described formats, or a non-positive duration
     */
    public static int chunkBytes(AudioFormat format, int millis) {
        if (!format.isUncompressed()) {
            throw new IllegalArgumentException("only PCM or G.711 with known rate and channels can be framed: "
                    + format);
        }
        if (millis <= 0) {
            throw new IllegalArgumentException("chunk duration must be positive: " + millis + " ms");
        }
        long frames = Math.max(1, Math.round(format.sampleRate() * (double) millis / 1000));
        return (int) Math.min(Integer.MAX_VALUE - 8, frames * format.frameSize());
    }

    /** Splits whole raw audio into chunks of {@code millis}; the last one may be shorter. */
    public static List<AudioData> split(AudioData raw, int millis) {
        AudioFormat format = raw.format();
        int size = chunkBytes(format, millis);
        byte[] bytes = raw.array();
        int usable = bytes.length - bytes.length % format.frameSize();
        List<AudioData> chunks = new ArrayList<>((usable + size - 1) / size);
        for (int from = 0; from < usable; from += size) {
            chunks.add(AudioData.wrap(format, Arrays.copyOfRange(bytes, from, Math.min(usable, from + size))));
        }
        return chunks;
    }

    /** Adds the next piece of the stream; returns the chunks it completes (possibly none). */
    public List<byte[]> push(byte[] bytes) {
        pending.writeBytes(bytes);
        if (pending.size() < chunkBytes) {
            return List.of();
        }
        byte[] all = pending.toByteArray();
        List<byte[]> chunks = new ArrayList<>(all.length / chunkBytes);
        int from = 0;
        for (; from + chunkBytes <= all.length; from += chunkBytes) {
            chunks.add(Arrays.copyOfRange(all, from, from + chunkBytes));
        }
        pending.reset();
        pending.write(all, from, all.length - from);
        return chunks;
    }

    /**
     * Ends the stream: the remaining whole frames as one short chunk (empty when nothing is left). Bytes of an
     * incomplete trailing frame are dropped.
     */
    public byte[] flush() {
        byte[] rest = pending.toByteArray();
        pending.reset();
        return Arrays.copyOf(rest, rest.length - rest.length % frameSize);
    }

    public int chunkBytes() {
        return chunkBytes;
    }
}
