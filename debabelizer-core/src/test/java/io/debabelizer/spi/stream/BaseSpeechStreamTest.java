package io.debabelizer.spi.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.StreamClosedException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamEvent.CloseReason;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.Word;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BaseSpeechStreamTest {

    /** 16 kHz 16-bit mono: 32000 bytes per second. */
    private static final AudioFormat PCM = AudioFormat.pcm16(16_000, 1);

    private final List<InMemorySpeechStream> opened = new ArrayList<>();

    private InMemorySpeechStream open(StreamRequest.Builder request) {
        InMemorySpeechStream s = new InMemorySpeechStream("fake", request.build());
        opened.add(s);
        return s;
    }

    private InMemorySpeechStream open() {
        return open(StreamRequest.builder(PCM));
    }

    @AfterEach
    void cancelLeftovers() {
        opened.forEach(InMemorySpeechStream::cancel);
        await().atMost(Duration.ofSeconds(30)).until(() -> debabelizerThreads().isEmpty());
    }

    static List<String> debabelizerThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("debabelizer-fake-")).toList();
    }

    private static StreamEvent.Final finalOf(String text, double start, double end) {
        return new StreamEvent.Final(text, List.of(new Word(text, start, end, 0.9)), start, end, 0.9, true, "en");
    }

    @Test
    void sendsAudioAndControlInOrder() {
        InMemorySpeechStream s = open();
        s.send(new byte[3200]);
        s.send(new byte[6400], 0, 3200);
        s.finalizeUtterance();
        s.send(new byte[320]);
        s.endInput();

        await().until(() -> s.wire().size() == 5);
        assertThat(s.wire().get(0)).isInstanceOf(byte[].class);
        assertThat((byte[]) s.wire().get(1)).hasSize(3200);
        assertThat(s.wire().get(2)).isEqualTo("finalize");
        assertThat((byte[]) s.wire().get(3)).hasSize(320);
        assertThat(s.wire().get(4)).isEqualTo("end");
        assertThat(s.audioSecondsSent()).isEqualTo(6720 / 32000.0);
    }

    @Test
    void sendCopiesTheChunkSoTheCallerMayReuseIt() {
        InMemorySpeechStream s = open();
        byte[] chunk = {1, 2, 3, 4};
        s.send(chunk);
        chunk[0] = 9;
        await().until(() -> s.wire().size() == 1);
        assertThat((byte[]) s.wire().get(0)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void fullSendBufferBlocksUntilTheWireDrainsAndOfferGivesUp() throws Exception {
        InMemorySpeechStream s = open(StreamRequest.builder(PCM).sendBufferBytes(1000));
        s.holdTransmissions();
        s.send(new byte[1000]); // fills the whole budget; the sender holds it until the wire accepts
        assertThat(s.offer(new byte[10], Duration.ofMillis(50))).isFalse();

        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> s.send(new byte[500]));
        Thread.sleep(100); // give it a chance to (wrongly) get through; the assertion below is not about time
        assertThat(blocked).isNotDone();

        s.releaseTransmissions();
        blocked.get(30, TimeUnit.SECONDS);
        await().until(() -> s.audioBytesOnWire() == 1500);
    }

    @Test
    void blockedSendUnblocksWithAnErrorWhenTheStreamIsCancelled() {
        InMemorySpeechStream s = open(StreamRequest.builder(PCM).sendBufferBytes(1000));
        s.holdTransmissions();
        s.send(new byte[1000]);
        AtomicReference<Thread> sender = new AtomicReference<>();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().start(() -> {
            sender.set(Thread.currentThread());
            try {
                s.send(new byte[1000]);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        await().until(() -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING);

        s.cancel();

        assertThat(outcome.join()).isInstanceOf(StreamClosedException.class);
        assertThat(s.completion().join().reason()).isEqualTo(CloseReason.CANCELLED);
    }

    @Test
    void eventsArriveInOrderAndEndWithClosedAfterEndInputAndComplete() throws Exception {
        InMemorySpeechStream s = open();
        s.send(new byte[32000]);
        s.serverEmit(new StreamEvent.SpeechStarted(0.1));
        s.serverEmit(new StreamEvent.Interim("hel", List.of(), 0, 0.5, 0.5));
        s.serverEmit(finalOf("hello", 0, 0.8));
        s.serverEmit(new StreamEvent.UtteranceEnd(0.8));
        s.endInput();
        await().until(() -> s.wire().contains("end"));
        s.serverComplete();

        List<StreamEvent> events = new ArrayList<>();
        StreamEvent e;
        do {
            e = s.nextEvent();
            events.add(e);
        } while (!(e instanceof StreamEvent.Closed));

        assertThat(events).extracting(ev -> ev.getClass().getSimpleName())
                .containsExactly("SpeechStarted", "Interim", "Final", "UtteranceEnd", "Closed");
        StreamEvent.Closed closed = (StreamEvent.Closed) events.get(4);
        assertThat(closed.reason()).isEqualTo(CloseReason.COMPLETED);
        assertThat(closed.audioSeconds()).isEqualTo(1.0);
        assertThat(s.nextEvent()).isSameAs(closed); // Closed repeats
        assertThat(s.completion()).isCompletedWithValue(closed);
        assertThat(s.aborts()).isZero(); // a completed stream is not aborted
    }

    @Test
    void inputIsRejectedAfterEndInput() {
        InMemorySpeechStream s = open();
        s.endInput();
        s.endInput(); // idempotent
        assertThatThrownBy(() -> s.send(new byte[10])).isInstanceOf(StreamClosedException.class)
                .hasMessageContaining("already ended");
        assertThatThrownBy(s::finalizeUtterance).isInstanceOf(StreamClosedException.class);
    }

    @Test
    void failReportsErrorThenClosedAndRejectsFurtherAudio() throws Exception {
        InMemorySpeechStream s = open();
        s.serverEmit(new StreamEvent.Interim("a", List.of(), 0, 0.1, 0.1));
        ProviderUnavailableException error = new ProviderUnavailableException("socket reset", "fake", null, null);
        s.serverFail(error);

        assertThat(s.nextEvent()).isInstanceOf(StreamEvent.Interim.class);
        StreamEvent err = s.nextEvent();
        assertThat(err).isInstanceOfSatisfying(StreamEvent.Error.class, ev -> {
            assertThat(ev.error()).isSameAs(error);
            assertThat(ev.fatal()).isTrue();
        });
        assertThat(s.nextEvent()).isInstanceOfSatisfying(StreamEvent.Closed.class,
                c -> assertThat(c.reason()).isEqualTo(CloseReason.FAILED));
        assertThatThrownBy(() -> s.send(new byte[10])).isInstanceOf(StreamClosedException.class)
                .hasCauseReference(error);
        assertThat(s.aborts()).isEqualTo(1);
    }

    @Test
    void transportFailureWhileSendingFailsTheStream() throws Exception {
        BrokenWire broken = new BrokenWire(StreamRequest.builder(PCM).build());
        broken.send(new byte[100]);
        assertThat(broken.completion().get(30, TimeUnit.SECONDS).reason()).isEqualTo(CloseReason.FAILED);
        assertThat(broken.nextEvent()).isInstanceOfSatisfying(StreamEvent.Error.class,
                e -> assertThat(e.error()).isInstanceOf(ProviderUnavailableException.class)
                        .hasMessageContaining("broken pipe"));
    }

    /** A wire that refuses the first chunk. */
    private static final class BrokenWire extends BaseSpeechStream {
        BrokenWire(StreamRequest request) {
            super("fake", request);
            start();
        }

        @Override
        protected CompletionStage<?> transmitAudio(byte[] chunk) {
            return CompletableFuture.failedFuture(new java.io.IOException("broken pipe"));
        }

        @Override
        protected CompletionStage<?> transmitFinalize() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        protected CompletionStage<?> transmitEndOfInput() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        protected void abort() {
        }
    }

    @Test
    void cancelDiscardsPendingEventsAbortsAndIsIdempotent() throws Exception {
        InMemorySpeechStream s = open();
        s.serverEmit(new StreamEvent.Interim("a", List.of(), 0, 0.1, 0.1));
        s.cancel();
        s.cancel(CloseReason.SHUTDOWN);

        assertThat(s.nextEvent()).isInstanceOfSatisfying(StreamEvent.Closed.class,
                c -> assertThat(c.reason()).isEqualTo(CloseReason.CANCELLED));
        assertThat(s.aborts()).isEqualTo(1);
        assertThat(s.completion().join().reason()).isEqualTo(CloseReason.CANCELLED);
        assertThatThrownBy(() -> s.send(new byte[2])).isInstanceOf(StreamClosedException.class);
    }

    @Test
    void closeWaitsBoundedThenCancelsWhenTheProviderNeverFinishes() {
        InMemorySpeechStream s = open();
        s.close(Duration.ofMillis(100));
        assertThat(s.wire()).contains("end");
        assertThat(s.completion().join().reason()).isEqualTo(CloseReason.CANCELLED);
    }

    @Test
    void finalResultReleasesReplayAudio() {
        InMemorySpeechStream s = open();
        s.send(new byte[32000]); // one second
        await().until(() -> s.audioBytesOnWire() == 32000);
        assertThat(s.unfinalizedAudio()).hasSize(32000);
        assertThat(s.unfinalizedAudioStart()).isZero();

        s.serverEmit(finalOf("hello", 0, 0.5));

        assertThat(s.unfinalizedAudio()).hasSize(16000);
        assertThat(s.unfinalizedAudioStart()).isEqualTo(0.5);
        s.serverEmit(finalOf("world", 0.5, 1.0));
        assertThat(s.unfinalizedAudio()).isEmpty();
        assertThat(s.unfinalizedAudioStart()).isEqualTo(1.0);
    }

    @Test
    void replayIsBoundedByItsWindow() {
        InMemorySpeechStream s = open(StreamRequest.builder(PCM).replayWindow(Duration.ofSeconds(1)));
        for (int i = 0; i < 5; i++) {
            s.send(new byte[16000]);
        }
        await().until(() -> s.audioBytesOnWire() == 80000);
        assertThat(s.unfinalizedAudio().length).isBetween(32000, 48000);
        assertThat(s.audioSecondsSent()).isEqualTo(2.5);
    }

    @Test
    void eventsStreamStyle() {
        InMemorySpeechStream s = open();
        s.serverEmit(finalOf("one", 0, 0.2));
        s.serverEmit(finalOf("two", 0.2, 0.4));
        s.endInput();
        await().until(() -> s.wire().contains("end"));
        s.serverComplete();

        List<StreamEvent> events = s.events().toList();
        assertThat(events).hasSize(3).last().isInstanceOf(StreamEvent.Closed.class);
        assertThatThrownBy(() -> s.onEvent(e -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void listenerStyle() {
        InMemorySpeechStream s = open();
        List<StreamEvent> seen = new CopyOnWriteArrayList<>();
        s.onEvent(seen::add);
        s.serverEmit(finalOf("one", 0, 0.2));
        await().until(() -> seen.size() == 1); // cancel discards events not yet delivered, so wait for delivery
        s.cancel();
        await().until(() -> seen.size() == 2);
        assertThat(seen.get(0)).isInstanceOf(StreamEvent.Final.class);
        assertThat(seen.get(1)).isInstanceOf(StreamEvent.Closed.class);
    }

    @Test
    void publisherStyleHonoursDemandAndCompletes() {
        InMemorySpeechStream s = open();
        List<StreamEvent> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        s.publisher().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription sub) {
                subscription.set(sub);
                sub.request(1);
            }

            @Override
            public void onNext(StreamEvent item) {
                seen.add(item);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        s.serverEmit(finalOf("one", 0, 0.2));
        s.serverEmit(finalOf("two", 0.2, 0.4));
        await().until(() -> seen.size() == 1);
        assertThat(done).isNotDone(); // demand of one: the second event waits

        subscription.get().request(Long.MAX_VALUE);
        s.endInput();
        await().until(() -> s.wire().contains("end"));
        s.serverComplete();
        done.join();
        assertThat(seen).hasSize(3).last().isInstanceOf(StreamEvent.Closed.class);
    }

    @Test
    void secondSubscriberGetsAnError() {
        InMemorySpeechStream s = open();
        s.publisher().subscribe(new NoopSubscriber());
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        s.publisher().subscribe(new NoopSubscriber() {
            @Override
            public void onError(Throwable t) {
                error.complete(t);
            }
        });
        assertThat(error.join()).isInstanceOf(IllegalStateException.class);
    }

    private static class NoopSubscriber implements Flow.Subscriber<StreamEvent> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
        }

        @Override
        public void onNext(StreamEvent item) {
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }

    @Test
    void slowConsumerSlowsTheProviderInsteadOfDroppingEvents() throws Exception {
        InMemorySpeechStream s = open(StreamRequest.builder(PCM).eventBuffer(2));
        assertThat(s.serverEmit(finalOf("1", 0, 0.1)).toCompletableFuture()).isDone();
        assertThat(s.serverEmit(finalOf("2", 0.1, 0.2)).toCompletableFuture()).isDone();
        CompletableFuture<Void> third = s.serverEmit(finalOf("3", 0.2, 0.3)).toCompletableFuture();
        assertThat(third).isNotDone();

        assertThat(((StreamEvent.Final) s.nextEvent()).text()).isEqualTo("1");
        assertThat(third).isDone();
        assertThat(((StreamEvent.Final) s.nextEvent()).text()).isEqualTo("2");
        assertThat(((StreamEvent.Final) s.nextEvent()).text()).isEqualTo("3");
    }

    @Test
    void lastActivityMovesWithInput() throws Exception {
        InMemorySpeechStream s = open();
        var before = s.lastActivity();
        await().until(() -> java.time.Instant.now().isAfter(before));
        s.send(new byte[2]);
        assertThat(s.lastActivity()).isAfter(before);
        assertThat(s.pollEvent(Duration.ofMillis(10))).isEmpty();
    }
}
