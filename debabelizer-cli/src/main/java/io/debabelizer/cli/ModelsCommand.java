package io.debabelizer.cli;

import io.debabelizer.InvalidInputException;
import io.debabelizer.config.ConfigLoader;
import io.debabelizer.whisper.models.DownloadListener;
import io.debabelizer.whisper.models.ModelInfo;
import io.debabelizer.whisper.models.WhisperModels;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** `debabelizer models list|pull|rm`: the local Whisper model cache. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Manage the local Whisper models (cache folder: DEBABELIZER_MODELS_DIR or ~/.cache/debabelizer/models).",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Pull.class, ModelsCommand.Remove.class})
final class ModelsCommand implements Callable<Integer> {

    @ParentCommand
    DebabelizerCommand root;

    @Override
    public Integer call() {
        return new ListModels(this).call();
    }

    WhisperModels models() {
        var config = ConfigLoader.load(root.io().env(), root.configFile).provider("whisper");
        return WhisperModels.from(config, root.io().env());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Known models, and which are installed.")
    static final class ListModels implements Callable<Integer> {

        @ParentCommand
        private ModelsCommand models;

        ListModels() {
        }

        ListModels(ModelsCommand models) {
            this.models = models;
        }

        @Override
        public Integer call() {
            WhisperModels cache = models.models();
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%-16s %9s  %-10s %s%n", "MODEL", "SIZE", "STATUS", "LANGUAGES"));
            for (ModelInfo m : cache.list()) {
                String status = m.installed() ? "installed" : m.partialBytes() > 0
                        ? "partial " + percent(m.partialBytes(), m.sizeBytes()) : "-";
                out.append(String.format(Locale.ROOT, "%-16s %9s  %-10s %s%n", m.name(), megabytes(m.sizeBytes()),
                        status, m.multilingual() ? "multilingual" : "english"));
            }
            out.append("models folder: ").append(cache.modelsDir()).append(System.lineSeparator());
            models.root.io().out().print(out);
            models.root.io().out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = "Download a model (resumes a partial download; verified against its published checksum).")
    static final class Pull implements Callable<Integer> {

        @ParentCommand
        private ModelsCommand models;

        @Parameters(index = "0", paramLabel = "NAME", description = "Model name, e.g. base, base.en, large-v3-turbo.")
        String name;

        @Override
        public Integer call() {
            Progress progress = models.root.progress();
            WhisperModels cache = models.models();
            progress.info("downloading " + name + " from " + cache.downloadUrl(name));
            Path file = cache.pull(name, new ProgressBar(progress, name));
            progress.clearStatus();
            progress.result(file.toString());
            return ExitCode.OK;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete an installed model.")
    static final class Remove implements Callable<Integer> {

        @ParentCommand
        private ModelsCommand models;

        @Parameters(index = "0", paramLabel = "NAME", description = "Model name.")
        String name;

        @Override
        public Integer call() {
            if (!models.models().remove(name)) {
                throw new InvalidInputException("model " + name + " is not installed");
            }
            models.root.progress().info("removed " + name);
            return ExitCode.OK;
        }
    }

    /** Redraws a status line on a terminal; elsewhere prints a line every 10%. */
    private record ProgressBar(Progress progress, String name, int[] lastDecile) implements DownloadListener {

        ProgressBar(Progress progress, String name) {
            this(progress, name, new int[] {-1});
        }

        @Override
        public void progress(long bytesSoFar, long totalBytes) {
            String text = name + ": " + megabytes(bytesSoFar)
                    + (totalBytes > 0 ? " / " + megabytes(totalBytes) + " (" + percent(bytesSoFar, totalBytes) + ")" : "");
            if (progress.terminal()) {
                progress.status(text);
                return;
            }
            int decile = totalBytes > 0 ? (int) (bytesSoFar * 10 / totalBytes) : -1;
            if (decile > lastDecile[0]) {
                lastDecile[0] = decile;
                progress.info(text);
            }
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    private static String percent(long part, long whole) {
        return whole <= 0 ? "?" : String.format(Locale.ROOT, "%d%%", part * 100 / whole);
    }
}
