package io.debabelizer.local;

import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;

/** Conversions between 16-bit little-endian PCM bytes and samples, and the engine input every local STT takes. */
public final class Pcm16 {

    /** The sample rate of every local speech model shipped here. */
    public static final int ENGINE_RATE = 16_000;

    private Pcm16() {
    }

    /**
     * 16 kHz mono samples for a recogniser. Raw 16-bit mono 16 kHz PCM is read directly (no copy through the
     * converter); everything else goes through the core's {@link AudioConverter}.
     *
     * @throws InvalidInputException when the audio is empty
     */
    public static short[] engineInput(AudioData audio, String provider) {
        if (audio.isEmpty()) {
            throw new InvalidInputException("the audio is empty (0 bytes)", provider, null, null);
        }
        AudioFormat f = audio.format();
        short[] samples;
        if (f.container() == Container.RAW && f.encoding() == Encoding.PCM_SIGNED && f.bitsPerSample() == 16
                && f.channels() == 1 && f.sampleRate() == ENGINE_RATE && !f.bigEndian()) {
            samples = toSamples(audio.bytes(), 0, audio.size() & ~1);
        } else {
            samples = AudioConverter.toMonoSamples(audio, ENGINE_RATE);
        }
        if (samples.length == 0) {
            throw new InvalidInputException("the audio holds no samples", provider, null, null);
        }
        return samples;
    }

    /** Little-endian bytes to samples; {@code length} must be even. */
    public static short[] toSamples(byte[] bytes, int offset, int length) {
        short[] out = new short[length / 2];
        for (int i = 0; i < out.length; i++) {
            int p = offset + 2 * i;
            out[i] = (short) ((bytes[p] & 0xff) | (bytes[p + 1] << 8));
        }
        return out;
    }

    /** Samples to little-endian bytes. */
    public static byte[] toBytes(short[] samples, int offset, int length) {
        byte[] out = new byte[length * 2];
        for (int i = 0; i < length; i++) {
            short s = samples[offset + i];
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }

    public static byte[] toBytes(short[] samples) {
        return toBytes(samples, 0, samples.length);
    }
}
