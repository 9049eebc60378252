package io.debabelizer.cli;

import io.debabelizer.VoiceProcessor;
import io.debabelizer.cli.format.ConfigWriter;
import io.debabelizer.cli.format.ListFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the effective configuration and where each value comes from; secrets are redacted.")
final class ConfigCommand implements Callable<Integer> {

    @ParentCommand
    private DebabelizerCommand root;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "${COMPLETION-CANDIDATES}.")
    ListFormat format;

    @Override
    public Integer call() {
        try (VoiceProcessor processor = root.processor()) {
            root.io().out().print(ConfigWriter.render(processor.config().toRedactedMap(), format));
            root.io().out().flush();
        }
        return ExitCode.OK;
    }
}
