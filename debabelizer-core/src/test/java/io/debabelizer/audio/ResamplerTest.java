package io.debabelizer.audio;

import static io.debabelizer.audio.TestAudio.dominantFrequency;
import static io.debabelizer.audio.TestAudio.tone;
import static io.debabelizer.audio.TestAudio.toneLevelDb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    private static final double AMPLITUDE = 0.5;
    private static final double AMPLITUDE_DB = 20 * Math.log10(AMPLITUDE);

    @Test
    void tenKilohertzIsRejectedWhenDownsamplingTo16k() {
        float[] out = Resampler.resample(tone(10_000, 48_000, 1.0, 1.0), 1, 48_000, 16_000);
        // The 10 kHz tone would alias to 6 kHz; measure there and across the whole band.
        assertThat(toneLevelDb(out, 16_000, 6_000)).isLessThan(-60);
        assertThat(TestAudio.rmsDb(out)).isLessThan(-60);
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"48000, 16000", "44100, 16000", "48000, 8000"})
    void everythingAboveTheOutputNyquistIsRejected(int inRate, int outRate) {
        double nyquist = outRate / 2.0;
        for (double frequency : new double[] {nyquist * 1.05, nyquist * 1.25, nyquist * 1.5, nyquist * 2.5,
                inRate / 2.0 * 0.95}) {
            float[] out = Resampler.resample(tone(frequency, inRate, 0.5, 1.0), 1, inRate, outRate);
            assertThat(TestAudio.rmsDb(out)).as("%s Hz", frequency).isLessThan(-60);
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"48000, 16000", "44100, 16000"})
    void passBandIsFlatTo90PercentOfOutputNyquist(int inRate, int outRate) {
        double nyquist = outRate / 2.0;
        for (double fraction : new double[] {0.05, 0.25, 0.5, 0.75, 0.85, 0.9}) {
            double frequency = Math.round(fraction * nyquist);
            float[] out = Resampler.resample(tone(frequency, inRate, 0.5, AMPLITUDE), 1, inRate, outRate);
            assertThat(toneLevelDb(out, outRate, frequency)).as("%s Hz", frequency)
                    .isCloseTo(AMPLITUDE_DB, within(0.5));
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"48000, 16000", "44100, 16000", "8000, 16000", "16000, 24000", "16000, 8000", "22050, 16000",
            "16000, 44100"})
    void oneKilohertzKeepsFrequencyAndAmplitude(int inRate, int outRate) {
        float[] in = tone(1000, inRate, 0.5, AMPLITUDE);
        float[] out = Resampler.resample(in, 1, inRate, outRate);
        assertThat(out).hasSize((int) Math.ceil((double) in.length * outRate / inRate));
        assertThat(dominantFrequency(out, outRate, 990, 1010)).isCloseTo(1000, within(1.0));
        assertThat(toneLevelDb(out, outRate, 1000)).isCloseTo(AMPLITUDE_DB, within(0.1));
    }

    @Test
    void upsamplingDoesNotCreateImages() {
        float[] out = Resampler.resample(tone(3000, 8000, 0.5, AMPLITUDE), 1, 8000, 16000);
        assertThat(toneLevelDb(out, 16000, 3000)).isCloseTo(AMPLITUDE_DB, within(0.5));
        assertThat(toneLevelDb(out, 16000, 5000)).isLessThan(-80); // the 8 kHz - 3 kHz image
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz, {2} ch")
    @CsvSource({"48000, 16000, 1", "44100, 16000, 2", "8000, 16000, 1", "16000, 24000, 2"})
    void streamingInChunksEqualsOneShot(int inRate, int outRate, int channels) {
        Random random = new Random(42);
        float[] in = new float[inRate / 3 * channels];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (random.nextGaussian() * 0.2);
        }
        float[] expected = Resampler.resample(in, channels, inRate, outRate);

        Resampler resampler = Resampler.create(inRate, outRate, channels);
        float[] streamed = new float[0];
        int at = 0;
        while (at < in.length) {
            int frames = 1 + random.nextInt(700);
            int end = Math.min(in.length, at + frames * channels);
            streamed = concat(streamed, resampler.process(Arrays.copyOfRange(in, at, end)));
            at = end;
        }
        streamed = concat(streamed, resampler.flush());
        assertThat(streamed).containsExactly(expected);
    }

    @Test
    void channelsAreResampledIndependently() {
        float[] left = tone(1000, 48000, 0.3, AMPLITUDE);
        float[] right = tone(2500, 48000, 0.3, AMPLITUDE);
        float[][] out = Pcm.deinterleave(
                Resampler.resample(Pcm.interleave(new float[][] {left, right}), 2, 48000, 16000), 2);
        assertThat(toneLevelDb(out[0], 16000, 1000)).isCloseTo(AMPLITUDE_DB, within(0.1));
        assertThat(toneLevelDb(out[0], 16000, 2500)).isLessThan(-90);
        assertThat(toneLevelDb(out[1], 16000, 2500)).isCloseTo(AMPLITUDE_DB, within(0.1));
    }

    @Test
    void unusualRatioUsesInterpolatedPhasesAndStaysAccurate() {
        float[] out = Resampler.resample(tone(1000, 44100, 0.5, AMPLITUDE), 1, 44100, 16001);
        assertThat(toneLevelDb(out, 16001, 1000)).isCloseTo(AMPLITUDE_DB, within(0.1));
    }

    @Test
    void equalRatesPassThrough() {
        float[] in = tone(1000, 16000, 0.1, AMPLITUDE);
        assertThat(Resampler.resample(in, 1, 16000, 16000)).isSameAs(in);
        Resampler resampler = Resampler.create(16000, 16000, 1);
        assertThat(resampler.process(in)).containsExactly(in);
        assertThat(resampler.flush()).isEmpty();
    }

    @Test
    void shortHelperResamples() {
        short[] in = Pcm.toShorts(tone(1000, 8000, 0.5, AMPLITUDE));
        short[] out = Resampler.resample(in, 8000, 16000);
        assertThat(out).hasSize(in.length * 2);
        assertThat(toneLevelDb(Pcm.toFloat(out), 16000, 1000)).isCloseTo(AMPLITUDE_DB, within(0.1));
    }

    @Test
    void misuseIsRejected() {
        assertThatThrownBy(() -> Resampler.create(0, 16000, 1)).isInstanceOf(IllegalArgumentException.class);
        Resampler stereo = Resampler.create(48000, 16000, 2);
        assertThatThrownBy(() -> stereo.process(new float[3])).isInstanceOf(IllegalArgumentException.class);
        stereo.flush();
        assertThatThrownBy(() -> stereo.process(new float[2])).isInstanceOf(IllegalStateException.class);
        stereo.reset();
        assertThat(stereo.process(new float[2])).isEmpty();
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
