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
class FlacDecoderTest {

    private final FlacDecoder decoder = new FlacDecoder();

    private AudioData flac(byte[] bytes) {
        return TestAudio.audio(Container.FLAC, Encoding.FLAC, bytes);
    }

    @Test
    void decodes16BitMonoExactly() {
        AudioData pcm = decoder.decode(flac(TestAudio.resource("tone-16000-mono-16bit.flac")));
        assertPcm(pcm, 16000, 1, 16000, 0);
        assertTone(pcm, 0.1);
        double[] samples = TestAudio.channel(pcm, 0);
        // Lossless: sample n is round(0.5 * sin(2 pi 1000 n / 16000)) in 16 bits, give or take rounding.
        for (int n = 0; n < samples.length; n += 97) {
            assertThat(samples[n]).isCloseTo(0.5 * Math.sin(2 * Math.PI * 1000 * n / 16000),
                org.assertj.core.api.Assertions.within(2 / 32768.0));
        }
    }

    @Test
    void reduces24BitStereoTo16Bit() {
        AudioData pcm = decoder.decode(flac(TestAudio.resource("tone-48000-stereo-24bit.flac")));
        assertPcm(pcm, 48000, 2, 14400, 0);
        assertTone(pcm, 0.1);
    }

    @Test
    void decodesSpeech() {
        AudioData pcm = decoder.decode(flac(TestAudio.resource("jfk-16000-mono-16bit.flac")));
        assertPcm(pcm, 16000, 1, 16000, 0);
        assertThat(TestAudio.rmsDbfs(TestAudio.channel(pcm, 0))).isGreaterThan(-40);
    }

    @Test
    void truncatedFileIsReported() {
        byte[] whole = TestAudio.resource("tone-16000-mono-16bit.flac");
        assertThatThrownBy(() -> decoder.decode(flac(Arrays.copyOf(whole, whole.length * 2 / 3))))
            .isInstanceOf(UnsupportedFormatException.class)
            .hasMessageContaining("FLAC");
    }

    @Test
    void damagedFrameIsReported() {
        byte[] damaged = TestAudio.resource("jfk-16000-mono-16bit.flac");
        for (int i = damaged.length / 2; i < damaged.length / 2 + 40; i++) {
            damaged[i] ^= 0x5A;
        }
        assertThatThrownBy(() -> decoder.decode(flac(damaged)))
            .isInstanceOf(UnsupportedFormatException.class)
            .hasMessageContaining("FLAC");
    }

    @Test
    void absurdTagLengthsAreNeverBelieved() {
        byte[] tagged = TestAudio.resource("jfk-16000-mono-16bit.flac");
        // The VORBIS_COMMENT block follows the 34-byte STREAMINFO; its vendor string length now claims 2 GB.
        assertThat(tagged[42] & 0x7F).isEqualTo(4);
        tagged[46] = (byte) 0xFF;
        tagged[47] = (byte) 0xFF;
        tagged[48] = (byte) 0xFF;
        tagged[49] = (byte) 0x7F;
        AudioData pcm = decoder.decode(flac(tagged));
        assertPcm(pcm, 16000, 1, 16000, 0);
    }

    @Test
    void nonFlacIsReported() {
        assertThatThrownBy(() -> decoder.decode(flac(new byte[] {1, 2, 3, 4, 5, 6})))
            .isInstanceOf(UnsupportedFormatException.class)
            .hasMessageContaining("fLaC");
        byte[] headerOnly = Arrays.copyOf(TestAudio.resource("tone-16000-mono-16bit.flac"), 20);
        assertThatThrownBy(() -> decoder.decode(flac(headerOnly))).isInstanceOf(UnsupportedFormatException.class);
    }
}
