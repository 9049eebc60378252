package io.debabelizer.codecs;

import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import java.util.Arrays;

/** Collects interleaved 16-bit samples as little-endian bytes and trims them to the stream's true length. */
final class Pcm16Buffer {

    private final int channels;
    private byte[] bytes = new byte[64 * 1024];
    private int length;

    Pcm16Buffer(int channels) {
        this.channels = channels;
    }

    void add(int sample) {
        if (length + 2 > bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = (byte) sample;
        bytes[length++] = (byte) (sample >> 8);
    }

    void add(short[] samples, int count) {
        for (int i = 0; i < count; i++) {
            add(samples[i]);
        }
    }

    /** Sample frames (one sample of every channel) collected so far. */
    long frames() {
        return length / (2L * channels);
    }

    /**
     * Returns the audio after dropping {@code skipFrames} from the start and keeping at most {@code maxFrames}
     * ({@code -1}: no limit); decoders use it for encoder delay, Opus pre-skip and end padding.
     */
    AudioData toAudioData(int sampleRate, long skipFrames, long maxFrames) {
        int frameBytes = 2 * channels;
        long available = Math.max(0, frames() - skipFrames);
        long keep = maxFrames < 0 ? available : Math.min(available, maxFrames);
        int from = (int) Math.min(length, skipFrames * frameBytes);
        byte[] out = Arrays.copyOfRange(bytes, from, from + (int) (keep * frameBytes));
        return AudioData.of(AudioFormat.pcm16(sampleRate, channels), out);
    }

    static short clip(float sample) {
        int value = Math.round(sample * 32768f);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }
}
