package io.debabelizer.cli.stream;

import java.util.function.DoubleConsumer;

/**
 * Feeds raw PCM to a live stream in fixed-duration chunks, each released at its stream time by a {@link Pacer}.
 */
public final class ChunkFeeder {

    /** Where chunks go (a {@code SpeechStream::send}); the array is not reused after the call. */
    @FunctionalInterface
    public interface Sink {
        void accept(byte[] chunk);
    }

    private final int bytesPerSecond;
    private final int chunkBytes;
    private final Pacer pacer;

    /**
     * @param bytesPerSecond byte rate of the PCM
     * @param frameSize      bytes per sample frame, so no chunk splits a sample
     * @param chunkMillis    chunk duration
     */
    public ChunkFeeder(int bytesPerSecond, int frameSize, int chunkMillis, Pacer pacer) {
        if (bytesPerSecond <= 0 || frameSize <= 0 || chunkMillis <= 0) {
            throw new IllegalArgumentException("byte rate, frame size and chunk duration must be positive");
        }
        int bytes = (int) ((long) bytesPerSecond * chunkMillis / 1000);
        this.chunkBytes = Math.max(frameSize, bytes - bytes % frameSize);
        this.bytesPerSecond = bytesPerSecond;
        this.pacer = pacer;
    }

    public int chunkBytes() {
        return chunkBytes;
    }

    /**
     * Sends all of {@code pcm}; {@code progress} hears the seconds sent after each chunk. Each chunk waits for
     * the stream time at which it has been fully "recorded", as a microphone would deliver it.
     */
    public void feed(byte[] pcm, Sink sink, DoubleConsumer progress) throws InterruptedException {
        for (int offset = 0; offset < pcm.length; offset += chunkBytes) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            int length = Math.min(chunkBytes, pcm.length - offset);
            double endSeconds = (double) (offset + length) / bytesPerSecond;
            pacer.awaitStreamTime(endSeconds);
            byte[] chunk = new byte[length];
            System.arraycopy(pcm, offset, chunk, 0, length);
            sink.accept(chunk);
            progress.accept(endSeconds);
        }
    }
}
