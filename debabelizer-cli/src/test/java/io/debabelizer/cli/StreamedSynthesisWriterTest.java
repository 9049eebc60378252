package io.debabelizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Wav;
import io.debabelizer.spi.stream.BaseSynthesisStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamedSynthesisWriterTest {

    @TempDir
    Path dir;

    /** A stream that has already produced its chunks, as a provider would over time. */
    private static final class Produced extends BaseSynthesisStream {
        Produced(AudioFormat format, byte[]... chunks) {
            super("test", format, 16);
            for (byte[] c : chunks) {
                emitAudio(c, List.of());
            }
            complete();
        }

        @Override
        protected void abort() {
        }
    }

    @Test
    void rawPcmStreamBecomesAWavWithCorrectSizes() throws Exception {
        Path out = dir.resolve("out.wav");
        var written = StreamedSynthesisWriter.toFile(new Produced(AudioFormat.pcm16(16_000, 1), new byte[3200],
                new byte[1600]), out, true);
        assertThat(written.bytes()).isEqualTo(4800);
        AudioData wav = Wav.read(Files.readAllBytes(out));
        assertThat(wav.format()).isEqualTo(AudioFormat.pcm16(16_000, 1));
        assertThat(wav.size()).isEqualTo(4800);
        assertThat(Files.size(out)).isEqualTo(44 + 4800);
        assertThat(dir.toFile().list()).containsExactly("out.wav"); // no temporary file left behind
    }

    @Test
    void aProviderWavHeaderOfUnknownLengthIsFixedUp() throws Exception {
        AudioFormat raw = AudioFormat.pcm16(8000, 1);
        byte[] header = Wav.header(raw, -1);
        Path out = dir.resolve("p.wav");
        StreamedSynthesisWriter.toFile(new Produced(raw.withContainer(io.debabelizer.audio.Container.WAV), header,
                new byte[800]), out, true);
        byte[] file = Files.readAllBytes(out);
        assertThat(java.nio.ByteBuffer.wrap(file, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt())
                .isEqualTo(file.length - 8);
        assertThat(Wav.read(file).size()).isEqualTo(800);
    }

    @Test
    void toStdoutWritesTheBytesAsTheyCome() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var written = StreamedSynthesisWriter.toStream(new Produced(AudioFormat.pcm16(24_000, 1), new byte[] {1, 2},
                new byte[] {3, 4}), out);
        assertThat(out.toByteArray()).containsExactly(1, 2, 3, 4);
        assertThat(written.bytes()).isEqualTo(4);
    }
}
