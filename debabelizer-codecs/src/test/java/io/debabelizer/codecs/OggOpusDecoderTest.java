package io.debabelizer.codecs;

import static io.debabelizer.codecs.ToneAssertions.assertPcm;
import static io.debabelizer.codecs.ToneAssertions.assertTone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OggOpusDecoderTest {

    private final OggOpusDecoder decoder = new OggOpusDecoder();

    private AudioData opus(byte[] bytes) {
        return TestAudio.audio(Container.OGG, Encoding.OPUS, bytes);
    }

    @Test
    void decodesMonoAt48kHz() {
        AudioData pcm = decoder.decode(opus(TestAudio.resource("tone-mono.opus")));
        assertPcm(pcm, 48000, 1, 48000, 960);
        assertTone(pcm, 1.0);
    }

    @Test
    void decodesStereo() {
        AudioData pcm = decoder.decode(opus(TestAudio.resource("tone-stereo.opus")));
        assertPcm(pcm, 48000, 2, 48000, 960);
        assertTone(pcm, 1.0);
    }

    @Test
    void decodesSurroundWithSeveralStreams() {
        AudioData pcm = decoder.decode(opus(TestAudio.resource("tone-5.1.opus")));
        assertPcm(pcm, 48000, 6, 24000, 960);
        // Vorbis channel order: L, C, R, rear L, rear R, LFE. Opus codes the LFE stream band-limited, so only the
        // five full-range channels are held to the tone's frequency and level.
        for (int ch : new int[] {0, 1, 2, 3, 4}) {
            double[] middle = TestAudio.middle(TestAudio.channel(pcm, ch));
            assertThat(TestAudio.dominantFrequency(middle, 48000)).as("channel %d", ch).isEqualTo(1000.0);
            assertThat(TestAudio.rmsDbfs(middle)).as("channel %d", ch)
                .isCloseTo(TestAudio.TONE_RMS_DBFS, org.assertj.core.api.Assertions.within(1.0));
        }
    }

    @Test
    void honoursPreSkipSoSpeechLinesUpWithTheSource() {
        AudioData pcm = decoder.decode(opus(TestAudio.resource("jfk-mono.opus")));
        assertPcm(pcm, 48000, 1, 48000, 960);
        double[] at16k = TestAudio.decimate(TestAudio.channel(pcm, 0), 3);
        assertThat(TestAudio.correlation(at16k, TestAudio.jfkReference())).isGreaterThan(0.8);
    }

    @Test
    void truncatedFileIsReported() {
        byte[] whole = TestAudio.resource("tone-mono.opus");
        assertThatThrownBy(() -> decoder.decode(opus(Arrays.copyOf(whole, whole.length - 100))))
            .isInstanceOf(UnsupportedFormatException.class)
            .hasMessageContaining("Ogg/Opus")
            .hasMessageContaining("cut short");
    }

    @Test
    void damagedPageFailsItsChecksum() {
        byte[] damaged = TestAudio.resource("tone-mono.opus");
        damaged[damaged.length / 2] ^= 0x10;
        assertThatThrownBy(() -> decoder.decode(opus(damaged)))
            .isInstanceOf(UnsupportedFormatException.class)
            .hasMessageContaining("checksum");
    }

    @Test
    void vorbisStreamIsNamed() {
        assertThatThrownBy(() -> decoder.decode(opus(TestAudio.resource("tone-22050-mono.ogg"))))
            .isInstanceOf(UnsupportedFormatException.class)
            .hasMessageContaining("Vorbis");
    }

    @Test
    void nonOggIsReported() {
        assertThatThrownBy(() -> decoder.decode(opus(new byte[100])))
            .isInstanceOf(UnsupportedFormatException.class)
            .hasMessageContaining("no Ogg page");
        assertThatThrownBy(() -> decoder.decode(opus(new byte[0])))
            .isInstanceOf(UnsupportedFormatException.class);
    }
}
