package io.debabelizer.local.vad;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.local.TestAudio;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EnergyVadTest {

    private static List<VadEvent> run(short[] audio, int chunk) {
        EnergyVad vad = new EnergyVad(VadSettings.DEFAULTS, 16_000);
        List<VadEvent> events = new ArrayList<>();
        for (int i = 0; i < audio.length; i += chunk) {
            events.addAll(vad.accept(audio, i, Math.min(chunk, audio.length - i)));
        }
        return events;
    }

    private static short[] noise(double seconds, int amplitude, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        short[] s = new short[(int) (seconds * 16_000)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) r.nextInt(-amplitude, amplitude + 1);
        }
        return s;
    }

    private static short[] add(short[] a, short[] b) {
        short[] out = new short[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (short) Math.clamp(a[i] + (i < b.length ? b[i] : 0), Short.MIN_VALUE, Short.MAX_VALUE);
        }
        return out;
    }

    @Test
    void findsABurstBetweenSilencesWithPreAndPostRoll() {
        short[] audio = TestAudio.concat(TestAudio.silence(1), TestAudio.tone(1, 300, 0.3), TestAudio.silence(1.5));
        List<VadEvent> events = run(audio, 333);

        assertThat(events).extracting(VadEvent::kind)
                .containsExactly(VadEvent.Kind.SPEECH_START, VadEvent.Kind.SPEECH_END);
        assertThat(events.get(0).sample()).isBetween(16_000L - 3_200 - 320, 16_000L - 3_200 + 320);
        assertThat(events.get(1).sample()).isBetween(32_000L + 2_400 - 320, 32_000L + 2_400 + 640);
    }

    @Test
    void silenceAndSteadyBackgroundNoiseAreNotSpeech() {
        assertThat(run(TestAudio.silence(3), 320)).isEmpty();
        assertThat(run(noise(5, 300, 1), 320)).isEmpty();
    }

    @Test
    void learnsTheNoiseFloorAndStillFindsSpeechAboveIt() {
        short[] background = noise(4, 200, 2);
        short[] burst = TestAudio.concat(TestAudio.silence(1.5), TestAudio.tone(1, 440, 0.2), TestAudio.silence(1.5));
        List<VadEvent> events = run(add(background, burst), 320);
        assertThat(events).extracting(VadEvent::kind)
                .containsExactly(VadEvent.Kind.SPEECH_START, VadEvent.Kind.SPEECH_END);
    }

    @Test
    void shortClicksAndShortPausesDoNotSplitSegments() {
        // a 40 ms click is shorter than the minimum speech duration
        assertThat(run(TestAudio.concat(TestAudio.silence(1), TestAudio.tone(0.04, 1000, 0.8),
                TestAudio.silence(1)), 320)).isEmpty();
        // a 200 ms pause inside speech is shorter than the hangover
        short[] speech = TestAudio.concat(TestAudio.silence(1), TestAudio.tone(0.8, 300, 0.3), TestAudio.silence(0.2),
                TestAudio.tone(0.8, 300, 0.3), TestAudio.silence(1));
        assertThat(run(speech, 320)).hasSize(2);
    }

    @Test
    void clippedFullScaleAudioIsSpeechAndEnds() {
        short[] square = new short[16_000];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 20) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        List<VadEvent> events = run(TestAudio.concat(TestAudio.silence(0.5), square, TestAudio.silence(1)), 160);
        assertThat(events).hasSize(2);
    }

    @Test
    void aSteadySoundThatGoesOnIsLearntAsBackground() {
        // a fan switched on: loud at first, but unchanging, so the segment it opened ends
        List<VadEvent> events = run(TestAudio.concat(TestAudio.silence(1), TestAudio.tone(6, 120, 0.1)), 320);
        assertThat(events).extracting(VadEvent::kind)
                .containsExactly(VadEvent.Kind.SPEECH_START, VadEvent.Kind.SPEECH_END);
    }

    @Test
    void speechWithGapsBetweenWordsStaysOneSegment() {
        List<VadEvent> events = run(TestAudio.concat(TestAudio.silence(1), TestAudio.syllables(8, 300, 0.3),
                TestAudio.silence(1)), 320);
        assertThat(events).extracting(VadEvent::kind)
                .containsExactly(VadEvent.Kind.SPEECH_START, VadEvent.Kind.SPEECH_END);
        assertThat(events.get(1).sample()).isGreaterThan(9 * 16_000L - 3_200);
    }

    @Test
    void startsInsideSpeechWithoutMissingIt() {
        List<VadEvent> events = run(TestAudio.concat(TestAudio.tone(1, 300, 0.3), TestAudio.silence(1)), 320);
        assertThat(events).extracting(VadEvent::kind)
                .containsExactly(VadEvent.Kind.SPEECH_START, VadEvent.Kind.SPEECH_END);
        assertThat(events.get(0).sample()).isZero();
    }
}
