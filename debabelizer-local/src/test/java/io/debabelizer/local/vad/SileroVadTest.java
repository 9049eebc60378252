package io.debabelizer.local.vad;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.local.SpeechSamples;
import io.debabelizer.local.TestAudio;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SileroVadTest {

    private static final int RATE = 16_000;
    private static SileroModel model;

    /** A speech segment in samples. */
    record Segment(long start, long end) {
        double seconds() {
            return (end - start) / (double) RATE;
        }

        long overlap(Segment o) {
            return Math.max(0, Math.min(end, o.end) - Math.max(start, o.start));
        }

        @Override
        public String toString() {
            return String.format("%.2f-%.2f s", start / (double) RATE, end / (double) RATE);
        }
    }

    @BeforeAll
    static void loadModel() {
        model = SileroTestModel.acquire();
    }

    @AfterAll
    static void releaseModel() {
        if (model != null) {
            model.release();
        }
    }

    private static List<Segment> segments(VoiceActivityDetector vad, short[] audio, int chunk) {
        List<VadEvent> events = new ArrayList<>();
        try (vad) {
            for (int i = 0; i < audio.length; i += chunk) {
                events.addAll(vad.accept(audio, i, Math.min(chunk, audio.length - i)));
            }
        }
        List<Segment> segments = new ArrayList<>();
        long start = -1;
        for (VadEvent e : events) {
            if (e.kind() == VadEvent.Kind.SPEECH_START) {
                assertThat(start).as("start inside speech").isNegative();
                start = e.sample();
            } else {
                assertThat(start).as("end outside speech").isNotNegative();
                assertThat(e.sample()).isGreaterThan(start);
                segments.add(new Segment(start, e.sample()));
                start = -1;
            }
        }
        if (start >= 0) {
            segments.add(new Segment(start, audio.length));
        }
        return segments;
    }

    private static List<Segment> silero(short[] audio, int chunk) {
        return segments(new SileroVad(model, VadSettings.DEFAULTS, RATE), audio, chunk);
    }

    private static long covered(List<Segment> of, List<Segment> by) {
        return of.stream().mapToLong(a -> by.stream().mapToLong(a::overlap).sum()).sum();
    }

    private static long total(List<Segment> segments) {
        return segments.stream().mapToLong(s -> s.end() - s.start()).sum();
    }

    @Test
    void findsTheSpokenPartsOfJfkLikeTheEnergyVad() {
        short[] jfk = SpeechSamples.samples("jfk.wav");
        List<Segment> silero = silero(jfk, 640);
        List<Segment> energy = segments(new EnergyVad(VadSettings.DEFAULTS, RATE), jfk, 640);
        System.out.printf("jfk.wav (%.2f s): silero %s, energy %s%n", jfk.length / (double) RATE, silero, energy);

        assertThat(silero).hasSizeBetween(3, 5); // four phrases
        // Where the energy detector hears speech (it is reliable on this clean recording), Silero does too ...
        assertThat((double) covered(energy, silero)).isGreaterThanOrEqualTo(0.9 * total(energy));
        // ... and it does not call the whole recording speech: the pauses between phrases stay out.
        assertThat(total(silero)).isLessThan(jfk.length * 95L / 100);
        assertThat((double) covered(silero, energy)).isGreaterThanOrEqualTo(0.7 * total(silero));
    }

    @Test
    void chunkSizeDoesNotChangeTheResult() {
        short[] jfk = SpeechSamples.samples("jfk.wav");
        assertThat(silero(jfk, 160)).isEqualTo(silero(jfk, 7_777));
    }

    @Test
    void silenceAndModerateWhiteNoiseAreNotSpeech() {
        assertThat(silero(TestAudio.silence(3), 640)).isEmpty();
        SplittableRandom random = new SplittableRandom(7);
        short[] noise = new short[5 * RATE];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) Math.round(random.nextGaussian() * 1_000); // about -30 dBFS
        }
        List<Segment> segments = silero(noise, 640);
        System.out.println("white noise at -30 dBFS: silero " + segments);
        assertThat(segments).hasSizeLessThanOrEqualTo(1);
        assertThat(total(segments)).isLessThan(RATE);
    }

    @Test
    void aClosedDetectorIgnoresAudioAndGivesItsShareBack() {
        SileroVad vad = new SileroVad(model, VadSettings.DEFAULTS, RATE);
        vad.close();
        vad.close(); // once only
        assertThat(vad.accept(SpeechSamples.samples("jfk.wav"), 0, RATE * 3)).isEmpty();
        // the test's own share still holds the session: a new detector works
        assertThat(silero(SpeechSamples.samples("jfk.wav"), 4_000)).isNotEmpty();
    }

    @Test
    void oneSessionPerModelFile() {
        SileroModel again = SileroModel.acquire(SileroTestModel.path());
        try {
            assertThat(again).isSameAs(model);
        } finally {
            again.release();
        }
    }
}
