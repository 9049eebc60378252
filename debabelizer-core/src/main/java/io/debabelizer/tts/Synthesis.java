package io.debabelizer.tts;

import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import java.util.List;
import java.util.Objects;

/**
 * The result of a synthesis.
 *
 * @param audio           the audio, in {@code audio.format()}
 * @param durationSeconds audio duration, or -1 if unknown without decoding
 * @param voice           the voice used
 * @param provider        the provider that produced it
 * @param model           the model used, or {@code null}
 * @param requestId       the provider's request id, or {@code null}
 * @param timings         word (or character) timings, empty unless asked for and offered
 * @param characters      characters billed
 */
public record Synthesis(AudioData audio, double durationSeconds, String voice, String provider, String model,
                        String requestId, List<SpeechTiming> timings, int characters) {

    public Synthesis {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(provider, "provider");
        timings = List.copyOf(timings);
    }

    public AudioFormat format() {
        return audio.format();
    }

    public int sizeBytes() {
        return audio.size();
    }
}
