package io.debabelizer.codecs;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioDecoder;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cuts and damages every fixture in many (seeded) ways: each decode must either succeed or fail with
 * {@link UnsupportedFormatException}, never with a library's own exception and never by hanging.
 */
class DamagedInputTest {

    static Stream<Arguments> fixtures() {
        return Stream.of(
            Arguments.of(new Mp3Decoder(), Container.MP3, Encoding.MP3, "tone-44100-stereo-id3.mp3"),
            Arguments.of(new Mp3Decoder(), Container.MP3, Encoding.MP3, "jfk-16000-mono.mp3"),
            Arguments.of(new FlacDecoder(), Container.FLAC, Encoding.FLAC, "jfk-16000-mono-16bit.flac"),
            Arguments.of(new FlacDecoder(), Container.FLAC, Encoding.FLAC, "tone-48000-stereo-24bit.flac"),
            Arguments.of(new OggOpusDecoder(), Container.OGG, Encoding.OPUS, "tone-stereo.opus"),
            Arguments.of(new OggVorbisDecoder(), Container.OGG, Encoding.VORBIS, "tone-22050-mono.ogg"),
            Arguments.of(new OggOpusDecoder(), Container.OGG, Encoding.OPUS, "tone-5.1.opus"),
            Arguments.of(new WebmOpusDecoder(), Container.WEBM, Encoding.OPUS, "tone-stereo.webm"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("fixtures")
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void damageIsEitherToleratedOrReportedAsUnsupportedFormat(AudioDecoder decoder, Container container,
                                                               Encoding encoding, String resource) {
        byte[] original = TestAudio.resource(resource);
        Random random = new Random(resource.hashCode());
        int reported = 0;
        for (int round = 0; round < 90; round++) {
            byte[] damaged = damage(original, round, random);
            if (container == Container.OGG && round % 2 == 0) {
                resignOggPages(damaged); // so the damage reaches the codec instead of stopping at the checksum
            }
            try {
                AudioData pcm = decoder.decode(TestAudio.audio(container, encoding, damaged));
                assertThat(pcm.format().bitsPerSample()).isEqualTo(16);
            } catch (UnsupportedFormatException e) {
                assertThat(e.getMessage()).isNotBlank();
                reported++;
            }
        }
        assertThat(reported).as("rounds reported as damaged").isPositive();
    }

    /** Recomputes the CRC of every whole Ogg page, as a broken muxer would write it. */
    private static void resignOggPages(byte[] data) {
        int pos = 0;
        while (pos + 27 <= data.length && data[pos] == 'O' && data[pos + 1] == 'g' && data[pos + 2] == 'g'
               && data[pos + 3] == 'S') {
            int segments = data[pos + 26] & 0xFF;
            if (pos + 27 + segments > data.length) {
                return;
            }
            int length = 27 + segments;
            for (int i = 0; i < segments; i++) {
                length += data[pos + 27 + i] & 0xFF;
            }
            if (pos + length > data.length) {
                return;
            }
            Arrays.fill(data, pos + 22, pos + 26, (byte) 0);
            int crc = 0;
            for (int i = 0; i < length; i++) {
                crc ^= (data[pos + i] & 0xFF) << 24;
                for (int bit = 0; bit < 8; bit++) {
                    crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
                }
            }
            for (int i = 0; i < 4; i++) {
                data[pos + 22 + i] = (byte) (crc >> (8 * i));
            }
            pos += length;
        }
    }

    private static byte[] damage(byte[] original, int round, Random random) {
        return switch (round % 3) {
            case 0 -> Arrays.copyOf(original, random.nextInt(original.length)); // truncate
            case 1 -> { // flip a burst of bytes somewhere
                byte[] copy = original.clone();
                int at = random.nextInt(copy.length);
                for (int i = at; i < Math.min(copy.length, at + 1 + random.nextInt(64)); i++) {
                    copy[i] = (byte) random.nextInt(256);
                }
                yield copy;
            }
            default -> { // keep the header, replace the rest with noise
                byte[] copy = original.clone();
                int from = Math.min(copy.length, 64 + random.nextInt(256));
                byte[] noise = new byte[copy.length - from];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, copy, from, noise.length);
                yield copy;
            }
        };
    }
}
