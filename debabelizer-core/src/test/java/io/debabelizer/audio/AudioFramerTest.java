package io.debabelizer.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AudioFramerTest {

    @Test
    void chunkSizesFollowTheFormat() {
        assertThat(AudioFramer.chunkBytes(AudioFormat.pcm16(16000, 1), 20)).isEqualTo(640);
        assertThat(AudioFramer.chunkBytes(AudioFormat.mulaw(8000), 20)).isEqualTo(160);
        assertThat(AudioFramer.chunkBytes(AudioFormat.pcm16(44100, 2), 10)).isEqualTo(441 * 4);
        assertThat(AudioFramer.chunkBytes(AudioFormat.pcm16(11025, 1), 10)).isEqualTo(110 * 2); // 110.25 frames
        assertThat(AudioFramer.chunkBytes(AudioFormat.pcm16(8000, 1), 0 + 1)).isEqualTo(16);
    }

    @Test
    void splitsIntoWholeFramesWithAShortLastChunk() {
        AudioFormat format = AudioFormat.pcm16(8000, 2); // 4-byte frames, 20 ms = 640 bytes
        byte[] bytes = new byte[640 * 3 + 100 + 3]; // 3 full chunks, 25 frames, one partial frame
        List<AudioData> chunks = AudioFramer.split(AudioData.of(format, bytes), 20);
        assertThat(chunks).hasSize(4);
        assertThat(chunks).allSatisfy(c -> assertThat(c.format()).isEqualTo(format));
        assertThat(chunks.subList(0, 3)).allSatisfy(c -> assertThat(c.size()).isEqualTo(640));
        assertThat(chunks.get(3).size()).isEqualTo(100);
        assertThat(AudioFramer.split(AudioData.of(format, new byte[0]), 20)).isEmpty();
    }

    @Test
    void streamingPushesKeepFrameAlignmentAcrossArbitraryPieces() {
        AudioFormat format = AudioFormat.pcm16(16000, 1);
        byte[] stream = new byte[16000];
        new Random(1).nextBytes(stream);
        AudioFramer framer = new AudioFramer(format, 30);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        Random random = new Random(2);
        int at = 0;
        while (at < stream.length) {
            int n = Math.min(stream.length - at, random.nextInt(1500));
            byte[] piece = java.util.Arrays.copyOfRange(stream, at, at + n);
            for (byte[] chunk : framer.push(piece)) {
                assertThat(chunk).hasSize(960);
                joined.writeBytes(chunk);
            }
            at += n;
        }
        byte[] last = framer.flush();
        assertThat(last.length).isLessThan(960).isEven();
        joined.writeBytes(last);
        assertThat(joined.toByteArray()).isEqualTo(stream);
        assertThat(framer.flush()).isEmpty();
    }

    @Test
    void rejectsCompressedFormatsAndBadDurations() {
        assertThatThrownBy(() -> AudioFramer.chunkBytes(AudioFormat.of(Container.MP3, Encoding.MP3), 20))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AudioFramer(AudioFormat.mulaw(8000), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
