package io.debabelizer.cli.stream;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Paces by a schedule anchored at the first call: chunk n is released at {@code anchor + n * chunk}. */
public final class RealTimePacer implements Pacer {

    /** Sleeps for a number of nanoseconds; a seam so tests can run on a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private long anchor;
    private boolean started;

    public RealTimePacer(LongSupplier nanoClock, Sleeper sleeper) {
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    @Override
    public void awaitStreamTime(double streamSeconds) throws InterruptedException {
        long now = nanoClock.getAsLong();
        if (!started) {
            anchor = now;
            started = true;
        }
        long due = anchor + Math.round(streamSeconds * 1e9);
        while (now < due) {
            sleeper.sleep(due - now);
            now = nanoClock.getAsLong();
        }
    }

    static void sleepNanos(long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(nanos);
    }
}
