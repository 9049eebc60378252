package io.debabelizer.spi.stream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A bounded, single-consumer hand-off from a provider's network reader to the application, ending in one terminal
 * item.
 *
 * <p>Producers never block: {@link #emit} returns a stage that completes once the item is buffered. A provider
 * reading a WebSocket returns that stage from its listener (or requests the next frame when it completes), so a slow
 * consumer slows the network read instead of losing events or growing memory without bound.
 *
 * <p>The terminal item ({@link #terminate}) is always accepted, even when the buffer is full, and everything emitted
 * after it is ignored. After the consumer has taken the terminal item, further takes return it again.
 *
 * @param <T> item type
 */
public final class EventBuffer<T> {

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final ArrayDeque<Pending<T>> waiting = new ArrayDeque<>();
    private final AtomicBoolean consumerClaimed = new AtomicBoolean();
    private T terminal;
    private boolean terminalQueued;

    private record Pending<T>(T item, CompletableFuture<Void> accepted) {
    }

    public EventBuffer(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** Buffers an item; the stage completes when it is in the buffer (at once, unless the buffer is full). */
    public CompletionStage<Void> emit(T item) {
        Objects.requireNonNull(item);
        lock.lock();
        try {
            if (terminalQueued) {
                return CompletableFuture.completedFuture(null);
            }
            if (items.size() < capacity && waiting.isEmpty()) {
                items.addLast(item);
                notEmpty.signalAll();
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> accepted = new CompletableFuture<>();
            waiting.addLast(new Pending<>(item, accepted));
            return accepted;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the buffer with {@code item}: it comes after everything already emitted (including items still waiting
     * for room). Returns false if the buffer was already terminated.
     */
    public boolean terminate(T item) {
        return terminate(null, item);
    }

    /**
     * Ends the buffer with {@code last}, preceded by {@code before} (e.g. the error that ended a stream), both in
     * one step: an item a producer emits concurrently lands before {@code before} or is ignored, never between
     * the two. {@code before} may be null. Returns false if the buffer was already terminated.
     */
    public boolean terminate(T before, T last) {
        T item = Objects.requireNonNull(last);
        lock.lock();
        try {
            if (terminalQueued) {
                return false;
            }
            if (before != null) {
                waiting.addLast(new Pending<>(before, new CompletableFuture<>()));
            }
            terminalQueued = true;
            terminal = item;
            notEmpty.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Drops everything not yet taken (used on cancel), so the terminal item comes next. */
    public void discardPending() {
        lock.lock();
        try {
            items.clear();
            for (Pending<T> p : waiting) {
                p.accepted().complete(null);
            }
            waiting.clear();
        } finally {
            lock.unlock();
        }
    }

    public boolean isTerminated() {
        lock.lock();
        try {
            return terminalQueued;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the next item. */
    public T take() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                T next = nextLocked();
                if (next != null) {
                    return next;
                }
                notEmpty.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeout} for the next item; null if none came. */
    public T poll(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                T next = nextLocked();
                if (next != null) {
                    return next;
                }
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    private T nextLocked() {
        T head = items.pollFirst();
        if (head != null) {
            Pending<T> p = waiting.pollFirst();
            if (p != null) {
                items.addLast(p.item());
                p.accepted().complete(null);
            }
            return head;
        }
        Pending<T> p = waiting.pollFirst();
        if (p != null) {
            p.accepted().complete(null);
            return p.item();
        }
        return terminalQueued ? terminal : null;
    }

    /** Claims the single consumer slot; the second claim fails so two readers cannot split one stream's events. */
    public void claimConsumer(String style) {
        if (!consumerClaimed.compareAndSet(false, true)) {
            throw new IllegalStateException("this stream already has a consumer; read it one way only (" + style
                    + " asked second)");
        }
    }

    /**
     * A publisher that delivers the items, terminal included, to one subscriber on a virtual thread, honouring its
     * demand, then completes it.
     */
    public Flow.Publisher<T> publisher(String threadName, Predicate<T> isTerminal) {
        return subscriber -> {
            Objects.requireNonNull(subscriber);
            try {
                claimConsumer("publisher");
            } catch (IllegalStateException e) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    public void request(long n) {
                    }

                    public void cancel() {
                    }
                });
                subscriber.onError(e);
                return;
            }
            Demand demand = new Demand();
            subscriber.onSubscribe(demand);
            Thread.ofVirtual().name(threadName).start(() -> {
                try {
                    while (demand.awaitDemand()) {
                        T item = take();
                        subscriber.onNext(item);
                        if (isTerminal.test(item)) {
                            subscriber.onComplete();
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable t) {
                    subscriber.onError(t);
                }
            });
        };
    }

    /** Flow demand counter with a blocking wait; cancel wakes the waiter. */
    private static final class Demand implements Flow.Subscription {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private long requested;
        private boolean cancelled;

        @Override
        public void request(long n) {
            lock.lock();
            try {
                requested = n <= 0 ? requested : (Long.MAX_VALUE - requested < n ? Long.MAX_VALUE : requested + n);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                cancelled = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        boolean awaitDemand() throws InterruptedException {
            lock.lock();
            try {
                while (requested == 0 && !cancelled) {
                    changed.await(1, TimeUnit.SECONDS);
                }
                if (cancelled) {
                    return false;
                }
                if (requested != Long.MAX_VALUE) {
                    requested--;
                }
                return true;
            } finally {
                lock.unlock();
            }
        }
    }
}
