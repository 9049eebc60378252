package io.debabelizer.codecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;

/** Shared checks for decoded fixtures. */
final class ToneAssertions {

    private ToneAssertions() {
    }

    /** Raw 16-bit PCM at the expected rate and channel count, with the expected length give or take one frame. */
    static void assertPcm(AudioData pcm, int sampleRate, int channels, long expectedFrames, int codecFrame) {
        assertThat(pcm.format().container()).isEqualTo(Container.RAW);
        assertThat(pcm.format().encoding()).isEqualTo(Encoding.PCM_SIGNED);
        assertThat(pcm.format().bitsPerSample()).isEqualTo(16);
        assertThat(pcm.format().sampleRate()).isEqualTo(sampleRate);
        assertThat(pcm.format().channels()).isEqualTo(channels);
        assertThat(TestAudio.frames(pcm)).isCloseTo(expectedFrames, within((long) codecFrame));
    }

    /**
     * Every channel is a 1 kHz tone at the fixtures' level (±{@code toleranceDb}). Lossy codecs get 1 dB: LAME
     * encodes this tone about 0.45 dB low (ffmpeg's own decoder measures the same).
     */
    static void assertTone(AudioData pcm, double toleranceDb) {
        for (int ch = 0; ch < pcm.format().channels(); ch++) {
            double[] middle = TestAudio.middle(TestAudio.channel(pcm, ch));
            assertThat(TestAudio.dominantFrequency(middle, pcm.format().sampleRate()))
                .as("dominant frequency of channel %d", ch).isEqualTo(1000.0);
            assertThat(TestAudio.rmsDbfs(middle)).as("level of channel %d in dBFS", ch)
                .isCloseTo(TestAudio.TONE_RMS_DBFS, within(toleranceDb));
        }
    }
}
