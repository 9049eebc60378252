package io.debabelizer.local.stt;

import java.util.Arrays;

/**
 * The recent samples of a live stream, addressed by absolute sample index since the stream started. The stream
 * drops what no segment can need any more, so memory stays bounded by the longest segment.
 */
final class SampleTimeline {

    private short[] buffer = new short[16_000];
    private int length;
    private long start;

    long start() {
        return start;
    }

    long end() {
        return start + length;
    }

    void append(short[] samples) {
        if (length + samples.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + samples.length));
        }
        System.arraycopy(samples, 0, buffer, length, samples.length);
        length += samples.length;
    }

    /** The samples in {@code [from, to)}, clamped to what is held. */
    short[] copy(long from, long to) {
        int a = (int) (Math.max(from, start) - start);
        int b = (int) (Math.min(to, end()) - start);
        return b <= a ? new short[0] : Arrays.copyOfRange(buffer, a, b);
    }

    void discardBefore(long sample) {
        int drop = (int) Math.min(Math.max(0, sample - start), length);
        if (drop == 0) {
            return;
        }
        System.arraycopy(buffer, drop, buffer, 0, length - drop);
        length -= drop;
        start += drop;
    }
}
