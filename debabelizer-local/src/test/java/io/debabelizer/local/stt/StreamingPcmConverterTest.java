package io.debabelizer.local.stt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Encoding;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class StreamingPcmConverterTest {

    /** A 440 Hz tone as interleaved 16-bit PCM, the same on every channel. */
    private static byte[] tone(int rate, int channels, double seconds) {
        int frames = (int) (rate * seconds);
        ByteBuffer b = ByteBuffer.allocate(frames * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short s = (short) Math.round(10_000 * Math.sin(2 * Math.PI * 440 * i / rate));
            for (int c = 0; c < channels; c++) {
                b.putShort(s);
            }
        }
        return b.array();
    }

    private static short[] convertInOddChunks(StreamingPcmConverter c, byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] sizes = {1, 333, 7, 960, 2, 4095};
        int pos = 0;
        for (int k = 0; pos < input.length; k++) {
            int n = Math.min(sizes[k % sizes.length], input.length - pos);
            byte[] chunk = java.util.Arrays.copyOfRange(input, pos, pos + n);
            for (short s : c.convert(chunk)) {
                out.write(s & 0xff);
                out.write(s >> 8);
            }
            pos += n;
        }
        for (short s : c.flush()) {
            out.write(s & 0xff);
            out.write(s >> 8);
        }
        byte[] b = out.toByteArray();
        return io.debabelizer.local.Pcm16.toSamples(b, 0, b.length);
    }

    private static double frequency(short[] s) {
        int crossings = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                crossings++;
            }
        }
        return crossings / (s.length / 16_000.0);
    }

    @Test
    void resamplesAndDownmixesAcrossArbitraryChunkBoundaries() {
        for (int rate : new int[] {8_000, 16_000, 22_050, 44_100, 48_000}) {
            for (int channels : new int[] {1, 2}) {
                StreamingPcmConverter c = new StreamingPcmConverter(AudioFormat.pcm16(rate, channels), "test");
                short[] out = convertInOddChunks(c, tone(rate, channels, 2.0));
                assertThat(out.length).as("%d Hz x%d", rate, channels).isCloseTo(32_000, within(3));
                assertThat(frequency(out)).as("%d Hz x%d", rate, channels).isCloseTo(440, within(3.0));
            }
        }
    }

    @Test
    void acceptsTelephonyMulawAndFloat() {
        byte[] mulaw = io.debabelizer.audio.G711.encodeMulaw(io.debabelizer.local.Pcm16.toSamples(tone(8_000, 1, 1.0),
                0, 16_000));
        short[] out = convertInOddChunks(new StreamingPcmConverter(AudioFormat.mulaw(8000), "test"), mulaw);
        assertThat(out.length).isCloseTo(16_000, within(3));
        assertThat(frequency(out)).isCloseTo(440, within(3.0));
        new StreamingPcmConverter(new AudioFormat(io.debabelizer.audio.Container.RAW, Encoding.PCM_FLOAT, 48_000, 1,
                32), "test");
    }

    @Test
    void rejectsCompressedOrUnknownFormats() {
        assertThatThrownBy(() -> new StreamingPcmConverter(AudioFormat.of(io.debabelizer.audio.Container.MP3,
                Encoding.MP3), "test")).isInstanceOf(InvalidInputException.class).hasMessageContaining("raw PCM");
        assertThatThrownBy(() -> new StreamingPcmConverter(AudioFormat.pcm16(0, 1), "test"))
                .isInstanceOf(InvalidInputException.class);
    }
}
