package io.debabelizer.local.sphinx4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.local.MapConfig;
import io.debabelizer.local.Pcm16;
import io.debabelizer.local.SpeechSamples;
import io.debabelizer.local.TestAudio;
import io.debabelizer.local.Wer;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Word;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sphinx4 is slow (several times real time on these cores): short clips only. */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class Sphinx4ProviderTest {

    private static SttProvider provider;

    @BeforeAll
    static void createProvider() {
        Sphinx4ProviderFactory factory = new Sphinx4ProviderFactory();
        assertThat(factory.availability(MapConfig.empty("sphinx4")).available()).isTrue();
        provider = factory.createStt(MapConfig.empty("sphinx4").context());
    }

    @AfterAll
    static void closeProvider() {
        provider.close();
    }

    private static Transcript transcribe(short[] samples) {
        return provider.transcribe(TranscriptionRequest.builder(
                AudioData.of(AudioFormat.pcm16(16_000, 1), Pcm16.toBytes(samples))).build());
    }

    @Test
    void transcribesAShortClipWithWordTimes() {
        String file = "librivox-0880.wav";
        Transcript t = transcribe(SpeechSamples.samples(file));
        double wer = Wer.of(SpeechSamples.references().get(file), t.text());
        System.out.printf("sphinx4 %s: WER %.1f%% \"%s\"%n", file, wer * 100, t.text());

        assertThat(wer).isLessThanOrEqualTo(0.6);
        double previousStart = 0;
        for (Word w : t.words()) {
            assertThat(w.start()).isGreaterThanOrEqualTo(previousStart);
            assertThat(w.end()).isLessThanOrEqualTo(t.durationSeconds() + 0.05);
            previousStart = w.start();
        }
    }

    @Test
    void digitalSilenceAndTinyInputsDoNotCrash() {
        assertThat(transcribe(TestAudio.silence(2)).text()).isEmpty();
        assertThat(transcribe(TestAudio.silence(0.01)).text()).isNotNull();
        assertThatThrownBy(() -> transcribe(new short[0])).isInstanceOf(InvalidInputException.class);
    }
}
