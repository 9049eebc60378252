package io.debabelizer.tts;

/**
 * When a piece of the input text is spoken in the synthesized audio.
 *
 * @param text  the word (or character, for character timings)
 * @param start seconds from the start of the audio
 * @param end   seconds, {@code >= start}
 * @param textOffset character offset of {@code text} in the request text, or -1
 */
public record SpeechTiming(String text, double start, double end, int textOffset) {

    public SpeechTiming {
        if (end < start) {
            throw new IllegalArgumentException("timing for '" + text + "' ends before it starts");
        }
    }
}
