package io.debabelizer.audio;

import static io.debabelizer.audio.TestAudio.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.UnsupportedFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AudioFormatDetectorTest {

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("wav-pcm8-8k-mono.wav", new AudioFormat(Container.WAV, Encoding.PCM_UNSIGNED, 8000, 1, 8)),
                Arguments.of("wav-pcm16-16k-mono.wav", AudioFormat.wav16(16000, 1)),
                Arguments.of("wav-pcm16-8k-stereo.wav", AudioFormat.wav16(8000, 2)),
                Arguments.of("wav-pcm24-8k-mono.wav", new AudioFormat(Container.WAV, Encoding.PCM_SIGNED, 8000, 1, 24)),
                Arguments.of("wav-pcm32-8k-mono.wav", new AudioFormat(Container.WAV, Encoding.PCM_SIGNED, 8000, 1, 32)),
                Arguments.of("wav-float32-8k-mono.wav", new AudioFormat(Container.WAV, Encoding.PCM_FLOAT, 8000, 1, 32)),
                Arguments.of("wav-mulaw-8k-mono.wav", new AudioFormat(Container.WAV, Encoding.MULAW, 8000, 1, 8)),
                Arguments.of("wav-alaw-8k-mono.wav", new AudioFormat(Container.WAV, Encoding.ALAW, 8000, 1, 8)),
                Arguments.of("wav-extensible-pcm24-8k-mono.wav",
                        new AudioFormat(Container.WAV, Encoding.PCM_SIGNED, 8000, 1, 24)),
                Arguments.of("wav-rf64-pcm16-16k-mono.wav", AudioFormat.wav16(16000, 1)),
                Arguments.of("mp3-16k-mono-noid3.mp3", new AudioFormat(Container.MP3, Encoding.MP3, 16000, 1, 0)),
                Arguments.of("mp3-16k-mono-id3.mp3", new AudioFormat(Container.MP3, Encoding.MP3, 16000, 1, 0)),
                Arguments.of("flac-16k-mono.flac", new AudioFormat(Container.FLAC, Encoding.FLAC, 16000, 1, 16)),
                Arguments.of("ogg-opus-16k-mono.opus", new AudioFormat(Container.OGG, Encoding.OPUS, 48000, 1, 0)),
                Arguments.of("ogg-vorbis-16k-mono.ogg", new AudioFormat(Container.OGG, Encoding.VORBIS, 16000, 1, 0)),
                Arguments.of("webm-opus-16k-mono.webm", new AudioFormat(Container.WEBM, Encoding.OPUS, 48000, 1, 0)),
                Arguments.of("adts-aac-16k-mono.aac", new AudioFormat(Container.ADTS, Encoding.AAC, 16000, 1, 0)),
                Arguments.of("m4a-aac-16k-mono.m4a", new AudioFormat(Container.MP4, Encoding.AAC, 16000, 1, 0)));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void detectsEveryFixture(String name, AudioFormat expected) {
        assertThat(AudioFormatDetector.detect(fixture(name))).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void rejectsEveryFixtureCutToItsFirstFewBytes(String name, AudioFormat ignored) {
        byte[] data = fixture(name);
        for (int length : new int[] {1, 3, 5, 7}) {
            assertThatThrownBy(() -> AudioFormatDetector.detect(Arrays.copyOf(data, length)))
                    .as("%s cut to %d bytes", name, length)
                    .isInstanceOf(UnsupportedFormatException.class);
        }
    }

    @Test
    void detectsEverySharedSpeechRecording() throws IOException {
        Path speech = TestAudio.sharedSpeech().orElseThrow(() -> new AssertionError("../shared/speech not found"));
        List<Path> files;
        try (Stream<Path> list = Files.list(speech)) {
            files = list.filter(p -> p.toString().endsWith(".wav") || p.toString().endsWith(".mp3")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            AudioFormat format = AudioFormatDetector.detect(Files.readAllBytes(file));
            if (file.toString().endsWith(".wav")) {
                assertThat(format).as(file.toString()).isEqualTo(AudioFormat.wav16(16000, 1));
            } else {
                assertThat(format.container()).as(file.toString()).isEqualTo(Container.MP3);
                assertThat(format.sampleRate()).as(file.toString()).isPositive();
            }
        }
    }

    @Test
    void emptyDataIsRejected() {
        assertThatThrownBy(() -> AudioFormatDetector.detect(new byte[0]))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("empty");
    }

    @Test
    void headerlessPcmIsNotGuessed() {
        byte[] pcm = Pcm.fromFloat(TestAudio.tone(440, 16000, 0.1, 0.5), AudioFormat.pcm16(16000, 1));
        assertThatThrownBy(() -> AudioFormatDetector.detect(pcm))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("unrecognised audio format (first bytes 0x");
    }

    @Test
    void truncatedWavHeaderIsNamed() {
        byte[] wav = fixture("wav-pcm16-16k-mono.wav");
        assertThatThrownBy(() -> AudioFormatDetector.detect(Arrays.copyOf(wav, 10)))
                .hasMessageContaining("truncated WAV header");
        assertThatThrownBy(() -> AudioFormatDetector.detect(Arrays.copyOf(wav, 30)))
                .hasMessageContaining("truncated WAV header");
    }

    @ParameterizedTest
    @ValueSource(strings = {"flac-16k-mono.flac", "ogg-opus-16k-mono.opus", "ogg-vorbis-16k-mono.ogg",
            "adts-aac-16k-mono.aac", "webm-opus-16k-mono.webm"})
    void truncatedHeadersAreRejected(String name) {
        byte[] data = fixture(name);
        assertThatThrownBy(() -> AudioFormatDetector.detect(Arrays.copyOf(data, 6)))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("truncated");
    }

    @Test
    void id3TagWithoutAudioIsTruncated() {
        byte[] mp3 = fixture("mp3-16k-mono-id3.mp3");
        assertThatThrownBy(() -> AudioFormatDetector.detect(Arrays.copyOf(mp3, 20)))
                .hasMessageContaining("ID3v2");
    }

    @Test
    void randomBytesStartingWithFrameSyncAreRejected() {
        byte[] data = new byte[4000];
        new java.util.Random(7).nextBytes(data);
        data[0] = (byte) 0xFF;
        data[1] = (byte) 0xFB;
        data[2] = (byte) 0x90;
        data[3] = (byte) 0x64;
        assertThatThrownBy(() -> AudioFormatDetector.detect(data)).isInstanceOf(UnsupportedFormatException.class);
    }

    @Test
    void riffOtherThanWaveIsNamed() {
        byte[] avi = "RIFF\0\0\0\0AVI LIST".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> AudioFormatDetector.detect(avi)).hasMessageContaining("not WAVE");
    }

    @Test
    void audioDataOfDetects() {
        assertThat(AudioData.of(fixture("flac-16k-mono.flac")).format().container()).isEqualTo(Container.FLAC);
    }
}
