package io.debabelizer.local.pocketsphinx;

import io.debabelizer.spi.ProviderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the acoustic model, language model and dictionary are. Defaults to Debian's {@code pocketsphinx-en-us};
 * the config keys {@code model_dir}, {@code hmm}, {@code lm} and {@code dict} override it.
 */
public record PocketSphinxModel(Path hmm, Path lm, Path dict) {

    public static final Path DEFAULT_DIR = Path.of("/usr/share/pocketsphinx/model/en-us");

    public static PocketSphinxModel defaults() {
        return in(DEFAULT_DIR);
    }

    /** The standard file names inside one model folder. */
    public static PocketSphinxModel in(Path dir) {
        return new PocketSphinxModel(dir.resolve("en-us"), dir.resolve("en-us.lm.bin"),
                dir.resolve("cmudict-en-us.dict"));
    }

    public static PocketSphinxModel from(ProviderConfig config) {
        PocketSphinxModel base = in(config.string("model_dir").map(Path::of).orElse(DEFAULT_DIR));
        return new PocketSphinxModel(config.string("hmm").map(Path::of).orElse(base.hmm()),
                config.string("lm").map(Path::of).orElse(base.lm()),
                config.string("dict").map(Path::of).orElse(base.dict()));
    }

    /** What is missing, or null when every file is there. */
    public String problem() {
        if (!Files.isDirectory(hmm)) {
            return "pocketsphinx acoustic model not found at " + hmm + hint();
        }
        if (!Files.isReadable(lm)) {
            return "pocketsphinx language model not found at " + lm + hint();
        }
        if (!Files.isReadable(dict)) {
            return "pocketsphinx dictionary not found at " + dict + hint();
        }
        return null;
    }

    private String hint() {
        return hmm.startsWith(DEFAULT_DIR) ? " (apt-get install pocketsphinx-en-us)" : "";
    }

    /**
     * Decoder arguments. Logging is off (C code writes it straight to stderr otherwise). Cepstral mean
     * normalisation is computed per utterance ({@code batch}) rather than carried over from the previous one
     * ({@code live}, the default), so a pooled decoder gives every request the same result a fresh one would.
     * PocketSphinx's own voice-activity filter is off ({@code -remove_silence no}): it drops the frames it takes for
     * silence before decoding, so word times would count only the frames kept and drift earlier after every pause;
     * the provider cuts recordings at pauses itself (see {@code UtteranceSplitter}).
     * Public so that the benchmarks can run Debian's {@code pocketsphinx_batch} with exactly these flags.
     */
    public List<String> arguments() {
        return List.of("-hmm", hmm.toString(), "-lm", lm.toString(), "-dict", dict.toString(),
                "-cmn", "batch", "-remove_silence", "no", "-logfn", "/dev/null");
    }
}
