package io.debabelizer.cli.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkFeederTest {

    /** A clock that only moves when the pacer sleeps, plus whatever "work" the test adds between calls. */
    static final class FakeClock {
        long now = 1_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        RealTimePacer pacer() {
            return new RealTimePacer(() -> now, nanos -> {
                sleeps.add(nanos);
                now += nanos;
            });
        }
    }

    @Test
    void splitsIntoChunksOfTheRequestedDurationOnFrameBoundaries() throws Exception {
        ChunkFeeder feeder = new ChunkFeeder(32_000, 2, 20, Pacer.fast());
        List<Integer> sizes = new ArrayList<>();
        List<Double> progress = new ArrayList<>();

        feeder.feed(new byte[32_000 + 100], chunk -> sizes.add(chunk.length), progress::add);

        assertThat(feeder.chunkBytes()).isEqualTo(640);
        assertThat(sizes).hasSize(51);
        assertThat(sizes.subList(0, 50)).containsOnly(640);
        assertThat(sizes.getLast()).isEqualTo(100);
        assertThat(progress.get(49)).isEqualTo(1.0);
        assertThat(progress.getLast()).isEqualTo(32_100 / 32_000.0);
    }

    @Test
    void oddChunkDurationsNeverSplitASample() {
        ChunkFeeder feeder = new ChunkFeeder(44_100 * 4, 4, 7, Pacer.fast());

        assertThat(feeder.chunkBytes() % 4).isZero();
        assertThat(new ChunkFeeder(8000, 1, 1, Pacer.fast()).chunkBytes()).isEqualTo(8);
    }

    @Test
    void realTimePacingFollowsTheScheduleNotCumulativeSleeps() throws Exception {
        FakeClock clock = new FakeClock();
        RealTimePacer pacer = clock.pacer();

        pacer.awaitStreamTime(0.02);   // anchor is now: waits the full 20 ms
        clock.now += 15_000_000L;      // 15 ms of work after sending the chunk
        pacer.awaitStreamTime(0.04);   // due at anchor + 40 ms: only 5 ms left to wait
        clock.now += 30_000_000L;      // a stall: now 10 ms late
        pacer.awaitStreamTime(0.06);   // already past due: no sleep, to catch up

        assertThat(clock.sleeps).containsExactly(20_000_000L, 5_000_000L);
    }

    @Test
    void wholeFileTakesItsDurationInStreamTime() throws Exception {
        FakeClock clock = new FakeClock();
        long start = clock.now;
        ChunkFeeder feeder = new ChunkFeeder(32_000, 2, 20, clock.pacer());

        feeder.feed(new byte[32_000 * 3], chunk -> clock.now += 1_000_000L, s -> { });

        // 3 s of audio: the last chunk is released 3 s after the first call, plus the send time of that chunk.
        assertThat(clock.now - start).isEqualTo(3_000_000_000L + 1_000_000L);
    }

    @Test
    void stopsWhenInterrupted() {
        ChunkFeeder feeder = new ChunkFeeder(32_000, 2, 20, Pacer.fast());
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> feeder.feed(new byte[6400], chunk -> { }, s -> { }))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }
}
