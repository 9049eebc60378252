package io.debabelizer.local.pocketsphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.debabelizer.audio.AudioFormat;
import io.debabelizer.local.MapConfig;
import io.debabelizer.local.SpeechSamples;
import io.debabelizer.local.Wer;
import io.debabelizer.local.stt.StreamChecks;
import io.debabelizer.spi.Availability;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PocketSphinxStreamTest {

    @Test
    void streamsJfkInTwentyMillisecondChunks() {
        PocketSphinxProviderFactory factory = new PocketSphinxProviderFactory();
        Availability a = factory.availability(MapConfig.empty("pocketsphinx"));
        if (!a.available()) {
            System.out.println("PocketSphinx streaming test skipped: " + a.reason());
        }
        assumeTrue(a.available(), () -> "skipped: " + a.reason());

        try (SttProvider stt = factory.createStt(MapConfig.empty("pocketsphinx").context())) {
            SpeechStream stream = stt.openStream(StreamRequest.builder(AudioFormat.pcm16(16_000, 1)).build());
            List<StreamEvent> events = StreamChecks.sendAndCollect(stream, SpeechSamples.pcmBytes("jfk.wav"), 640);

            events.forEach(e -> System.out.println("jfk stream: " + e));
            StreamChecks.assertOrderAndTimes(events);
            assertThat(events.stream().map(e -> e.getClass().getSimpleName()).distinct())
                    .containsSubsequence("SpeechStarted", "Interim", "Final", "UtteranceEnd", "Closed");
            String finals = events.stream().filter(StreamEvent.Final.class::isInstance)
                    .map(e -> ((StreamEvent.Final) e).text()).collect(Collectors.joining(" "));
            double wer = Wer.of(SpeechSamples.references().get("jfk.wav"), finals);
            System.out.printf("pocketsphinx streaming jfk.wav: WER %.1f%% \"%s\"%n", wer * 100, finals);
            assertThat(wer).isLessThanOrEqualTo(0.35);
        }
    }
}
