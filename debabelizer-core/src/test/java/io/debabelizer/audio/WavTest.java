package io.debabelizer.audio;

import static io.debabelizer.audio.TestAudio.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.debabelizer.UnsupportedFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WavTest {

    /** The 8 kHz fixtures all hold the same 0.6 s of speech; their samples must agree within the coding error. */
    @ParameterizedTest
    @ValueSource(strings = {"wav-pcm8-8k-mono.wav", "wav-pcm24-8k-mono.wav", "wav-pcm32-8k-mono.wav",
            "wav-float32-8k-mono.wav", "wav-mulaw-8k-mono.wav", "wav-alaw-8k-mono.wav",
            "wav-extensible-pcm24-8k-mono.wav"})
    void readsEveryEncodingToTheSameSignal(String name) {
        float[] reference = samples("wav-pcm32-8k-mono.wav");
        float[] actual = samples(name);
        assertThat(actual).hasSize(4800);
        double tolerance = name.contains("pcm8") ? 1.0 / 64 : name.contains("law") ? 0.02 : 1e-3;
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("sample %d", i).isCloseTo(reference[i], within(tolerance));
        }
    }

    @Test
    void readsRf64AndStereo() {
        AudioData rf64 = Wav.read(fixture("wav-rf64-pcm16-16k-mono.wav"));
        AudioData plain = Wav.read(fixture("wav-pcm16-16k-mono.wav"));
        assertThat(rf64.format()).isEqualTo(AudioFormat.pcm16(16000, 1));
        assertThat(rf64.bytes()).isEqualTo(plain.bytes());

        AudioData stereo = Wav.read(fixture("wav-pcm16-8k-stereo.wav"));
        assertThat(stereo.format()).isEqualTo(AudioFormat.pcm16(8000, 2));
        assertThat(stereo.size()).isEqualTo(4800 * 4);
    }

    @Test
    void skipsListFactAndOddSizedChunks() {
        byte[] samples = {1, 2, 3, 4, 5, 6};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes());
        out.writeBytes(le32(0));
        out.writeBytes("WAVE".getBytes());
        out.writeBytes(chunk("LIST", "INFOISFTx".getBytes())); // 9 bytes: padded to 10
        out.writeBytes(Arrays.copyOfRange(Wav.header(AudioFormat.pcm16(8000, 1), 0), 12, 36)); // fmt chunk
        out.writeBytes(chunk("fact", le32(3)));
        out.writeBytes(chunk("junk", new byte[] {9})); // 1 byte: padded to 2
        out.writeBytes(chunk("data", samples));
        AudioData read = Wav.read(out.toByteArray());
        assertThat(read.format()).isEqualTo(AudioFormat.pcm16(8000, 1));
        assertThat(read.bytes()).containsExactly(samples);
    }

    @Test
    void streamingHeadersReadToEndOfFile() {
        byte[] samples = new byte[100];
        Arrays.fill(samples, (byte) 7);
        for (long size : new long[] {0, 0xFFFFFFFFL}) {
            byte[] wav = concat(Wav.header(AudioFormat.pcm16(16000, 1), -1), samples);
            ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, (int) size).putInt(4, (int) size);
            assertThat(Wav.read(wav).bytes()).containsExactly(samples);
        }
    }

    @Test
    void dataCutShortIsReadUpToTheLastWholeFrame() {
        byte[] wav = fixture("wav-pcm16-8k-stereo.wav");
        AudioData read = Wav.read(Arrays.copyOf(wav, 44 + 4 * 10 + 3));
        assertThat(read.size()).isEqualTo(40);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PCM_UNSIGNED/8", "PCM_SIGNED/8", "PCM_SIGNED/16", "PCM_SIGNED/24", "PCM_SIGNED/32",
            "PCM_FLOAT/32", "MULAW/8", "ALAW/8"})
    void writesAndReadsBack(String layout) {
        String[] parts = layout.split("/");
        AudioFormat format = new AudioFormat(Container.RAW, Encoding.valueOf(parts[0]), 11025, 2,
                Integer.parseInt(parts[1]));
        float[] signal = TestAudio.tone(440, 11025 * 2, 0.2, 0.5);
        byte[] samples = Pcm.fromFloat(signal, format);

        byte[] wav = Wav.write(AudioData.of(format, samples));
        AudioFormat detected = AudioFormatDetector.detect(wav);
        AudioData read = Wav.read(wav);

        Encoding stored = format.encoding() == Encoding.PCM_SIGNED && format.bitsPerSample() == 8
                ? Encoding.PCM_UNSIGNED : format.encoding();
        assertThat(detected).isEqualTo(new AudioFormat(Container.WAV, stored, 11025, 2, format.bitsPerSample()));
        assertThat(Pcm.toFloat(read.bytes(), read.format())).containsExactly(Pcm.toFloat(samples, format));
    }

    @Test
    void writesBigEndianInputAsLittleEndian() {
        AudioFormat be = new AudioFormat(Container.RAW, Encoding.PCM_SIGNED, 8000, 1, 16, true);
        byte[] wav = Wav.write(be, new byte[] {0x12, 0x34});
        assertThat(Wav.read(wav).bytes()).containsExactly(0x34, 0x12);
    }

    @Test
    void headerDescribesTheLengthAndPadsOddData() {
        byte[] header = Wav.header(AudioFormat.pcm16(16000, 1), 1000);
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header).hasSize(44);
        assertThat(b.getInt(4)).isEqualTo(36 + 1000);
        assertThat(b.getInt(40)).isEqualTo(1000);
        assertThat(Wav.header(AudioFormat.mulaw(8000), 10)).hasSize(58);

        byte[] odd = Wav.write(new AudioFormat(Container.RAW, Encoding.PCM_UNSIGNED, 8000, 1, 8), new byte[] {1, 2, 3});
        assertThat(odd).hasSize(44 + 4);
        assertThat(Wav.read(odd).bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void unsupportedOrBrokenFilesAreRejected() {
        byte[] wav = fixture("wav-pcm16-16k-mono.wav");
        assertThatThrownBy(() -> Wav.read(Arrays.copyOf(wav, 36)))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("no data chunk");
        assertThatThrownBy(() -> Wav.read(fixture("flac-16k-mono.flac")))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("not a WAV");
        byte[] adpcm = wav.clone();
        adpcm[20] = 0x11; // IMA ADPCM
        assertThatThrownBy(() -> Wav.read(adpcm)).isInstanceOf(UnsupportedFormatException.class);
        assertThatThrownBy(() -> Wav.write(AudioFormat.of(Container.MP3, Encoding.MP3), new byte[10]))
                .isInstanceOf(UnsupportedFormatException.class);
    }

    private static float[] samples(String fixture) {
        AudioData read = Wav.read(fixture(fixture));
        return Pcm.toFloat(read.bytes(), read.format());
    }

    private static byte[] chunk(String id, byte[] body) {
        byte[] out = concat(concat(id.getBytes(), le32(body.length)), body);
        return body.length % 2 == 1 ? concat(out, new byte[1]) : out;
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
