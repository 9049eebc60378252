package io.debabelizer.stt;

import io.debabelizer.audio.AudioFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A live transcription stream: the application pushes audio chunks in, and {@link StreamEvent}s come out.
 *
 * <p><b>Sending.</b> {@link #send} copies the chunk into a bounded buffer and returns; when the buffer is full
 * (the provider or network is slower than the audio) it blocks until there is room, so audio is never dropped
 * silently. On virtual threads blocking is cheap; {@link #offer} gives up after a timeout instead.
 *
 * <p><b>Receiving.</b> Pick one style per stream: pull ({@link #nextEvent}, {@link #pollEvent}, {@link #events}),
 * a reactive {@link #publisher()}, or a {@link #onEvent listener}. Events are buffered up to a bound; past it the
 * stream stops reading from the provider until the application catches up (again, nothing is dropped).
 *
 * <p><b>Ending.</b> {@link #endInput} says no more audio will come; remaining results arrive, then
 * {@link StreamEvent.Closed}. {@link #cancel} stops at once. {@link #close} ends input and waits a bounded time
 * for the last results, then cancels.
 *
 * <p><b>Replay.</b> The stream keeps the audio not yet covered by a final result ({@link #unfinalizedAudio}), so a
 * reconnect or a move to another provider can replay it and lose nothing.
 */
public interface SpeechStream extends AutoCloseable {

    /** Unique id of this live session (also the key in the session manager). */
    String sessionId();

    /** Name of the provider serving this stream. */
    String provider();

    /** Format of the chunks {@link #send} expects. */
    AudioFormat format();

    /** Queues a chunk for sending; blocks while the send buffer is full. The array may be reused after return. */
    default void send(byte[] chunk) {
        send(chunk, 0, chunk.length);
    }

    /** Queues part of an array for sending; blocks while the send buffer is full. */
    void send(byte[] chunk, int offset, int length);

    /** Like {@link #send(byte[])} but waits at most {@code timeout} for room; returns false if none came. */
    boolean offer(byte[] chunk, Duration timeout);

    /** Asks the provider to settle everything sent so far into final results now, without ending the stream. */
    void finalizeUtterance();

    /** No more audio will be sent; the stream closes after delivering the remaining results. Idempotent. */
    void endInput();

    /** Stops the stream at once; results in flight are discarded. Idempotent. */
    default void cancel() {
        cancel(StreamEvent.CloseReason.CANCELLED);
    }

    /** Stops the stream at once, reporting {@code reason} in the {@link StreamEvent.Closed} event. */
    void cancel(StreamEvent.CloseReason reason);

    /** Waits for the next event. After {@link StreamEvent.Closed} it keeps returning that same event. */
    StreamEvent nextEvent() throws InterruptedException;

    /** Waits up to {@code timeout} for the next event. */
    Optional<StreamEvent> pollEvent(Duration timeout) throws InterruptedException;

    /** All events in order, as a blocking sequential stream that ends after {@link StreamEvent.Closed}. */
    Stream<StreamEvent> events();

    /** The events as a {@link Flow.Publisher}; accepts one subscriber, honours its demand. */
    Flow.Publisher<StreamEvent> publisher();

    /** Delivers every event to {@code listener} on a virtual thread of its own, in order. */
    void onEvent(Consumer<StreamEvent> listener);

    /** Completes with the {@link StreamEvent.Closed} event when the stream is over, whatever the reason. */
    CompletableFuture<StreamEvent.Closed> completion();

    /** Seconds of audio handed to the provider so far (0 when the format has no constant byte rate). */
    double audioSecondsSent();

    /** When the application last sent audio or a control message. */
    Instant lastActivity();

    /** Stream time, in seconds, of the first byte of {@link #unfinalizedAudio()}. */
    double unfinalizedAudioStart();

    /** Audio sent but not yet covered by a final result (bounded by the replay window). */
    byte[] unfinalizedAudio();

    /**
     * Ends input and waits (bounded) for the remaining results, then cancels if they did not come.
     * Never throws for a stream that already failed: the failure was reported as an event.
     */
    @Override
    void close();

    /** Convenience for {@code close()} with a custom wait. */
    void close(Duration wait);
}
