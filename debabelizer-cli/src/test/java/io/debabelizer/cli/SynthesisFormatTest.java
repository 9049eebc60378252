package io.debabelizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthesisFormatTest {

    @Test
    void formatFollowsTheFileExtension() {
        assertThat(SynthesisFormat.resolve(null, Path.of("out/hello.MP3"))).isEqualTo(SynthesisFormat.MP3);
        assertThat(SynthesisFormat.resolve(null, Path.of("a.opus"))).isEqualTo(SynthesisFormat.OGG);
        assertThat(SynthesisFormat.resolve(null, Path.of("a.flac"))).isEqualTo(SynthesisFormat.FLAC);
        assertThat(SynthesisFormat.resolve(null, Path.of("a.raw"))).isEqualTo(SynthesisFormat.PCM);
        assertThat(SynthesisFormat.resolve(null, Path.of("a.ulaw"))).isEqualTo(SynthesisFormat.MULAW);
        assertThat(SynthesisFormat.resolve(null, Path.of("a.wav"))).isEqualTo(SynthesisFormat.WAV);
    }

    @Test
    void explicitFormatWinsAndWavIsTheFallback() {
        assertThat(SynthesisFormat.resolve(SynthesisFormat.OGG, Path.of("a.wav"))).isEqualTo(SynthesisFormat.OGG);
        assertThat(SynthesisFormat.resolve(null, Path.of("speech"))).isEqualTo(SynthesisFormat.WAV);
        assertThat(SynthesisFormat.resolve(null, Path.of("a.txt"))).isEqualTo(SynthesisFormat.WAV);
        assertThat(SynthesisFormat.resolve(null, null)).isEqualTo(SynthesisFormat.WAV);
    }

    @Test
    void eachFormatAsksForTheRightAudio() {
        assertThat(SynthesisFormat.WAV.audioFormat().container()).isEqualTo(Container.WAV);
        assertThat(SynthesisFormat.MP3.audioFormat().encoding()).isEqualTo(Encoding.MP3);
        assertThat(SynthesisFormat.OGG.audioFormat().encoding()).isEqualTo(Encoding.OPUS);
        assertThat(SynthesisFormat.PCM.audioFormat().container()).isEqualTo(Container.RAW);
        assertThat(SynthesisFormat.MULAW.audioFormat().encoding()).isEqualTo(Encoding.MULAW);
        assertThat(SynthesisFormat.MULAW.audioFormat().sampleRate()).isEqualTo(8000);
        assertThat(SynthesisFormat.MULAW).hasToString("mulaw");
    }

    @Test
    void atomicWriteReplacesTheFileAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("sub/out.wav");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        AtomicFiles.write(target, new byte[] {4, 5});

        assertThat(Files.readAllBytes(target)).containsExactly(4, 5);
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }
}
