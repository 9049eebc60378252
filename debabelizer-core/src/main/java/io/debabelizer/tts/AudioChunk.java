package io.debabelizer.tts;

import java.util.List;

/**
 * A piece of synthesized audio as it arrives from a streaming synthesis.
 *
 * @param data    encoded audio bytes (in the stream's format); may be empty for a timings-only or final chunk
 * @param timings timings for text spoken in this chunk, times from the start of the whole stream's audio
 * @param last    whether this is the last chunk of the stream
 */
public record AudioChunk(byte[] data, List<SpeechTiming> timings, boolean last) {

    public AudioChunk {
        timings = List.copyOf(timings);
    }

    public static AudioChunk of(byte[] data) {
        return new AudioChunk(data, List.of(), false);
    }

    /** The end-of-stream marker. */
    public static AudioChunk end() {
        return new AudioChunk(new byte[0], List.of(), true);
    }
}
