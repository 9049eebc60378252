package io.debabelizer.benchmarks.local;

import io.debabelizer.audio.AudioData;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.TtsProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Many consecutive calls of a native engine in one JVM, with the resident set size ({@code VmRSS} from
 * {@code /proc/self/status}) recorded every 100 calls: PocketSphinx transcribing a short clip, and Flite
 * synthesising a sentence. Run it with a fixed, pre-touched heap ({@code -Xms256m -Xmx256m -XX:+AlwaysPreTouch}) so
 * that heap churn does not show in the RSS and what grows is native memory (or metaspace and code cache, which settle
 * after warm-up). Growth is reported from call 100 (after warm-up) to the last call.
 *
 * <p>Usage: {@code NativeMemorySoak SPEECH_DIR [CALLS] [CLIP_SECONDS]} (default 1000 calls, the first 1.0 s of
 * {@code librivox-0880.wav}).
 */
public final class NativeMemorySoak {

    private static final int EVERY = 100;

    public static void main(String[] args) {
        Path speech = Path.of(args[0]);
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        double clipSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        AudioData file = SpeechFiles.in(speech).clips().stream()
                .filter(c -> c.name().equals("librivox-0880.wav")).findFirst().orElseThrow().pcm();
        int bytes = (int) Math.min(file.size(), Math.round(clipSeconds * 16_000) * 2);
        AudioData clip = AudioData.of(SpeechFiles.format(), Arrays.copyOf(file.bytes(), bytes));
        System.out.printf(Locale.ROOT, "## Native memory over %d consecutive calls (max heap %d MiB)%n", calls,
                Runtime.getRuntime().maxMemory() >> 20);

        // -Dsoak.engines=whisper,flite runs only those
        java.util.Set<String> only = java.util.Set.of(System.getProperty("soak.engines", "pocketsphinx,whisper,flite")
                .split(","));
        if (only.contains("pocketsphinx")) Engines.stt("pocketsphinx", Map.of()).ifPresent(stt -> {
            try (SttProvider p = stt) {
                String text = p.transcribe(TranscriptionRequest.builder(clip).build()).text();
                soak(String.format(Locale.ROOT, "pocketsphinx, %.1f s clip (\"%s\")", bytes / 32_000.0, text), calls,
                        () -> p.transcribe(TranscriptionRequest.builder(clip).build()));
            }
        });
        // whisper.cpp through our FFM binding, with word (token) timestamps on: every call allocates a decoding
        // state's worth of buffers in whisper.cpp (kept in the provider's pool) and per-call native arenas
        String whisperModel = System.getProperty("whisper.model", "../shared/models/for-tests-ggml-tiny.en.bin");
        if (only.contains("whisper")) Engines.stt("whisper", Map.of("model_path", whisperModel, "threads", "2", "word_timestamps", "true"))
                .ifPresent(stt -> {
                    try (SttProvider p = stt) {
                        TranscriptionRequest request = TranscriptionRequest.builder(clip).wordTimestamps(true).build();
                        p.transcribe(request);
                        soak(String.format(Locale.ROOT, "whisper (FFM, %s), %.1f s clip", Path.of(whisperModel)
                                .getFileName(), bytes / 32_000.0), calls, () -> p.transcribe(request));
                    }
                });
        if (only.contains("flite")) Engines.tts("flite").ifPresent(tts -> {
            try (TtsProvider p = tts) {
                SynthesisRequest request = SynthesisRequest.builder("Please call Stella.").build();
                soak("flite, \"Please call Stella.\"", calls, () -> p.synthesize(request));
            }
        });
    }

    private static void soak(String what, int calls, Runnable call) {
        System.out.println("### " + what);
        System.out.println("| calls | VmRSS (MiB) | heap used (MiB) | wall for last 100 (s) |");
        System.out.println("|---|---|---|---|");
        long[] rss = new long[calls / EVERY + 1];
        rss[0] = rssKiB();
        System.out.printf(Locale.ROOT, "| 0 | %.1f | %.1f | |%n", rss[0] / 1024.0, heapUsedMiB());
        long t0 = System.nanoTime();
        for (int i = 1; i <= calls; i++) {
            call.run();
            if (i % EVERY == 0) {
                rss[i / EVERY] = rssKiB();
                System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.2f |%n", i, rss[i / EVERY] / 1024.0,
                        heapUsedMiB(), Stats.seconds(System.nanoTime() - t0));
                t0 = System.nanoTime();
            }
        }
        int last = calls / EVERY;
        if (last >= 2) {
            long growth = rss[last] - rss[1];
            System.out.printf(Locale.ROOT, "# RSS growth after warm-up (call %d to %d): %+.1f MiB (%+.1f KiB per call)%n",
                    EVERY, last * EVERY, growth / 1024.0, growth / (double) ((last - 1) * EVERY));
        }
    }

    private static long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            throw new IllegalStateException("no VmRSS in /proc/self/status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double heapUsedMiB() {
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / 1048576.0;
    }
}
