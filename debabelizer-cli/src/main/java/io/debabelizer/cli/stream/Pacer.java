package io.debabelizer.cli.stream;

/**
 * Holds audio back until its place in stream time, so a file is fed like a live microphone. Sleeping "until
 * start + t" rather than "for one chunk" keeps the pace exact however late each wake-up is.
 */
public interface Pacer {

    /** Returns once {@code streamSeconds} of wall time have passed since the first call (or at once when fast). */
    void awaitStreamTime(double streamSeconds) throws InterruptedException;

    /** No pacing: as fast as the stream accepts audio (its bounded buffer still applies backpressure). */
    static Pacer fast() {
        return streamSeconds -> {
        };
    }

    /** Real-time pacing on the system's monotonic clock. */
    static Pacer realTime() {
        return new RealTimePacer(System::nanoTime, RealTimePacer::sleepNanos);
    }
}
