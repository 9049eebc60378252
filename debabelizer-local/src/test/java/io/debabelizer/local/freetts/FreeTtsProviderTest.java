package io.debabelizer.local.freetts;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.local.MapConfig;
import io.debabelizer.local.Pcm16;
import io.debabelizer.tts.AudioChunk;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.TtsProvider;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FreeTtsProviderTest {

    @Test
    void synthesizesAWavWithSpeechAndStreams() throws Exception {
        try (TtsProvider tts = new FreeTtsProviderFactory().createTts(MapConfig.empty("freetts").context())) {
            Synthesis s = tts.synthesize(SynthesisRequest.builder("Please call Stella.").build());
            assertThat(s.format()).isEqualTo(AudioFormat.wav16(16_000, 1));
            assertThat(s.voice()).isEqualTo("kevin16");
            assertThat(s.durationSeconds()).isBetween(0.5, 3.0);
            byte[] wav = s.audio().bytes();
            assertThat(new String(wav, 0, 4)).isEqualTo("RIFF");
            short[] samples = Pcm16.toSamples(wav, 44, wav.length - 44);
            assertThat(java.util.stream.IntStream.range(0, samples.length).map(i -> Math.abs(samples[i])).max()
                    .orElse(0)).isGreaterThan(1000);
            assertThat(s.format().container()).isEqualTo(Container.WAV);

            try (SynthesisStream stream = tts.synthesizeStream(
                    SynthesisRequest.builder("One sentence here. And another one.").build())) {
                int audioChunks = 0;
                AudioChunk c;
                while (!(c = stream.nextChunk()).last()) {
                    audioChunks += c.data().length > 0 ? 1 : 0;
                }
                assertThat(audioChunks).isEqualTo(2);
            }
        }
    }
}
