package io.debabelizer.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.debabelizer.audio.AudioFormat;
import io.debabelizer.spi.stream.InMemorySpeechStream;
import io.debabelizer.stt.StreamEvent.CloseReason;
import io.debabelizer.stt.StreamRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionManagerTest {

    private static final StreamRequest REQUEST = StreamRequest.builder(AudioFormat.pcm16(16_000, 1)).build();

    /** A clock the test moves by hand, shared by the manager and the streams so idleness is deterministic. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static long debabelizerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("debabelizer-")).count();
    }

    @Test
    void registersAndDescribesSessions() {
        ManualClock clock = new ManualClock();
        try (SessionManager m = new SessionManager(Duration.ofMinutes(1), Duration.ofHours(1), clock)) {
            InMemorySpeechStream s = new InMemorySpeechStream("fake", REQUEST, clock);
            SessionInfo info = m.register(s, Map.of("call", "42"));

            assertThat(info.id()).isEqualTo(s.sessionId());
            assertThat(info.provider()).isEqualTo("fake");
            assertThat(info.kind()).isEqualTo("stt");
            assertThat(info.created()).isEqualTo(clock.instant());
            assertThat(info.metadata()).containsEntry("call", "42");

            clock.advance(Duration.ofSeconds(5));
            s.send(new byte[2]);
            assertThat(m.get(s.sessionId())).get().extracting(SessionInfo::lastActivity)
                    .isEqualTo(clock.instant());
            assertThat(m.list()).extracting(SessionInfo::id).containsExactly(s.sessionId());
            assertThatThrownBy(() -> m.register(s, Map.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void closesOnlyStreamsIdleLongerThanTheTimeout() {
        ManualClock clock = new ManualClock();
        try (SessionManager m = new SessionManager(Duration.ofMinutes(1), Duration.ofHours(1), clock)) {
            InMemorySpeechStream idle = new InMemorySpeechStream("fake", REQUEST, clock);
            InMemorySpeechStream active = new InMemorySpeechStream("fake", REQUEST, clock);
            m.register(idle, Map.of());
            m.register(active, Map.of());

            clock.advance(Duration.ofSeconds(59));
            active.send(new byte[2]);
            assertThat(m.closeIdle()).isZero();
            clock.advance(Duration.ofSeconds(2)); // idle: 61 s, active: 2 s

            assertThat(m.closeIdle()).isEqualTo(1);

            assertThat(idle.completion().join().reason()).isEqualTo(CloseReason.IDLE_TIMEOUT);
            assertThat(active.completion()).isNotDone();
            await().until(() -> m.list().size() == 1);
            assertThat(m.get(idle.sessionId())).isEmpty();
        }
    }

    @Test
    void theReaperClosesIdleStreamsByItself() {
        ManualClock clock = new ManualClock();
        try (SessionManager m = new SessionManager(Duration.ofSeconds(30), Duration.ofMillis(20), clock)) {
            InMemorySpeechStream s = new InMemorySpeechStream("fake", REQUEST, clock);
            m.register(s, Map.of());
            clock.advance(Duration.ofMinutes(1));

            await().atMost(Duration.ofSeconds(30)).until(() -> s.completion().isDone());
            assertThat(s.completion().join().reason()).isEqualTo(CloseReason.IDLE_TIMEOUT);
            await().until(() -> m.size() == 0);
        }
    }

    @Test
    void realClockIdleTimeout() {
        try (SessionManager m = new SessionManager(Duration.ofMillis(100))) {
            InMemorySpeechStream s = new InMemorySpeechStream("fake", REQUEST);
            m.register(s, Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> s.completion().isDone());
            assertThat(s.completion().join().reason()).isEqualTo(CloseReason.IDLE_TIMEOUT);
        }
    }

    @Test
    void streamsAreForgottenWhenTheyEnd() {
        try (SessionManager m = new SessionManager()) {
            InMemorySpeechStream s = new InMemorySpeechStream("fake", REQUEST);
            m.register(s, Map.of());
            s.endInput();
            await().until(() -> s.wire().contains("end"));
            s.serverComplete();
            await().until(() -> m.list().isEmpty());
        }
    }

    @Test
    void closeCancelsEverythingWithShutdownAndLeaksNoThreads() {
        long before = debabelizerThreads();
        SessionManager m = new SessionManager(Duration.ofMinutes(5), Duration.ofMillis(10), Clock.systemUTC());
        List<InMemorySpeechStream> streams = List.of(new InMemorySpeechStream("fake", REQUEST),
                new InMemorySpeechStream("fake", REQUEST), new InMemorySpeechStream("fake", REQUEST));
        streams.forEach(s -> m.register(s, Map.of()));
        streams.get(0).onEvent(e -> { }); // a listener thread too
        assertThat(debabelizerThreads()).isGreaterThan(before);

        m.close();
        m.close(); // idempotent

        for (InMemorySpeechStream s : streams) {
            assertThat(s.completion().join().reason()).isEqualTo(CloseReason.SHUTDOWN);
            assertThat(s.aborts()).isEqualTo(1);
        }
        assertThat(m.list()).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> debabelizerThreads() <= before);
    }

    @Test
    void registeringAfterCloseCancelsTheStream() {
        SessionManager m = new SessionManager();
        m.close();
        InMemorySpeechStream s = new InMemorySpeechStream("fake", REQUEST);
        assertThatThrownBy(() -> m.register(s, Map.of())).isInstanceOf(IllegalStateException.class);
        assertThat(s.completion().join().reason()).isEqualTo(CloseReason.SHUTDOWN);
    }

    @Test
    void noReaperThreadUntilTheFirstSession() {
        long before = debabelizerThreads();
        try (SessionManager m = new SessionManager()) {
            assertThat(debabelizerThreads()).isEqualTo(before);
            assertThat(m.idleTimeout()).isEqualTo(SessionManager.DEFAULT_IDLE_TIMEOUT);
        }
        assertThatThrownBy(() -> new SessionManager(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
