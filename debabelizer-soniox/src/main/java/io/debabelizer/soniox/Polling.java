package io.debabelizer.soniox;

import java.time.Clock;
import java.time.Duration;

/**
 * Exponential backoff for status polls: {@code first}, then doubling up to {@code max}. The pauses and the clock are
 * injectable so tests can check the schedule and the deadline without waiting.
 */
record Polling(Duration first, Duration max, Clock clock, Pause pause) {

    /** Sleeps; the production one is {@link Thread#sleep(Duration)}. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    static Polling standard(Duration first) {
        return new Polling(first, SonioxSettings.MAX_POLL_INTERVAL.compareTo(first) < 0 ? first
                : SonioxSettings.MAX_POLL_INTERVAL, Clock.systemUTC(), Thread::sleep);
    }

    /** The pause after {@code previous} (null for the first). */
    Duration next(Duration previous) {
        if (previous == null) {
            return first;
        }
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
