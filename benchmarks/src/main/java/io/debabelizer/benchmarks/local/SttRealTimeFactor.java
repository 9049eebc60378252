package io.debabelizer.benchmarks.local;

import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.TranscriptionRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Real-time factor (wall seconds per second of audio, lower is better) of each local STT engine over a folder of
 * WAV recordings, measured through the provider API as an application calls it, in one warm JVM: the model is loaded
 * and one clip decoded before timing starts; each pass decodes every file once; the median pass is reported.
 *
 * <p>Usage: {@code SttRealTimeFactor SPEECH_DIR WHISPER_MODEL [engine=passes ...]} (default
 * {@code pocketsphinx=3 sphinx4=1 whisper=3}).
 */
public final class SttRealTimeFactor {

    public static void main(String[] args) {
        Path speech = Path.of(args[0]);
        String whisperModel = args[1];
        Map<String, Integer> passes = new LinkedHashMap<>();
        if (args.length > 2) {
            for (int i = 2; i < args.length; i++) {
                String[] kv = args[i].split("=");
                passes.put(kv[0], Integer.parseInt(kv[1]));
            }
        } else {
            passes.put("pocketsphinx", 3);
            passes.put("sphinx4", 1);
            passes.put("whisper", 3);
        }
        SpeechFiles files = SpeechFiles.in(speech);
        System.out.printf("## STT real-time factor: %d files, %.1f s of audio, %d cores%n", files.clips().size(),
                files.totalSeconds(), Runtime.getRuntime().availableProcessors());
        System.out.println("| engine | model load + first decode (s) | passes | RTF median | RTF min | RTF max |");
        System.out.println("|---|---|---|---|---|---|");
        passes.forEach((engine, n) -> measure(engine, n, whisperModel, files));
    }

    private static void measure(String engine, int passes, String whisperModel, SpeechFiles files) {
        Map<String, String> config = engine.equals("whisper")
                ? Map.of("model_path", whisperModel, "threads", Integer.toString(
                        Runtime.getRuntime().availableProcessors()))
                : Map.of();
        long t0 = System.nanoTime();
        Optional<SttProvider> created = Engines.stt(engine, config);
        if (created.isEmpty()) {
            return;
        }
        try (SttProvider stt = created.get()) {
            transcribe(stt, files.clips().getFirst());
            double warmUp = Stats.seconds(System.nanoTime() - t0);
            double[] rtf = new double[passes];
            for (int p = 0; p < passes; p++) {
                long start = System.nanoTime();
                for (SpeechFiles.Clip clip : files.clips()) {
                    transcribe(stt, clip);
                }
                rtf[p] = Stats.seconds(System.nanoTime() - start) / files.totalSeconds();
            }
            System.out.printf("| %s | %.2f | %d | %.3f | %.3f | %.3f |%n", engine, warmUp, passes, Stats.median(rtf),
                    Stats.min(rtf), Stats.max(rtf));
        }
    }

    private static void transcribe(SttProvider stt, SpeechFiles.Clip clip) {
        stt.transcribe(TranscriptionRequest.builder(clip.pcm()).build());
    }
}
