package io.debabelizer.local.tts;

/** 16-bit PCM from a local synthesiser. */
public record SynthesizedAudio(short[] samples, int sampleRate, int channels) {

    public double durationSeconds() {
        return samples.length / (double) (sampleRate * channels);
    }
}
