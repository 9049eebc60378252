package io.debabelizer.audio;

import static io.debabelizer.audio.TestAudio.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.debabelizer.UnsupportedFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AudioConverterTest {

    @Test
    void matchingInputIsReturnedAsIs() {
        AudioData pcm = AudioData.of(AudioFormat.pcm16(16000, 1), new byte[320]);
        assertThat(AudioConverter.toPcm16(pcm, 16000, 1)).isSameAs(pcm);
    }

    @Test
    void wavIsUnwrappedWithoutChangingSamples() {
        AudioData wav = AudioData.of(fixture("wav-pcm16-16k-mono.wav"));
        AudioData pcm = AudioConverter.toPcm16(wav, 16000, 1);
        assertThat(pcm.format()).isEqualTo(AudioFormat.pcm16(16000, 1));
        assertThat(pcm.bytes()).isEqualTo(Wav.read(fixture("wav-pcm16-16k-mono.wav")).bytes());
        assertThat(AudioConverter.toMonoSamples(wav, 16000)).hasSize(9600);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wav-pcm8-8k-mono.wav", "wav-pcm24-8k-mono.wav", "wav-float32-8k-mono.wav",
            "wav-mulaw-8k-mono.wav", "wav-alaw-8k-mono.wav", "wav-pcm16-8k-stereo.wav",
            "wav-extensible-pcm24-8k-mono.wav"})
    void everyWavEncodingBecomes16kMono(String name) {
        AudioData pcm = AudioConverter.toPcm16(AudioData.of(fixture(name)), 16000, 1);
        assertThat(pcm.format()).isEqualTo(AudioFormat.pcm16(16000, 1));
        assertThat(pcm.size()).isEqualTo(9600 * 2);
    }

    @Test
    void resamplesDownmixesAndUpmixes() {
        float[] left = TestAudio.tone(1000, 48000, 0.5, 0.5);
        float[] stereo = Pcm.interleave(new float[][] {left, left});
        AudioData input = AudioData.of(new AudioFormat(Container.RAW, Encoding.PCM_FLOAT, 48000, 2, 32),
                Pcm.fromFloat(stereo, new AudioFormat(Container.RAW, Encoding.PCM_FLOAT, 48000, 2, 32)));

        short[] mono = AudioConverter.toMonoSamples(input, 16000);
        assertThat(mono).hasSize(8000);
        assertThat(TestAudio.toneLevelDb(Pcm.toFloat(mono), 16000, 1000)).isCloseTo(20 * Math.log10(0.5), within(0.1));

        AudioData twoChannels = AudioConverter.toPcm16(AudioData.of(AudioFormat.mulaw(8000), new byte[800]), 16000, 2);
        assertThat(twoChannels.format()).isEqualTo(AudioFormat.pcm16(16000, 2));
        assertThat(twoChannels.size()).isEqualTo(1600 * 2 * 2);
    }

    @Test
    void compressedAudioWithoutADecoderNamesTheCodecsModule() {
        AudioData mp3 = AudioData.of(fixture("mp3-16k-mono-id3.mp3"));
        assertThatThrownBy(() -> AudioConverter.toPcm16(mp3, 16000, 1))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("io.debabelizer:debabelizer-codecs");
        assertThatThrownBy(() -> AudioConverter.toMonoSamples(mp3, 16000))
                .isInstanceOf(UnsupportedFormatException.class);
    }

    @Test
    void compressedAudioGoesThroughADecoderFoundWithServiceLoader() {
        short[] samples = AudioConverter.toMonoSamples(AudioData.of(fixture("adts-aac-16k-mono.aac")), 16000);
        assertThat(samples).hasSize(8000);
        assertThat(TestAudio.toneLevelDb(Pcm.toFloat(samples), 16000, 1000)).isCloseTo(20 * Math.log10(0.5),
                within(0.1));
    }

    @Test
    void rawAudioOfUnknownRateIsRejected() {
        AudioData raw = AudioData.of(new AudioFormat(Container.RAW, Encoding.PCM_SIGNED, 0, 1, 16), new byte[4]);
        assertThatThrownBy(() -> AudioConverter.toPcm16(raw, 16000, 1))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("sample rate");
        assertThatThrownBy(() -> AudioConverter.toPcm16(raw, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
