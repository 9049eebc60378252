package io.debabelizer.local.pocketsphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.local.MapConfig;
import io.debabelizer.local.Pcm16;
import io.debabelizer.local.SpeechSamples;
import io.debabelizer.local.TestAudio;
import io.debabelizer.local.Wer;
import io.debabelizer.spi.Availability;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Word;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PocketSphinxProviderTest {

    private static SttProvider provider;

    @BeforeAll
    static void createProvider() {
        PocketSphinxProviderFactory factory = new PocketSphinxProviderFactory();
        MapConfig config = MapConfig.empty("pocketsphinx");
        Availability availability = factory.availability(config);
        if (!availability.available()) {
            System.out.println("PocketSphinx tests skipped: " + availability.reason());
        }
        assumeTrue(availability.available(), () -> "skipped: " + availability.reason());
        provider = factory.createStt(config.context());
    }

    @AfterAll
    static void closeProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    private static Transcript transcribe(AudioData audio) {
        return provider.transcribe(TranscriptionRequest.builder(audio).build());
    }

    private static Transcript transcribe(short[] samples) {
        return transcribe(AudioData.of(AudioFormat.pcm16(16_000, 1), Pcm16.toBytes(samples)));
    }

    @Test
    void transcribesJfkWithinTheErrorBudgetAndWordTimesInsideTheAudio() {
        Transcript t = transcribe(SpeechSamples.pcm("jfk.wav"));
        double wer = Wer.of(SpeechSamples.references().get("jfk.wav"), t.text());
        System.out.printf("pocketsphinx jfk.wav: WER %.1f%% \"%s\"%n", wer * 100, t.text());

        assertThat(wer).isLessThanOrEqualTo(0.35);
        assertThat(t.provider()).isEqualTo("pocketsphinx");
        assertThat(t.durationSeconds()).isBetween(10.0, 12.0);
        assertThat(t.words()).isNotEmpty();
        assertThat(t.confidence()).isBetween(0.0, 1.0);
        assertThat(t.text()).isEqualTo(String.join(" ", t.words().stream().map(Word::word).toList()));
        double previousEnd = 0;
        for (Word w : t.words()) {
            assertThat(w.start()).isGreaterThanOrEqualTo(previousEnd - 1e-9);
            assertThat(w.end()).isGreaterThanOrEqualTo(w.start()).isLessThanOrEqualTo(t.durationSeconds() + 1e-9);
            assertThat(w.word()).doesNotContain("<", "[", "(");
            previousEnd = w.end();
        }
    }

    @Test
    void transcribesLibrivoxClips() {
        double total = 0;
        List<String> files = List.of("librivox-0870.wav", "librivox-0880.wav", "librivox-0890.wav");
        for (String f : files) {
            Transcript t = transcribe(SpeechSamples.pcm(f));
            double wer = Wer.of(SpeechSamples.references().get(f), t.text());
            System.out.printf("pocketsphinx %s: WER %.1f%% \"%s\"%n", f, wer * 100, t.text());
            total += wer;
        }
        assertThat(total / files.size()).isLessThanOrEqualTo(0.45);
    }

    @Test
    void emptyAudioIsAClearInputError() {
        assertThatThrownBy(() -> transcribe(AudioData.of(AudioFormat.pcm16(16_000, 1), new byte[0])))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
    }

    @Test
    void tenMillisecondsSilenceAndClippingNeitherCrashNorHang() {
        assertThat(transcribe(TestAudio.silence(0.01)).text()).isNotNull();
        assertThat(transcribe(TestAudio.silence(3)).text()).isEmpty();
        Transcript clipped = transcribe(TestAudio.clipped(SpeechSamples.samples("librivox-0880.wav")));
        assertThat(clipped.text()).isNotNull();
        assertThat(transcribe(new short[] {12}).text()).isEmpty();
    }

    @Test
    void servesConcurrentRequestsWithItsDecoderPool() throws Exception {
        short[] clip = SpeechSamples.samples("librivox-0880.wav");
        String alone = transcribe(clip).text();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> results = java.util.stream.IntStream.range(0, 4)
                    .mapToObj(i -> pool.submit(() -> transcribe(clip).text())).toList();
            for (Future<String> f : results) {
                assertThat(f.get()).isEqualTo(alone);
            }
        }
    }

    @Test
    void reportsAMissingModelAsUnavailable() {
        Availability a = new PocketSphinxProviderFactory()
                .availability(new MapConfig("pocketsphinx", java.util.Map.of("model_dir", "/nonexistent")));
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("/nonexistent");
    }
}
