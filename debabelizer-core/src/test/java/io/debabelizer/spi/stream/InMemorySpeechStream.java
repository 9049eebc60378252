package io.debabelizer.spi.stream;

import io.debabelizer.DebabelizerException;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link BaseSpeechStream} whose "network" is a list in memory: what the base class transmits is recorded in
 * {@link #wire()}, and a test plays the server with {@link #serverEmit}, {@link #serverComplete} and
 * {@link #serverFail}. {@link #holdTransmissions()} makes the wire stall so backpressure can be observed.
 */
public final class InMemorySpeechStream extends BaseSpeechStream {

    /** What went over the wire: byte[] for audio, or the strings "finalize", "end", "keepalive". */
    private final List<Object> wire = new CopyOnWriteArrayList<>();
    private final AtomicInteger aborts = new AtomicInteger();
    private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

    public InMemorySpeechStream(String provider, StreamRequest request) {
        this(provider, request, Clock.systemUTC());
    }

    public InMemorySpeechStream(String provider, StreamRequest request, Clock clock) {
        super(provider, request, clock);
        start();
    }

    @Override
    protected CompletionStage<?> transmitAudio(byte[] chunk) {
        return gate.thenRun(() -> wire.add(chunk));
    }

    @Override
    protected CompletionStage<?> transmitFinalize() {
        return gate.thenRun(() -> wire.add("finalize"));
    }

    @Override
    protected CompletionStage<?> transmitEndOfInput() {
        return gate.thenRun(() -> wire.add("end"));
    }

    @Override
    protected void abort() {
        aborts.incrementAndGet();
    }

    /** From now on the wire accepts nothing until {@link #releaseTransmissions()}. */
    public void holdTransmissions() {
        gate = new CompletableFuture<>();
    }

    public void releaseTransmissions() {
        gate.complete(null);
    }

    public List<Object> wire() {
        return wire;
    }

    /** Audio bytes that reached the wire, concatenated. */
    public int audioBytesOnWire() {
        return wire.stream().filter(o -> o instanceof byte[]).mapToInt(o -> ((byte[]) o).length).sum();
    }

    public int aborts() {
        return aborts.get();
    }

    public CompletionStage<Void> serverEmit(StreamEvent event) {
        return emit(event);
    }

    public void serverComplete() {
        complete();
    }

    public void serverFail(DebabelizerException error) {
        fail(error);
    }
}
