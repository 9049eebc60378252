package io.debabelizer.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class G711Test {

    @Test
    void decodingMatchesTheJdk() throws IOException {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        assertThat(G711.decodeMulaw(codes)).containsExactly(jdkDecode(codes, javax.sound.sampled.AudioFormat.Encoding.ULAW));
        assertThat(G711.decodeAlaw(codes)).containsExactly(jdkDecode(codes, javax.sound.sampled.AudioFormat.Encoding.ALAW));
    }

    @Test
    void knownCodes() {
        assertThat(G711.linearToMulaw((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(G711.mulawToLinear((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(G711.mulawToLinear((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.mulawToLinear((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711.linearToMulaw(Short.MAX_VALUE)).isEqualTo((byte) 0x80);
        assertThat(G711.linearToMulaw(Short.MIN_VALUE)).isEqualTo((byte) 0x00);
        assertThat(G711.linearToAlaw((short) 0)).isEqualTo((byte) 0xD5);
        assertThat(G711.alawToLinear((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.alawToLinear((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711.linearToAlaw(Short.MAX_VALUE)).isEqualTo((byte) 0xAA);
        assertThat(G711.linearToAlaw(Short.MIN_VALUE)).isEqualTo((byte) 0x2A);
    }

    @Test
    void everyCodeSurvivesDecodeThenEncode() {
        for (int code = 0; code < 256; code++) {
            byte b = (byte) code;
            if (code != 0x7F) { // µ-law has two zeros (0x7F, 0xFF); encoding 0 gives 0xFF
                assertThat(G711.linearToMulaw(G711.mulawToLinear(b))).as("µ-law %02x", code).isEqualTo(b);
            }
            assertThat(G711.linearToAlaw(G711.alawToLinear(b))).as("A-law %02x", code).isEqualTo(b);
        }
    }

    @Test
    void quantizationErrorStaysWithinTheSegmentStep() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s += 7) {
            short sample = (short) s;
            int mu = G711.mulawToLinear(G711.linearToMulaw(sample));
            int a = G711.alawToLinear(G711.linearToAlaw(sample));
            int magnitude = Math.abs(s);
            // step is 1/16 of the segment; allow half a step above clipping limits
            int tolerance = Math.max(8, Integer.highestOneBit(Math.max(1, magnitude)) / 16 + 4);
            assertThat(Math.abs(mu - s)).as("µ-law %d -> %d", s, mu).isLessThanOrEqualTo(magnitude > 32124 ? 700 : tolerance);
            assertThat(Math.abs(a - s)).as("A-law %d -> %d", s, a).isLessThanOrEqualTo(magnitude > 32256 ? 600 : tolerance);
        }
    }

    /**
     * G.711 codes 14-bit (µ-law) and 13-bit (A-law) samples; how 16-bit input is cut to those is outside the
     * recommendation (we shift, the JDK negates first), so the comparison uses samples exactly representable in
     * 13 bits. The JDK's µ-law encoder overflows on the largest negative samples (-32768 becomes silence), so the
     * range stops at ±32000.
     */
    @Test
    void encodingMatchesTheJdk() throws IOException {
        short[] all = new short[8001];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) ((i - 4000) * 8);
        }
        byte[] pcm = Pcm.fromShorts(all);
        assertThat(G711.encodeMulaw(all)).containsExactly(jdkEncode(pcm, javax.sound.sampled.AudioFormat.Encoding.ULAW));
        assertThat(G711.encodeAlaw(all)).containsExactly(jdkEncode(pcm, javax.sound.sampled.AudioFormat.Encoding.ALAW));
    }

    private static short[] jdkDecode(byte[] codes, javax.sound.sampled.AudioFormat.Encoding encoding)
            throws IOException {
        var source = new javax.sound.sampled.AudioFormat(encoding, 8000, 8, 1, 1, 8000, false);
        var target = new javax.sound.sampled.AudioFormat(8000, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(codes), source, codes.length);
             AudioInputStream out = AudioSystem.getAudioInputStream(target, in)) {
            return Pcm.toShorts(out.readAllBytes(), AudioFormat.pcm16(8000, 1));
        }
    }

    private static byte[] jdkEncode(byte[] pcm, javax.sound.sampled.AudioFormat.Encoding encoding) throws IOException {
        var source = new javax.sound.sampled.AudioFormat(8000, 16, 1, true, false);
        var target = new javax.sound.sampled.AudioFormat(encoding, 8000, 8, 1, 1, 8000, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), source, pcm.length / 2);
             AudioInputStream out = AudioSystem.getAudioInputStream(target, in)) {
            return out.readAllBytes();
        }
    }
}
