package io.debabelizer.local.pocketsphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.debabelizer.local.MapConfig;
import io.debabelizer.local.RobustInputs;
import io.debabelizer.local.SttRobustnessChecks;
import io.debabelizer.spi.Availability;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Awkward inputs through PocketSphinx, including ten minutes in one request (about 15 s on two loaded cores). */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PocketSphinxRobustnessTest extends SttRobustnessChecks {

    private static SttProvider provider;
    private static RobustInputs inputs;

    @BeforeAll
    static void createProvider() {
        PocketSphinxProviderFactory factory = new PocketSphinxProviderFactory();
        Availability availability = factory.availability(MapConfig.empty("pocketsphinx"));
        if (!availability.available()) {
            System.out.println("PocketSphinx robustness tests skipped: " + availability.reason());
        }
        assumeTrue(availability.available(), () -> "skipped: " + availability.reason());
        inputs = new RobustInputs("librivox-0880.wav", 3.0);
        provider = factory.createStt(MapConfig.empty("pocketsphinx").context());
    }

    @AfterAll
    static void closeProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    @Override
    protected SttProvider provider() {
        return provider;
    }

    @Override
    protected RobustInputs inputs() {
        return inputs;
    }

    @Test
    void longRunning_tenMinutesInOneRequestAreTranscribed() {
        Transcript t = transcribe("10 minutes, speech once a minute", inputs.minutesOfSparseSpeech(10));
        assertThat(t.durationSeconds()).isEqualTo(600.0);
        assertThat(t.words()).hasSizeGreaterThanOrEqualTo(10); // ten utterances of the sentence
        assertThat(t.words().getLast().end()).isGreaterThan(540.0);
    }
}
