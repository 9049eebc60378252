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
class WebmOpusDecoderTest {

    private final WebmOpusDecoder decoder = new WebmOpusDecoder();

    private AudioData webm(byte[] bytes) {
        return TestAudio.audio(Container.WEBM, Encoding.OPUS, bytes);
    }

    @Test
    void decodesOpusTrack() {
        AudioData pcm = decoder.decode(webm(TestAudio.resource("tone-stereo.webm")));
        assertPcm(pcm, 48000, 2, 48000, 960);
        assertTone(pcm, 1.0);
    }

    @Test
    void decodesLiveRecordingWithElementsOfUnknownSize() {
        AudioData pcm = decoder.decode(webm(TestAudio.resource("tone-mono-live.webm")));
        assertPcm(pcm, 48000, 1, 48000, 960);
        assertTone(pcm, 1.0);
    }

    @Test
    void acceptsWebmWhoseCodecWasNotDetected() {
        assertThat(decoder.canDecode(AudioFormat.of(Container.WEBM, Encoding.UNKNOWN))).isTrue();
        assertThat(decoder.canDecode(AudioFormat.of(Container.OGG, Encoding.OPUS))).isFalse();
    }

    @Test
    void truncatedFileIsReported() {
        byte[] whole = TestAudio.resource("tone-stereo.webm");
        assertThatThrownBy(() -> decoder.decode(webm(Arrays.copyOf(whole, whole.length / 2))))
            .isInstanceOf(UnsupportedFormatException.class)
            .hasMessageContaining("WebM/Opus")
            .hasMessageContaining("cut short");
    }

    @Test
    void nonWebmIsReported() {
        assertThatThrownBy(() -> decoder.decode(webm(TestAudio.resource("tone-mono.opus"))))
            .isInstanceOf(UnsupportedFormatException.class)
            .hasMessageContaining("EBML");
    }
}
