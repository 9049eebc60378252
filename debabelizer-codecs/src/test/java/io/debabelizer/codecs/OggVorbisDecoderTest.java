package io.debabelizer.codecs;

import static io.debabelizer.codecs.ToneAssertions.assertPcm;
import static io.debabelizer.codecs.ToneAssertions.assertTone;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OggVorbisDecoderTest {

    private final OggVorbisDecoder decoder = new OggVorbisDecoder();

    private AudioData vorbis(byte[] bytes) {
        return TestAudio.audio(Container.OGG, Encoding.VORBIS, bytes);
    }

    @Test
    void decodesAtTheStreamsOwnRate() {
        AudioData pcm = decoder.decode(vorbis(TestAudio.resource("tone-22050-mono.ogg")));
        assertPcm(pcm, 22050, 1, 22050, 256);
        assertTone(pcm, 1.0);
    }

    @Test
    void truncatedFileIsReported() {
        byte[] whole = TestAudio.resource("tone-22050-mono.ogg");
        assertThatThrownBy(() -> decoder.decode(vorbis(Arrays.copyOf(whole, whole.length / 2))))
            .isInstanceOf(UnsupportedFormatException.class)
            .hasMessageContaining("Ogg/Vorbis");
    }

    @Test
    void opusStreamIsNamed() {
        assertThatThrownBy(() -> decoder.decode(vorbis(TestAudio.resource("tone-mono.opus"))))
            .isInstanceOf(UnsupportedFormatException.class)
            .hasMessageContaining("carries Opus");
    }
}
