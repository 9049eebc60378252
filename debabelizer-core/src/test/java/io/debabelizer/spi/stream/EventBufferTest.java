package io.debabelizer.spi.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventBufferTest {

    @Test
    void deliversInOrderAndAppliesBackpressureWhenFull() throws Exception {
        EventBuffer<String> b = new EventBuffer<>(2);
        assertThat(b.emit("a").toCompletableFuture()).isDone();
        assertThat(b.emit("b").toCompletableFuture()).isDone();
        CompletableFuture<Void> c = b.emit("c").toCompletableFuture();
        CompletableFuture<Void> d = b.emit("d").toCompletableFuture();
        assertThat(c).isNotDone();
        assertThat(d).isNotDone();

        assertThat(b.take()).isEqualTo("a");
        assertThat(c).isDone();
        assertThat(d).isNotDone();
        assertThat(b.take()).isEqualTo("b");
        assertThat(d).isDone();
        assertThat(b.take()).isEqualTo("c");
        assertThat(b.take()).isEqualTo("d");
    }

    @Test
    void terminalComesAfterEverythingEvenWhenFullAndRepeats() throws Exception {
        EventBuffer<String> b = new EventBuffer<>(1);
        b.emit("a");
        b.emit("b");
        assertThat(b.terminate("end")).isTrue();
        assertThat(b.terminate("again")).isFalse();
        assertThat(b.emit("late").toCompletableFuture()).isDone(); // accepted and ignored
        assertThat(b.isTerminated()).isTrue();

        assertThat(b.take()).isEqualTo("a");
        assertThat(b.take()).isEqualTo("b");
        assertThat(b.take()).isEqualTo("end");
        assertThat(b.take()).isEqualTo("end");
    }

    @Test
    void discardPendingDropsItemsAndReleasesWaitingProducers() throws Exception {
        EventBuffer<String> b = new EventBuffer<>(1);
        b.emit("a");
        CompletableFuture<Void> waiting = b.emit("b").toCompletableFuture();
        b.discardPending();
        assertThat(waiting).isDone();
        b.terminate("end");
        assertThat(b.take()).isEqualTo("end");
    }

    @Test
    void pollTimesOutWithNull() throws Exception {
        EventBuffer<String> b = new EventBuffer<>(4);
        assertThat(b.poll(Duration.ofMillis(20))).isNull();
        b.emit("x");
        assertThat(b.poll(Duration.ZERO)).isEqualTo("x");
    }

    @Test
    void takeWakesUpWhenAnItemArrives() throws Exception {
        EventBuffer<String> b = new EventBuffer<>(4);
        CompletableFuture<String> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return b.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        b.emit("x");
        assertThat(taken.get(20, TimeUnit.SECONDS)).isEqualTo("x");
    }

    @Test
    void onlyOneConsumer() {
        EventBuffer<String> b = new EventBuffer<>(4);
        b.claimConsumer("first");
        assertThatThrownBy(() -> b.claimConsumer("second")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("second");
        assertThatThrownBy(() -> new EventBuffer<String>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void terminateWithAPrecedingItemKeepsBothLastAndIgnoresLaterEmits() throws Exception {
        EventBuffer<String> b = new EventBuffer<>(1);
        b.emit("a");
        b.emit("b"); // waits for room
        assertThat(b.terminate("error", "closed")).isTrue();
        b.emit("late");
        assertThat(List.of(b.take(), b.take(), b.take(), b.take(), b.take()))
                .containsExactly("a", "b", "error", "closed", "closed");
    }
}
