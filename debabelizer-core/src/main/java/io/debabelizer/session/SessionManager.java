package io.debabelizer.session;

import io.debabelizer.stt.SpeechStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bookkeeping of live streams: ids, provider, creation and last activity, metadata; closes streams idle for longer
 * than the configured timeout and everything on shutdown. TODO(session work item): implement.
 */
public final class SessionManager implements AutoCloseable {

    /** Tracks {@code stream} until it closes; returns its info. */
    public SessionInfo register(SpeechStream stream, Map<String, String> metadata) {
        throw new UnsupportedOperationException("TODO");
    }

    public Optional<SessionInfo> get(String sessionId) {
        throw new UnsupportedOperationException("TODO");
    }

    public List<SessionInfo> list() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Cancels every stream (reason SHUTDOWN) and stops the idle reaper. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO");
    }
}
