package io.debabelizer.codecs;

import static io.debabelizer.codecs.ToneAssertions.assertPcm;
import static io.debabelizer.codecs.ToneAssertions.assertTone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Mp3DecoderTest {

    private final Mp3Decoder decoder = new Mp3Decoder();

    private AudioData decode(String resource) {
        return decoder.decode(TestAudio.audio(Container.MP3, Encoding.MP3, resource));
    }

    private AudioData mp3(byte[] bytes) {
        return TestAudio.audio(Container.MP3, Encoding.MP3, bytes);
    }

    @Test
    void decodesMpeg1StereoWithId3v2Tag() {
        AudioData pcm = decode("tone-44100-stereo-id3.mp3");
        assertPcm(pcm, 44100, 2, 44100, 1152);
        assertTone(pcm, 1.0);
    }

    @Test
    void decodesMpeg2Mono() {
        AudioData pcm = decode("tone-16000-mono.mp3");
        assertPcm(pcm, 16000, 1, 16000, 576);
        assertTone(pcm, 1.0);
    }

    @Test
    void decodesMpeg25Mono() {
        AudioData pcm = decode("tone-8000-mono.mp3");
        assertPcm(pcm, 8000, 1, 8000, 576);
        assertTone(pcm, 1.0);
    }

    @Test
    void trimsEncoderDelaySoSpeechLinesUpWithTheSource() {
        AudioData pcm = decode("jfk-16000-mono.mp3");
        assertPcm(pcm, 16000, 1, 16000, 576);
        assertThat(TestAudio.correlation(TestAudio.channel(pcm, 0), TestAudio.jfkReference())).isGreaterThan(0.8);
    }

    @Test
    void acceptsAnyFormatThatSaysMp3() {
        assertThat(decoder.canDecode(AudioFormat.of(Container.MP3, Encoding.MP3))).isTrue();
        assertThat(decoder.canDecode(AudioFormat.of(Container.OGG, Encoding.OPUS))).isFalse();
    }

    @Test
    void truncatedFileIsReported() {
        byte[] whole = TestAudio.resource("tone-16000-mono.mp3");
        assertThatThrownBy(() -> decoder.decode(mp3(Arrays.copyOf(whole, whole.length - 37))))
            .isInstanceOf(UnsupportedFormatException.class)
            .hasMessageContaining("MP3")
            .hasMessageContaining("cut short");
    }

    @Test
    void garbageIsReported() {
        byte[] noise = new byte[4000];
        new java.util.Random(7).nextBytes(noise);
        for (int i = 0; i < noise.length; i++) {
            if (noise[i] == (byte) 0xFF) {
                noise[i] = 0; // no frame sync at all
            }
        }
        assertThatThrownBy(() -> decoder.decode(mp3(noise)))
            .isInstanceOf(UnsupportedFormatException.class)
            .hasMessageContaining("no MP3 frame found");
    }

    @Test
    void emptyAndTagOnlyInputAreReported() {
        assertThatThrownBy(() -> decoder.decode(mp3(new byte[0]))).isInstanceOf(UnsupportedFormatException.class);
        byte[] whole = TestAudio.resource("tone-44100-stereo-id3.mp3");
        byte[] tagOnly = Arrays.copyOf(whole, Mp3Decoder.skipId3v2(whole));
        assertThatThrownBy(() -> decoder.decode(mp3(tagOnly))).isInstanceOf(UnsupportedFormatException.class);
    }

    @Test
    void lostSyncInTheMiddleIsReported() {
        byte[] broken = TestAudio.resource("tone-16000-mono.mp3");
        Arrays.fill(broken, broken.length / 2, broken.length / 2 + 300, (byte) 0);
        assertThatThrownBy(() -> decoder.decode(mp3(broken)))
            .isInstanceOf(UnsupportedFormatException.class)
            .hasMessageContaining("sync lost");
    }
}
