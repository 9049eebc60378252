package io.debabelizer.benchmarks.local;

import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.TtsProvider;
import io.debabelizer.tts.Voice;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Synthesis speed of the local TTS engines: seconds of audio produced per wall second (higher is better), for every
 * Flite voice and FreeTTS, on a five-sentence paragraph through the provider API (WAV output, as the CLI writes it).
 * One warm-up synthesis per voice, then the median of several.
 *
 * <p>Usage: {@code TtsSpeed [REPETITIONS]}.
 */
public final class TtsSpeed {

    static final String TEXT = "Please call Stella. The weather today is sunny and warm. I would like to order a large "
            + "pizza. She opened the door and walked into the room. We will meet at the station tomorrow morning.";

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf("## TTS speed: %d characters, %d repetitions, %d cores%n", TEXT.length(), reps,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| engine | voice | audio (s) | wall median (s) | audio seconds per second |");
        System.out.println("|---|---|---|---|---|");
        for (String engine : List.of("flite", "freetts")) {
            Optional<TtsProvider> created = Engines.tts(engine);
            if (created.isEmpty()) {
                continue;
            }
            try (TtsProvider tts = created.get()) {
                for (Voice voice : tts.voices()) {
                    measure(engine, tts, voice.id(), reps);
                }
            }
        }
    }

    private static void measure(String engine, TtsProvider tts, String voice, int reps) {
        SynthesisRequest request = SynthesisRequest.builder(TEXT).voice(voice).build();
        double audio = tts.synthesize(request).durationSeconds();
        double[] wall = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            Synthesis s = tts.synthesize(request);
            wall[r] = Stats.seconds(System.nanoTime() - t0);
            audio = s.durationSeconds();
        }
        double median = Stats.median(wall);
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.3f | %.1f |%n", engine, voice, audio, median,
                audio / median);
    }
}
