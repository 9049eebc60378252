package io.debabelizer.spi.stream;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fails a stream that waits for the server longer than a timeout without hearing anything: the JDK's request timeout
 * ends with the response headers, and a WebSocket has none, so a server that stops sending mid-body or never sends
 * audio would otherwise leave the reader waiting forever. Checks run on the common pool's delayed executor (no
 * thread of its own to leak).
 */
public final class IdleWatchdog {

    private final long timeoutNanos;
    private final Runnable onIdle;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean armed;
    private volatile boolean stopped;
    private volatile boolean paused;

    public IdleWatchdog(Duration timeout, Runnable onIdle) {
        this.timeoutNanos = timeout.toNanos();
        this.onIdle = onIdle;
    }

    /** Starts watching (once); the timeout counts from now. */
    public synchronized void arm() {
        touch();
        if (!armed && !stopped) {
            armed = true;
            schedule(timeoutNanos);
        }
    }

    /** Something arrived: the timeout starts again. */
    public void touch() {
        lastActivity = System.nanoTime();
    }

    /** The wait is now the application's, not the server's (e.g. a full buffer): no timeout until {@link #resume()}. */
    public void pause() {
        paused = true;
    }

    /** Waiting for the server again; the timeout counts from now. */
    public void resume() {
        touch();
        paused = false;
    }

    public void stop() {
        stopped = true;
    }

    private void schedule(long delayNanos) {
        CompletableFuture.runAsync(this::check,
                CompletableFuture.delayedExecutor(Math.max(delayNanos, 1), TimeUnit.NANOSECONDS));
    }

    private void check() {
        if (stopped) {
            return;
        }
        if (paused) {
            schedule(timeoutNanos);
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (idle >= timeoutNanos) {
            stopped = true;
            onIdle.run();
        } else {
            schedule(timeoutNanos - idle);
        }
    }
}
