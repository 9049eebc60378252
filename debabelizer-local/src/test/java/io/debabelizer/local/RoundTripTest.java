package io.debabelizer.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.debabelizer.audio.AudioFormat;
import io.debabelizer.local.flite.FliteProviderFactory;
import io.debabelizer.local.freetts.FreeTtsProviderFactory;
import io.debabelizer.local.pocketsphinx.PocketSphinxProviderFactory;
import io.debabelizer.spi.Availability;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.TtsProvider;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Speech synthesised by a local TTS engine and transcribed by PocketSphinx comes back as the same words. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RoundTripTest {

    static final List<String> SENTENCES = List.of(
            "Please call Stella.",
            "The weather today is sunny and warm.",
            "I would like to order a large pizza.",
            "She opened the door and walked into the room.",
            "We will meet at the station tomorrow morning.");

    @Test
    void fliteToPocketSphinx() {
        double wer = meanWer(new FliteProviderFactory(), "flite");
        assertThat(wer).isLessThanOrEqualTo(0.15);
    }

    @Test
    void freeTtsToPocketSphinx() {
        double wer = meanWer(new FreeTtsProviderFactory(), "freetts");
        assertThat(wer).isLessThanOrEqualTo(0.40);
    }

    private static double meanWer(ProviderFactory ttsFactory, String name) {
        require(ttsFactory, name);
        require(new PocketSphinxProviderFactory(), "pocketsphinx");
        try (TtsProvider tts = ttsFactory.createTts(MapConfig.empty(name).context());
             SttProvider stt = new PocketSphinxProviderFactory().createStt(MapConfig.empty("pocketsphinx").context())) {
            double total = 0;
            for (String sentence : SENTENCES) {
                var audio = tts.synthesize(SynthesisRequest.builder(sentence)
                        .outputFormat(AudioFormat.pcm16(16_000, 1)).build()).audio();
                String heard = stt.transcribe(TranscriptionRequest.builder(audio).build()).text();
                double wer = Wer.of(sentence, heard);
                System.out.printf("%s -> pocketsphinx: WER %.0f%% \"%s\" heard as \"%s\"%n", name, wer * 100,
                        sentence, heard);
                total += wer;
            }
            System.out.printf("%s -> pocketsphinx: mean WER %.1f%%%n", name, total * 100 / SENTENCES.size());
            return total / SENTENCES.size();
        }
    }

    private static void require(ProviderFactory factory, String name) {
        Availability a = factory.availability(MapConfig.empty(name));
        if (!a.available()) {
            System.out.println("round trip skipped: " + a.reason());
        }
        assumeTrue(a.available(), () -> "skipped: " + a.reason());
    }
}
