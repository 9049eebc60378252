package io.debabelizer.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.debabelizer.UnsupportedFormatException;
import org.junit.jupiter.api.Test;

class PcmTest {

    private static AudioFormat format(Encoding encoding, int bits, int channels, boolean bigEndian) {
        return new AudioFormat(Container.RAW, encoding, 16000, channels, bits, bigEndian);
    }

    @Test
    void decodesKnownSampleValues() {
        assertThat(Pcm.toFloat(new byte[] {0x00, (byte) 0x80, (byte) 0xFF, 0x7F}, AudioFormat.pcm16(8000, 1)))
                .containsExactly(-1f, 32767f / 32768f);
        assertThat(Pcm.toFloat(new byte[] {(byte) 0x80, 0x00}, format(Encoding.PCM_SIGNED, 16, 1, true)))
                .containsExactly(-1f);
        assertThat(Pcm.toFloat(new byte[] {0, (byte) 0x80, (byte) 0xFF}, format(Encoding.PCM_UNSIGNED, 8, 1, false)))
                .containsExactly(-1f, 0f, 127f / 128f);
        assertThat(Pcm.toFloat(new byte[] {0, 0, 0x40}, format(Encoding.PCM_SIGNED, 24, 1, false)))
                .containsExactly(0.5f);
        assertThat(Pcm.toFloat(new byte[] {0, 0, 0, (byte) 0xC0}, format(Encoding.PCM_SIGNED, 32, 1, false)))
                .containsExactly(-0.5f);
        assertThat(Pcm.toFloat(new byte[] {0, 0, (byte) 0x80, 0x3E}, format(Encoding.PCM_FLOAT, 32, 1, false)))
                .containsExactly(0.25f);
    }

    @Test
    void everyLayoutRoundTrips() {
        float[] signal = TestAudio.tone(300, 16000, 0.05, 0.9);
        for (Encoding encoding : new Encoding[] {Encoding.PCM_SIGNED, Encoding.PCM_UNSIGNED}) {
            for (int bits : new int[] {8, 16, 24, 32}) {
                for (boolean be : new boolean[] {false, true}) {
                    AudioFormat f = format(encoding, bits, 1, be);
                    float[] back = Pcm.toFloat(Pcm.fromFloat(signal, f), f);
                    double step = 1.0 / (1L << (bits - 1));
                    for (int i = 0; i < signal.length; i++) {
                        assertThat((double) back[i]).as("%s sample %d", f, i)
                                .isCloseTo(signal[i], within(Math.max(step, 1e-6)));
                    }
                }
            }
        }
        AudioFormat f64 = format(Encoding.PCM_FLOAT, 64, 1, true);
        assertThat(Pcm.toFloat(Pcm.fromFloat(signal, f64), f64)).containsExactly(signal);
    }

    @Test
    void clipsOutOfRangeFloats() {
        byte[] bytes = Pcm.fromFloat(new float[] {2f, -2f}, AudioFormat.pcm16(8000, 1));
        assertThat(Pcm.toShorts(bytes, AudioFormat.pcm16(8000, 1))).containsExactly(Short.MAX_VALUE, Short.MIN_VALUE);
        assertThat(Pcm.toShorts(new float[] {1f, -1f, 0.5f})).containsExactly((short) 32767, (short) -32768,
                (short) 16384);
    }

    @Test
    void shortsAndBytesConvertBothWays() {
        short[] samples = {0, 1, -1, 12345, Short.MIN_VALUE, Short.MAX_VALUE};
        assertThat(Pcm.toShorts(Pcm.fromShorts(samples), AudioFormat.pcm16(8000, 1))).containsExactly(samples);
        AudioFormat be = format(Encoding.PCM_SIGNED, 16, 1, true);
        assertThat(Pcm.toShorts(Pcm.fromShorts(samples, true), be)).containsExactly(samples);
        assertThat(Pcm.toShorts(Pcm.toFloat(samples))).containsExactly(samples);
        assertThat(Pcm.fromShorts(new short[] {0x0102})).containsExactly(0x02, 0x01);
    }

    @Test
    void downmixAveragesAndRemixDuplicates() {
        assertThat(Pcm.downmix(new float[] {1f, 0f, 0.5f, 0.5f}, 2)).containsExactly(0.5f, 0.5f);
        assertThat(Pcm.downmix(new short[] {100, 200, -4, -6}, 2)).containsExactly((short) 150, (short) -5);
        float[] mono = {0.1f, 0.2f};
        assertThat(Pcm.remix(mono, 1, 1)).isSameAs(mono);
        assertThat(Pcm.remix(mono, 1, 2)).containsExactly(0.1f, 0.1f, 0.2f, 0.2f);
        assertThat(Pcm.remix(new float[] {0.3f, 0.1f, 0.2f}, 3, 2)[0]).isCloseTo(0.2f, within(1e-6f));
    }

    @Test
    void interleavingRoundTrips() {
        float[] interleaved = {1, 2, 3, 4, 5, 6};
        float[][] split = Pcm.deinterleave(interleaved, 3);
        assertThat(split[0]).containsExactly(1, 4);
        assertThat(split[2]).containsExactly(3, 6);
        assertThat(Pcm.interleave(split)).containsExactly(interleaved);
    }

    @Test
    void convertChangesLayoutAndKeepsMatchingInput() {
        byte[] data = Pcm.fromShorts(new short[] {1000, -1000});
        AudioFormat le = AudioFormat.pcm16(8000, 2);
        assertThat(Pcm.convert(data, le, le)).isSameAs(data);
        assertThat(Pcm.convert(data, le, format(Encoding.PCM_SIGNED, 16, 2, true)))
                .containsExactly(0x03, (byte) 0xE8, (byte) 0xFC, 0x18);
        assertThat(Pcm.convert(data, le, AudioFormat.pcm16(8000, 1))).containsExactly(0, 0);
        byte[] mulaw = Pcm.convert(Pcm.fromShorts(new short[] {0}), AudioFormat.pcm16(8000, 1), AudioFormat.mulaw(8000));
        assertThat(mulaw).containsExactly(0xFF);
        assertThat(Pcm.swapByteOrder(new byte[] {1, 2, 3, 4, 5, 6, 7}, 3)).containsExactly(3, 2, 1, 6, 5, 4);
    }

    @Test
    void rejectsCompressedOrOddLayouts() {
        assertThatThrownBy(() -> Pcm.toFloat(new byte[4], AudioFormat.of(Container.MP3, Encoding.MP3)))
                .isInstanceOf(UnsupportedFormatException.class);
        assertThatThrownBy(() -> Pcm.toFloat(new byte[4], format(Encoding.PCM_SIGNED, 12, 1, false)))
                .isInstanceOf(UnsupportedFormatException.class);
    }
}
