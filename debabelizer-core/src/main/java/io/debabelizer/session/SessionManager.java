package io.debabelizer.session;

import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent.CloseReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bookkeeping of live streams: ids, provider, creation and last activity, metadata; closes streams idle for longer
 * than the configured timeout and everything on shutdown.
 *
 * <p>A stream is tracked from {@link #register} until its {@link SpeechStream#completion() completion} completes.
 * Idle streams (no audio or control sent for longer than the idle timeout, per {@link SpeechStream#lastActivity()})
 * are cancelled with {@link CloseReason#IDLE_TIMEOUT} by one daemon thread per manager,
 * {@code debabelizer-session-reaper}, started with the first registration and stopped by {@link #close()}.
 */
public final class SessionManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionManager.class);
    /** Default idle timeout, the same as the configuration's default {@code session_idle_timeout}. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    static final String REAPER_THREAD = "debabelizer-session-reaper";

    private record Session(SpeechStream stream, Instant created, Map<String, String> metadata) {
    }

    private final Duration idleTimeout;
    private final Duration checkInterval;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private ScheduledExecutorService reaper;
    private boolean closed;

    /** With the default idle timeout (5 minutes). */
    public SessionManager() {
        this(DEFAULT_IDLE_TIMEOUT);
    }

    /** Idle streams are checked every quarter of the timeout (at least every 10 ms, at most every second). */
    public SessionManager(Duration idleTimeout) {
        this(idleTimeout, defaultInterval(idleTimeout), Clock.systemUTC());
    }

    /**
     * @param idleTimeout   streams quiet for longer than this are cancelled
     * @param checkInterval how often the reaper looks
     * @param clock         the clock compared with {@link SpeechStream#lastActivity()} (streams use the UTC clock)
     */
    public SessionManager(Duration idleTimeout, Duration checkInterval, Clock clock) {
        this.idleTimeout = requirePositive(idleTimeout, "idleTimeout");
        this.checkInterval = requirePositive(checkInterval, "checkInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static Duration defaultInterval(Duration idleTimeout) {
        long quarter = requirePositive(idleTimeout, "idleTimeout").toMillis() / 4;
        return Duration.ofMillis(Math.max(10, Math.min(1000, quarter)));
    }

    private static Duration requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be longer than zero");
        }
        return d;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Tracks {@code stream} until it closes; returns its info. */
    public SessionInfo register(SpeechStream stream, Map<String, String> metadata) {
        Objects.requireNonNull(stream, "stream");
        Session session = new Session(stream, clock.instant(), Map.copyOf(metadata == null ? Map.of() : metadata));
        synchronized (lock) {
            if (closed) {
                stream.cancel(CloseReason.SHUTDOWN);
                throw new IllegalStateException("the session manager is closed; stream " + stream.sessionId()
                        + " was cancelled");
            }
            if (sessions.putIfAbsent(stream.sessionId(), session) != null) {
                throw new IllegalArgumentException("session " + stream.sessionId() + " is already registered");
            }
            startReaperLocked();
        }
        stream.completion().whenComplete((closedEvent, error) -> sessions.remove(stream.sessionId(), session));
        log.debug("session {} on {} registered", stream.sessionId(), stream.provider());
        return info(session);
    }

    public Optional<SessionInfo> get(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId)).map(SessionManager::info);
    }

    /** Live sessions, oldest first. */
    public List<SessionInfo> list() {
        List<SessionInfo> out = new ArrayList<>();
        sessions.values().forEach(s -> out.add(info(s)));
        out.sort(Comparator.comparing(SessionInfo::created).thenComparing(SessionInfo::id));
        return out;
    }

    public int size() {
        return sessions.size();
    }

    /** Cancels every stream idle for longer than the timeout now; the reaper calls this periodically. */
    public int closeIdle() {
        Instant now = clock.instant();
        int closedCount = 0;
        for (Session s : List.copyOf(sessions.values())) {
            Duration idle = Duration.between(s.stream().lastActivity(), now);
            if (idle.compareTo(idleTimeout) > 0) {
                log.debug("session {} idle for {}; closing", s.stream().sessionId(), idle);
                cancel(s.stream(), CloseReason.IDLE_TIMEOUT);
                closedCount++;
            }
        }
        return closedCount;
    }

    /** Cancels every stream (reason SHUTDOWN) and stops the idle reaper. Idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService toStop;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = reaper;
            reaper = null;
        }
        if (toStop != null) {
            toStop.shutdownNow();
        }
        for (Session s : List.copyOf(sessions.values())) {
            cancel(s.stream(), CloseReason.SHUTDOWN);
        }
        sessions.clear();
        if (toStop != null) {
            try {
                toStop.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startReaperLocked() {
        if (reaper != null) {
            return;
        }
        reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, REAPER_THREAD);
            t.setDaemon(true);
            return t;
        });
        long ms = checkInterval.toMillis();
        reaper.scheduleWithFixedDelay(this::reapSafely, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void reapSafely() {
        try {
            closeIdle();
        } catch (RuntimeException e) {
            log.warn("idle session check failed", e); // keep the reaper alive: a thrown task would cancel it
        }
    }

    private static void cancel(SpeechStream stream, CloseReason reason) {
        try {
            stream.cancel(reason);
        } catch (RuntimeException e) {
            log.warn("cancelling session {} threw: {}", stream.sessionId(), e.toString());
        }
    }

    private static SessionInfo info(Session s) {
        return new SessionInfo(s.stream().sessionId(), s.stream().provider(), "stt", s.created(),
                s.stream().lastActivity(), s.metadata());
    }
}
