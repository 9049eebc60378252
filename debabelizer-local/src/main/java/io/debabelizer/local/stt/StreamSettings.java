package io.debabelizer.local.stt;

import io.debabelizer.local.vad.VadSettings;
import java.time.Duration;

/**
 * How a local live stream segments and re-decodes audio.
 *
 * @param vad              voice-activity detection tuning
 * @param interimInterval  new audio in the current segment after which it is re-decoded for an interim result
 * @param maxSegment       a segment longer than this is finalised even while speech goes on
 * @param maxPendingFinals segments waiting for decoding before the stream stops taking audio (backpressure
 *                         instead of unbounded memory when the engine is slower than real time)
 */
public record StreamSettings(VadSettings vad, Duration interimInterval, Duration maxSegment, int maxPendingFinals) {

    public static final StreamSettings DEFAULTS =
            new StreamSettings(VadSettings.DEFAULTS, Duration.ofSeconds(1), Duration.ofSeconds(20), 3);

    public StreamSettings {
        if (interimInterval.isNegative() || interimInterval.isZero() || maxSegment.toMillis() < 1000
                || maxPendingFinals < 1) {
            throw new IllegalArgumentException("invalid stream settings");
        }
    }
}
