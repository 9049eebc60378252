package io.debabelizer.whisper;

import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Audio to what whisper.cpp takes: 16 kHz mono samples as floats in [-1, 1). */
final class Samples {

    static final int RATE = 16_000;

    private Samples() {
    }

    static float[] toWhisperInput(AudioData audio) {
        AudioFormat f = audio.format();
        boolean alreadyRight = f.container() == Container.RAW && f.encoding() == Encoding.PCM_SIGNED
                && f.bitsPerSample() == 16 && f.channels() == 1 && f.sampleRate() == RATE && !f.bigEndian();
        if (alreadyRight) {
            // The common case (what the CLI and live capture produce): skip the converter's copies
            ByteBuffer pcm = audio.buffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[pcm.remaining() / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = pcm.getShort() / 32768f;
            }
            return out;
        }
        short[] samples = AudioConverter.toMonoSamples(audio, RATE);
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = samples[i] / 32768f;
        }
        return out;
    }
}
