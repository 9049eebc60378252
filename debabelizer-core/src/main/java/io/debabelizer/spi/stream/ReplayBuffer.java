package io.debabelizer.spi.stream;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;

/**
 * Keeps the audio sent on a live stream that no final result has covered yet, so that a reconnect (or a move to
 * another provider) can send it again. Works on byte offsets of a constant-rate format; bounded by a window so a
 * provider that never finalises cannot make it grow without limit. Not thread-safe: the owning stream locks.
 */
final class ReplayBuffer {

    private record Chunk(long offset, byte[] data) {
    }

    private final int bytesPerSecond;
    private final int frameSize;
    private final long maxBytes;
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private long retainedBytes;
    private long totalBytes;

    /** @param bytesPerSecond 0 disables replay (formats without a constant byte rate cannot be cut by time) */
    ReplayBuffer(int bytesPerSecond, int frameSize, double windowSeconds) {
        this.bytesPerSecond = bytesPerSecond;
        this.frameSize = Math.max(1, frameSize);
        this.maxBytes = (long) (bytesPerSecond * windowSeconds);
    }

    void append(byte[] data) {
        long offset = totalBytes;
        totalBytes += data.length;
        if (bytesPerSecond == 0 || maxBytes == 0) {
            return;
        }
        chunks.addLast(new Chunk(offset, data));
        retainedBytes += data.length;
        while (retainedBytes - chunks.peekFirst().data().length >= maxBytes) {
            retainedBytes -= chunks.pollFirst().data().length;
        }
    }

    /** Forgets audio before {@code seconds} of stream time (the end of the latest final result). */
    void discardBefore(double seconds) {
        if (bytesPerSecond == 0) {
            return;
        }
        long cut = (long) (seconds * bytesPerSecond);
        cut -= cut % frameSize;
        while (!chunks.isEmpty()) {
            Chunk first = chunks.peekFirst();
            long end = first.offset() + first.data().length;
            if (end <= cut) {
                chunks.pollFirst();
                retainedBytes -= first.data().length;
            } else if (first.offset() < cut) {
                int skip = (int) (cut - first.offset());
                byte[] rest = java.util.Arrays.copyOfRange(first.data(), skip, first.data().length);
                chunks.pollFirst();
                chunks.addFirst(new Chunk(cut, rest));
                retainedBytes -= skip;
                return;
            } else {
                return;
            }
        }
    }

    long totalBytes() {
        return totalBytes;
    }

    double startSeconds() {
        if (bytesPerSecond == 0) {
            return 0;
        }
        long start = chunks.isEmpty() ? totalBytes : chunks.peekFirst().offset();
        return (double) start / bytesPerSecond;
    }

    byte[] snapshot() {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE, retainedBytes));
        for (Chunk c : chunks) {
            out.writeBytes(c.data());
        }
        return out.toByteArray();
    }
}
