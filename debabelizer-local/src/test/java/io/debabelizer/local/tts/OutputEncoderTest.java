package io.debabelizer.local.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.AudioFormatDetector;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.audio.G711;
import io.debabelizer.audio.Wav;
import org.junit.jupiter.api.Test;

class OutputEncoderTest {

    /** One second of a 440 Hz tone at 16 kHz, as an engine would produce. */
    private static short[] tone() {
        short[] s = new short[16_000];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        return s;
    }

    @Test
    void defaultsToAWavAtTheEngineRate() {
        OutputEncoder e = OutputEncoder.of(null, 16_000, 1, "test");
        AudioData file = e.file(tone());
        assertThat(file.format()).isEqualTo(AudioFormat.wav16(16_000, 1));
        assertThat(AudioFormatDetector.detect(file.bytes())).isEqualTo(AudioFormat.wav16(16_000, 1));
        assertThat(Wav.read(file).size()).isEqualTo(32_000);
    }

    @Test
    void producesTelephonyMulawRawAndInWav() {
        AudioData raw = OutputEncoder.of(AudioFormat.mulaw(8000), 16_000, 1, "test").file(tone());
        assertThat(raw.format()).isEqualTo(AudioFormat.mulaw(8000));
        assertThat(raw.size()).isCloseTo(8000, within(2));
        short[] decoded = G711.decodeMulaw(raw.bytes());
        int peak = 0;
        for (short s : decoded) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertThat(peak).isBetween(7000, 9000);

        AudioData wav = OutputEncoder.of(AudioFormat.mulaw(8000).withContainer(Container.WAV), 16_000, 1, "test")
                .file(tone());
        AudioFormat detected = AudioFormatDetector.detect(wav.bytes());
        assertThat(detected.container()).isEqualTo(Container.WAV);
        assertThat(detected.encoding()).isEqualTo(Encoding.MULAW);
        assertThat(detected.sampleRate()).isEqualTo(8000);
    }

    @Test
    void streamsStartWithAWavHeaderOfUnknownLength() {
        OutputEncoder e = OutputEncoder.of(AudioFormat.wav16(24_000, 1), 16_000, 1, "test");
        byte[] header = e.streamHeader();
        byte[] body = e.body(tone());
        byte[] stream = java.util.Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, stream, header.length, body.length);
        assertThat(Wav.read(stream).format().sampleRate()).isEqualTo(24_000);
        assertThat(body.length).isCloseTo(48_000, within(4));
        assertThat(OutputEncoder.of(AudioFormat.pcm16(16_000, 1), 16_000, 1, "test").streamHeader()).isEmpty();
    }

    @Test
    void refusesCompressedFormats() {
        assertThatThrownBy(() -> OutputEncoder.of(AudioFormat.of(Container.MP3, Encoding.MP3), 16_000, 1, "flite"))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("flite produces uncompressed");
    }
}
