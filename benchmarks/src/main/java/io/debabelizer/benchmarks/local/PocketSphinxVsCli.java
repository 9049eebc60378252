package io.debabelizer.benchmarks.local;

import io.debabelizer.local.Pcm16;
import io.debabelizer.local.pocketsphinx.PocketSphinxEngine;
import io.debabelizer.local.pocketsphinx.PocketSphinxLibrary;
import io.debabelizer.local.pocketsphinx.PocketSphinxModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our PocketSphinx FFM binding against Debian's own {@code pocketsphinx_batch} on the same audio (each recording's
 * samples as headerless 16 kHz PCM), the same model and the same decoder flags ({@link PocketSphinxModel#arguments()}),
 * in alternating repetitions. Both decode each file as one whole utterance ({@code ps_decode_raw} in the tool,
 * {@code ps_process_raw(..., full_utt)} in ours).
 *
 * <p>Our side is the binding itself, {@link PocketSphinxEngine} (the provider adds the cutting of recordings at long
 * pauses, which the tool does not do). Two comparisons: <em>decoding</em> (the tool's own per-utterance wall times
 * from its log, which time exactly {@code ps_decode_raw}, against our {@code recognize()} calls on a warm engine,
 * which add the Java side: copy to native memory, word segments with posteriors) and <em>cold</em> (the tool's whole
 * process against a new engine in this JVM: model load plus decoding; JVM start-up is not counted).
 *
 * <p>Usage: {@code PocketSphinxVsCli SPEECH_DIR [REPETITIONS]}.
 */
public final class PocketSphinxVsCli {

    private static final Pattern UTT_WALL = Pattern.compile(
            "INFO: batch\\.c\\(\\d+\\): (\\S+): ([\\d.]+) seconds speech, ([\\d.]+) seconds CPU, ([\\d.]+) seconds wall");

    public static void main(String[] args) throws Exception {
        SpeechFiles files = SpeechFiles.in(Path.of(args[0]));
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path work = Files.createTempDirectory("psbench");
        List<String> ids = new ArrayList<>();
        for (SpeechFiles.Clip clip : files.clips()) {
            String id = clip.name().replace(".wav", "");
            Files.write(work.resolve(id + ".raw"), clip.pcm().bytes());
            ids.add(id);
        }
        Files.write(work.resolve("files.ctl"), ids);
        List<String> flags = PocketSphinxModel.defaults().arguments();
        List<String> command = cliCommand(flags, work);
        System.out.printf("## PocketSphinx binding vs pocketsphinx_batch: %d files, %.1f s of audio, %d repetitions%n",
                ids.size(), files.totalSeconds(), reps);
        System.out.println("# decoder flags (both): " + String.join(" ", flags.subList(0, flags.size() - 2)));
        System.out.println("# tool: " + String.join(" ", command));

        double[] cliDecode = new double[reps];
        double[] cliProcess = new double[reps];
        double[] oursDecode = new double[reps];
        double[] oursCold = new double[reps];
        List<String> cliText = List.of();
        List<String> oursText = List.of();
        PocketSphinxLibrary library = PocketSphinxLibrary.load()
                .orElseThrow(() -> new IllegalStateException(PocketSphinxLibrary.problem()));
        List<short[]> audio = files.clips().stream()
                .map(c -> Pcm16.toSamples(c.pcm().bytes(), 0, c.pcm().size())).toList();
        try (PocketSphinxEngine warm = new PocketSphinxEngine(library, PocketSphinxModel.defaults(), 1)) {
            decodeAll(warm, audio); // load the model, warm up the JIT
            for (int r = 0; r < reps; r++) {
                boolean cliFirst = r % 2 == 0;
                if (cliFirst) {
                    cliText = runCli(command, work, ids, cliDecode, cliProcess, r);
                }
                oursText = decodeAll(warm, audio);
                oursDecode[r] = lastDecodeSeconds;
                long t0 = System.nanoTime();
                try (PocketSphinxEngine cold = new PocketSphinxEngine(library, PocketSphinxModel.defaults(), 1)) {
                    decodeAll(cold, audio);
                }
                oursCold[r] = Stats.seconds(System.nanoTime() - t0);
                if (!cliFirst) {
                    cliText = runCli(command, work, ids, cliDecode, cliProcess, r);
                }
                System.out.printf(Locale.ROOT, "# rep %d: decode tool %.3f s, ours %.3f s; cold tool %.3f s, ours %.3f s%n",
                        r + 1, cliDecode[r], oursDecode[r], cliProcess[r], oursCold[r]);
            }
        }
        System.out.println("| | pocketsphinx_batch (median s) | our binding (median s) | ours / tool |");
        System.out.println("|---|---|---|---|");
        row("decoding, all files (warm)", cliDecode, oursDecode);
        row("model load + decoding (cold)", cliProcess, oursCold);
        int same = 0;
        for (int i = 0; i < ids.size(); i++) {
            boolean equal = normalise(cliText.get(i)).equals(normalise(oursText.get(i)));
            same += equal ? 1 : 0;
            if (!equal) {
                System.out.printf("# %s differs: tool \"%s\", ours \"%s\"%n", ids.get(i), cliText.get(i),
                        oursText.get(i));
            }
        }
        System.out.printf("# identical transcripts: %d of %d files%n", same, ids.size());
        try (var leftovers = Files.list(work)) {
            for (Path p : leftovers.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(work);
    }

    private static double lastDecodeSeconds;

    private static List<String> decodeAll(PocketSphinxEngine engine, List<short[]> audio) {
        List<String> texts = new ArrayList<>();
        long t0 = System.nanoTime();
        for (short[] samples : audio) {
            texts.add(engine.recognize(samples).text());
        }
        lastDecodeSeconds = Stats.seconds(System.nanoTime() - t0);
        return texts;
    }

    private static List<String> cliCommand(List<String> flags, Path work) {
        List<String> command = new ArrayList<>();
        command.add("pocketsphinx_batch");
        command.addAll(flags.subList(0, flags.size() - 2)); // all but "-logfn /dev/null": we read the tool's log
        command.addAll(List.of("-adcin", "yes", "-cepdir", work.toString(), "-cepext", ".raw",
                "-ctl", work.resolve("files.ctl").toString(), "-hyp", work.resolve("hyp.txt").toString(),
                "-logfn", work.resolve("log.txt").toString()));
        if (!flags.get(flags.size() - 2).equals("-logfn")) {
            throw new IllegalStateException("expected -logfn last in " + flags);
        }
        return command;
    }

    private static List<String> runCli(List<String> command, Path work, List<String> ids, double[] decode,
                                       double[] process, int r) throws IOException, InterruptedException {
        Files.deleteIfExists(work.resolve("log.txt")); // the tool appends to its log
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int rc = p.waitFor();
        process[r] = Stats.seconds(System.nanoTime() - t0);
        if (rc != 0) {
            throw new IllegalStateException("pocketsphinx_batch failed (" + rc + "), see " + work.resolve("log.txt"));
        }
        double sum = 0;
        int utterances = 0;
        for (String line : Files.readAllLines(work.resolve("log.txt"))) {
            Matcher m = UTT_WALL.matcher(line);
            if (m.find()) {
                sum += Double.parseDouble(m.group(4));
                utterances++;
            }
        }
        if (utterances != ids.size()) {
            throw new IllegalStateException("pocketsphinx_batch timed " + utterances + " of " + ids.size()
                    + " utterances, see " + work.resolve("log.txt"));
        }
        decode[r] = sum;
        List<String> hyps = new ArrayList<>();
        for (String line : Files.readAllLines(work.resolve("hyp.txt"))) {
            int paren = line.lastIndexOf(" (");
            hyps.add(paren >= 0 ? line.substring(0, paren) : line);
        }
        return hyps;
    }

    /** Fillers and alternate-pronunciation marks removed, as our binding reports words. */
    private static String normalise(String text) {
        return text.replaceAll("<[^>]*>|\\[[^]]*]", " ").replaceAll("\\(\\d+\\)", "").trim().replaceAll("\\s+", " ");
    }

    private static void row(String what, double[] tool, double[] ours) {
        double t = Stats.median(tool);
        double o = Stats.median(ours);
        System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f (%+.1f%%) |%n", what, t, o, o / t,
                (o / t - 1) * 100);
    }
}
