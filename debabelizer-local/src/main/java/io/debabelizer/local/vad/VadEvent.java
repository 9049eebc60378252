package io.debabelizer.local.vad;

/**
 * A speech boundary found by a {@link VoiceActivityDetector}.
 *
 * @param kind   start or end of speech
 * @param sample position in samples since the detector started (starts include pre-roll, ends post-roll)
 */
public record VadEvent(Kind kind, long sample) {

    public enum Kind {
        SPEECH_START, SPEECH_END
    }
}
