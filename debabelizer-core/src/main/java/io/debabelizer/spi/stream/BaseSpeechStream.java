package io.debabelizer.spi.stream;

import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.StreamClosedException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamEvent.CloseReason;
import io.debabelizer.stt.StreamRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery every live STT provider shares, so a provider only encodes and decodes its protocol.
 *
 * <p>Outbound: {@code send} copies the chunk into a byte-bounded queue; one virtual thread per stream drains it in
 * order and calls {@link #transmitAudio}, {@link #transmitFinalize}, {@link #transmitEndOfInput} (waiting for each
 * to complete, as WebSocket allows one send at a time), and {@link #transmitKeepAlive} when the application has been
 * quiet for {@link #keepAliveInterval()}.
 *
 * <p>Inbound: the provider's reader calls {@link #emit} (returns a stage to apply backpressure to the network read),
 * then {@link #complete()} when the provider confirms the end, or {@link #fail} on an error.
 *
 * <p>A subclass calls {@link #start()} once its connection is open.
 */
public abstract class BaseSpeechStream implements SpeechStream {

    private static final Logger log = LoggerFactory.getLogger(BaseSpeechStream.class);
    private static final Duration DEFAULT_CLOSE_WAIT = Duration.ofSeconds(10);

    private sealed interface Outgoing {
    }

    private record Audio(byte[] data) implements Outgoing {
    }

    private record Control(String kind) implements Outgoing {
    }

    private static final Control FINALIZE = new Control("finalize");
    private static final Control END = new Control("end");

    private final String sessionId;
    private final String provider;
    private final StreamRequest request;
    private final Clock clock;
    private final LinkedBlockingQueue<Outgoing> outgoing = new LinkedBlockingQueue<>();
    private final Semaphore sendBudget;
    private final int sendBudgetBytes;
    private final EventBuffer<StreamEvent> events;
    private final CompletableFuture<StreamEvent.Closed> completion = new CompletableFuture<>();
    private final Object stateLock = new Object();
    private final ReplayBuffer replay;
    private final int bytesPerSecond;

    private volatile Instant lastActivity;
    private volatile boolean inputEnded;
    private volatile DebabelizerException failure;
    private volatile boolean terminal;
    private volatile Thread sender;
    /** The sender is inside a provider's transmit call, which may write to a socket on this thread. */
    private volatile boolean inTransmit;
    /** Audio bytes the transport accepted (guarded by stateLock). */
    private long transmittedBytes;

    protected BaseSpeechStream(String provider, StreamRequest request) {
        this(provider, request, Clock.systemUTC());
    }

    protected BaseSpeechStream(String provider, StreamRequest request, Clock clock) {
        this.sessionId = UUID.randomUUID().toString();
        this.provider = provider;
        this.request = request;
        this.clock = clock;
        this.sendBudgetBytes = request.sendBufferBytes();
        this.sendBudget = new Semaphore(sendBudgetBytes);
        this.events = new EventBuffer<>(request.eventBuffer());
        AudioFormat f = request.format();
        this.bytesPerSecond = f.isUncompressed() ? f.bytesPerSecond() : 0;
        this.replay = new ReplayBuffer(bytesPerSecond, f.frameSize(), request.replayWindow().toMillis() / 1000.0);
        this.lastActivity = clock.instant();
    }

    // ---- what a provider implements -------------------------------------------------------------------------

    /** Sends one audio chunk on the wire; the stage completes when the transport accepted it. */
    protected abstract CompletionStage<?> transmitAudio(byte[] chunk);

    /** Sends the protocol's "finalize now" message (or does the equivalent). */
    protected abstract CompletionStage<?> transmitFinalize();

    /**
     * Sends the protocol's end-of-audio message. The provider keeps reading and calls {@link #complete()} when the
     * server has delivered its last result.
     */
    protected abstract CompletionStage<?> transmitEndOfInput();

    /** Closes the connection at once (cancel, failure, idle timeout). Must not throw. */
    protected abstract void abort();

    /** Interval of application silence after which {@link #transmitKeepAlive} is called; null for never. */
    protected Duration keepAliveInterval() {
        return null;
    }

    /** Sends the protocol's keep-alive message. */
    protected CompletionStage<?> transmitKeepAlive() {
        return CompletableFuture.completedFuture(null);
    }

    // ---- what a provider calls ------------------------------------------------------------------------------

    /** Starts the sender; call once the connection is open. */
    protected final void start() {
        synchronized (stateLock) {
            if (sender != null) {
                throw new IllegalStateException("already started");
            }
            sender = Thread.ofVirtual().name("debabelizer-" + provider + "-send-" + sessionId).start(this::sendLoop);
        }
    }

    /**
     * Delivers an event to the application. Final results also release the replay audio they cover. The stage
     * completes when the event is buffered; a provider should not read its next message before that.
     */
    protected final CompletionStage<Void> emit(StreamEvent event) {
        if (event instanceof StreamEvent.Closed) {
            throw new IllegalArgumentException("use complete() or fail() to end the stream");
        }
        if (event instanceof StreamEvent.Final f) {
            synchronized (stateLock) {
                replay.discardBefore(f.end());
            }
        }
        return events.emit(event);
    }

    /** The provider confirmed the end of the stream after {@link #transmitEndOfInput}. */
    protected final void complete() {
        finish(CloseReason.COMPLETED, null);
    }

    /** A fatal error: reported as an {@link StreamEvent.Error} followed by {@link StreamEvent.Closed}. */
    protected final void fail(DebabelizerException error) {
        finish(CloseReason.FAILED, error);
    }

    /** The request this stream was opened with. */
    protected final StreamRequest request() {
        return request;
    }

    /** Seconds of stream time for a byte offset of the input format (0 for formats without constant rate). */
    protected final double secondsForBytes(long bytes) {
        return bytesPerSecond == 0 ? 0 : (double) bytes / bytesPerSecond;
    }

    protected final boolean isTerminal() {
        return terminal;
    }

    // ---- SpeechStream ---------------------------------------------------------------------------------------

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public AudioFormat format() {
        return request.format();
    }

    @Override
    public void send(byte[] chunk, int offset, int length) {
        if (length == 0) {
            return;
        }
        int permits = Math.min(length, sendBudgetBytes);
        try {
            checkOpenForInput();
            sendBudget.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DebabelizerException("interrupted while waiting to send audio", provider, null, e);
        }
        enqueueAudio(chunk, offset, length, permits);
    }

    @Override
    public boolean offer(byte[] chunk, Duration timeout) {
        if (chunk.length == 0) {
            return true;
        }
        int permits = Math.min(chunk.length, sendBudgetBytes);
        try {
            checkOpenForInput();
            if (!sendBudget.tryAcquire(permits, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        enqueueAudio(chunk, 0, chunk.length, permits);
        return true;
    }

    private void enqueueAudio(byte[] chunk, int offset, int length, int permits) {
        synchronized (stateLock) {
            if (terminal || inputEnded) {
                sendBudget.release(permits);
                checkOpenForInput();
            }
            byte[] copy = java.util.Arrays.copyOfRange(chunk, offset, offset + length);
            // Into the replay at once, not when transmitted: audio still queued when the stream fails must be
            // replayable too, and appending here under the lock keeps it in order.
            replay.append(copy);
            outgoing.add(new Audio(copy));
            lastActivity = clock.instant();
        }
    }

    private void checkOpenForInput() {
        if (failure != null) {
            throw new StreamClosedException("stream " + sessionId + " failed: " + failure.getMessage(), provider,
                    failure);
        }
        if (terminal) {
            throw new StreamClosedException("stream " + sessionId + " is closed", provider, null);
        }
        if (inputEnded) {
            throw new StreamClosedException("input of stream " + sessionId + " already ended", provider, null);
        }
    }

    @Override
    public void finalizeUtterance() {
        synchronized (stateLock) {
            checkOpenForInput();
            outgoing.add(FINALIZE);
            lastActivity = clock.instant();
        }
    }

    @Override
    public void endInput() {
        synchronized (stateLock) {
            if (inputEnded || terminal) {
                return;
            }
            inputEnded = true;
            outgoing.add(END);
            lastActivity = clock.instant();
        }
    }

    @Override
    public void cancel(CloseReason reason) {
        finish(reason, null);
    }

    private void finish(CloseReason reason, DebabelizerException error) {
        Thread senderThread;
        StreamEvent.Closed closed;
        synchronized (stateLock) {
            if (terminal) {
                return;
            }
            terminal = true;
            inputEnded = true;
            failure = error;
            closed = new StreamEvent.Closed(reason, secondsForBytes(transmittedBytes));
            senderThread = sender;
            outgoing.clear();
        }
        sendBudget.release(sendBudgetBytes); // wake senders blocked on a full buffer; they see the terminal state
        if (reason != CloseReason.COMPLETED && reason != CloseReason.FAILED) {
            events.discardPending();
        }
        if (error != null) {
            log.debug("stream {} on {} failed: {}", sessionId, provider, error.getMessage());
        }
        // Complete first, so that whoever takes the Closed event finds completion() done. The Error and the Closed
        // event go in together, so a result the provider's reader emits at the same moment cannot slip between.
        completion.complete(closed);
        events.terminate(error == null ? null : new StreamEvent.Error(error, true), closed);
        // Wake a sender waiting for audio or for a send to complete; never one inside a transmit call (see
        // transmit): it sees the terminal state as soon as that call returns.
        if (senderThread != null && senderThread != Thread.currentThread() && !inTransmit) {
            senderThread.interrupt();
        }
        if (reason != CloseReason.COMPLETED) {
            try {
                abort();
            } catch (RuntimeException e) {
                log.debug("abort of stream {} threw", sessionId, e);
            }
        }
    }

    private void sendLoop() {
        Duration keepAlive = keepAliveInterval();
        try {
            while (!terminal) {
                Outgoing next = keepAlive == null ? outgoing.take()
                        : outgoing.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                if (terminal) {
                    return;
                }
                if (next == null) {
                    await(transmit(this::transmitKeepAlive));
                } else if (next instanceof Audio a) {
                    try {
                        await(transmit(() -> transmitAudio(a.data())));
                        synchronized (stateLock) {
                            transmittedBytes += a.data().length;
                        }
                    } finally {
                        sendBudget.release(Math.min(a.data().length, sendBudgetBytes));
                    }
                } else if (next == FINALIZE) {
                    await(transmit(this::transmitFinalize));
                } else if (next == END) {
                    await(transmit(this::transmitEndOfInput));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (DebabelizerException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new ProviderUnavailableException("sending audio failed: " + e.getMessage(), provider, null, e));
        }
    }

    /**
     * Runs one provider transmit call with {@link #inTransmit} set, so that {@link #finish} does not interrupt this
     * thread inside it: an interrupt during a socket write closes the channel under the provider's connection
     * (NIO closes an interruptible channel used by an interrupted thread). A stream that ended meanwhile does not
     * wait for the send to complete.
     */
    private CompletionStage<?> transmit(java.util.function.Supplier<CompletionStage<?>> call) {
        inTransmit = true;
        // finish() writes terminal before it reads inTransmit, and this thread the other way round, so when finish
        // did not see this call coming it is seen here: skip the call and drop an interrupt that may be on its way
        if (terminal) {
            inTransmit = false;
            Thread.interrupted();
            return CompletableFuture.completedFuture(null);
        }
        CompletionStage<?> stage;
        try {
            stage = call.get();
        } finally {
            inTransmit = false;
        }
        return terminal ? CompletableFuture.completedFuture(null) : stage;
    }

    private void await(CompletionStage<?> stage) throws InterruptedException {
        try {
            stage.toCompletableFuture().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ce && ce.getCause() != null
                    ? ce.getCause() : e.getCause();
            if (cause instanceof DebabelizerException de) {
                throw de;
            }
            throw new ProviderUnavailableException("sending to " + provider + " failed: " + cause, provider, null,
                    cause);
        }
    }

    @Override
    public StreamEvent nextEvent() throws InterruptedException {
        return events.take();
    }

    @Override
    public Optional<StreamEvent> pollEvent(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(events.poll(timeout));
    }

    @Override
    public Stream<StreamEvent> events() {
        events.claimConsumer("events()");
        Spliterator<StreamEvent> split = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            private boolean done;

            @Override
            public boolean tryAdvance(Consumer<? super StreamEvent> action) {
                if (done) {
                    return false;
                }
                try {
                    StreamEvent e = events.take();
                    done = e instanceof StreamEvent.Closed;
                    action.accept(e);
                    return true;
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new DebabelizerException("interrupted while waiting for stream events", provider, null, ex);
                }
            }
        };
        return StreamSupport.stream(split, false);
    }

    @Override
    public Flow.Publisher<StreamEvent> publisher() {
        return events.publisher("debabelizer-" + provider + "-events-" + sessionId,
                e -> e instanceof StreamEvent.Closed);
    }

    @Override
    public void onEvent(Consumer<StreamEvent> listener) {
        events.claimConsumer("onEvent()");
        Thread.ofVirtual().name("debabelizer-" + provider + "-listener-" + sessionId).start(() -> {
            try {
                while (true) {
                    StreamEvent e = events.take();
                    try {
                        listener.accept(e);
                    } catch (RuntimeException ex) {
                        log.warn("stream {} listener threw on {}", sessionId, e.getClass().getSimpleName(), ex);
                    }
                    if (e instanceof StreamEvent.Closed) {
                        return;
                    }
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public CompletableFuture<StreamEvent.Closed> completion() {
        return completion;
    }

    @Override
    public double audioSecondsSent() {
        synchronized (stateLock) {
            return secondsForBytes(transmittedBytes);
        }
    }

    @Override
    public Instant lastActivity() {
        return lastActivity;
    }

    @Override
    public double unfinalizedAudioStart() {
        synchronized (stateLock) {
            return replay.startSeconds();
        }
    }

    @Override
    public byte[] unfinalizedAudio() {
        synchronized (stateLock) {
            return replay.snapshot();
        }
    }

    @Override
    public void close() {
        close(DEFAULT_CLOSE_WAIT);
    }

    @Override
    public void close(Duration wait) {
        if (terminal) {
            return;
        }
        endInput();
        try {
            completion.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.debug("stream {} did not finish within {}; cancelling", sessionId, wait);
            cancel(CloseReason.CANCELLED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(CloseReason.CANCELLED);
        } catch (ExecutionException e) {
            // completion never completes exceptionally
        }
    }

    /** Validates a chunk format before opening; helper for providers that only take certain encodings. */
    protected static void requireUncompressed(StreamRequest request, String provider) {
        if (!request.format().isUncompressed()) {
            throw new InvalidInputException("live streaming to " + provider + " needs raw PCM or G.711 with a known "
                    + "sample rate and channel count, got " + request.format(), provider, null, null);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + sessionId + ", " + provider + ", " + request.format() + "]";
    }
}
