package io.debabelizer.local.vad;

import java.util.List;

/**
 * Finds where speech starts and ends in a live stream of mono 16-bit audio. One detector per stream: it keeps the
 * stream's state and is not thread-safe unless an implementation says so. Closing releases what it holds (a native
 * model for some); a closed detector must not be fed.
 */
public interface VoiceActivityDetector extends AutoCloseable {

    /** Feeds samples (any count); returns the boundaries found in them, in order. */
    List<VadEvent> accept(short[] samples, int offset, int length);

    /** Whether the detector is inside speech now. */
    boolean inSpeech();

    /** Ends the current speech without an event (the caller closed the segment itself). */
    void resetToSilence();

    @Override
    default void close() {
    }
}
