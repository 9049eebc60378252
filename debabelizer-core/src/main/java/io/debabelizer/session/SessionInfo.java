package io.debabelizer.session;

import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of one live session.
 *
 * @param id           session id (same as the stream's)
 * @param provider     provider serving it
 * @param kind         "stt" or "tts"
 * @param created      when it was opened
 * @param lastActivity when the application last sent something
 * @param metadata     application-supplied labels (call id, user, ...)
 */
public record SessionInfo(String id, String provider, String kind, Instant created, Instant lastActivity,
                          Map<String, String> metadata) {

    public SessionInfo {
        metadata = Map.copyOf(metadata);
    }
}
