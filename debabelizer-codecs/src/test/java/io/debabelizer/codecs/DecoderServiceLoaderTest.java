package io.debabelizer.codecs;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.audio.AudioDecoder;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DecoderServiceLoaderTest {

    private final List<AudioDecoder> decoders = ServiceLoader.load(AudioDecoder.class).stream()
        .map(ServiceLoader.Provider::get)
        .toList();

    @Test
    void findsEveryDecoder() {
        assertThat(decoders).extracting(d -> d.getClass().getSimpleName())
            .containsExactlyInAnyOrder("Mp3Decoder", "FlacDecoder", "OggOpusDecoder", "OggVorbisDecoder",
                "WebmOpusDecoder");
    }

    @Test
    void exactlyOneDecoderClaimsEachCompressedFormat() {
        for (AudioFormat format : List.of(
                AudioFormat.of(Container.MP3, Encoding.MP3),
                AudioFormat.of(Container.FLAC, Encoding.FLAC),
                AudioFormat.of(Container.OGG, Encoding.OPUS),
                AudioFormat.of(Container.OGG, Encoding.VORBIS),
                AudioFormat.of(Container.WEBM, Encoding.OPUS))) {
            assertThat(decoders.stream().filter(d -> d.canDecode(format))).as(format.toString()).hasSize(1);
        }
    }

    @Test
    void noDecoderClaimsPcmOrAac() {
        for (AudioFormat format : List.of(AudioFormat.pcm16(16000, 1), AudioFormat.wav16(16000, 1),
                AudioFormat.of(Container.ADTS, Encoding.AAC), AudioFormat.of(Container.MP4, Encoding.AAC))) {
            assertThat(decoders.stream().noneMatch(d -> d.canDecode(format))).as(format.toString()).isTrue();
        }
    }
}
