package io.debabelizer.cli;

import io.debabelizer.VoiceProcessor;
import io.debabelizer.cli.format.ListFormat;
import io.debabelizer.cli.format.ProvidersWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "providers", mixinStandardHelpOptions = true,
        description = "List the providers found, what they can do, and whether they are usable (and if not, why).")
final class ProvidersCommand implements Callable<Integer> {

    @ParentCommand
    private DebabelizerCommand root;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "${COMPLETION-CANDIDATES}.")
    ListFormat format;

    @Override
    public Integer call() {
        try (VoiceProcessor processor = root.processor()) {
            root.io().out().print(ProvidersWriter.render(processor.providers(), format));
            root.io().out().flush();
        }
        return ExitCode.OK;
    }
}
