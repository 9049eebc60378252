package io.debabelizer.cli;

import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.VoiceProcessor;
import io.debabelizer.cli.eval.EvalReport;
import io.debabelizer.cli.eval.Evaluator;
import io.debabelizer.cli.eval.Manifest;
import io.debabelizer.cli.format.EvalWriter;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ProviderStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure word error rate and real-time factor of STT providers on your own recordings.",
            "MANIFEST is a TSV file with a header line naming the columns 'file' and 'reference' "
                + "(paths relative to the manifest)."})
final class EvalCommand implements Callable<Integer> {

    @ParentCommand
    private DebabelizerCommand root;

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "TSV manifest of recordings and references.")
    Path manifest;

    @Option(names = "--provider", paramLabel = "NAME",
            description = "Provider to evaluate; repeat for several (default: every available STT provider).")
    List<String> providers = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "${COMPLETION-CANDIDATES}.")
    EvalWriter.Format format;

    @Override
    public Integer call() {
        Manifest entries = Manifest.read(manifest);
        try (VoiceProcessor processor = root.processor()) {
            List<String> names = providers.isEmpty() ? availableSttProviders(processor) : providers;
            Evaluator evaluator = new Evaluator(processor, root.progress()::info);
            List<EvalReport> reports = new ArrayList<>();
            for (String name : names) {
                reports.add(evaluator.evaluate(entries, name.toLowerCase(Locale.ROOT)));
            }
            root.io().out().print(EvalWriter.render(reports, format));
            root.io().out().flush();
            boolean everythingFailed = reports.stream().allMatch(r -> r.failures() == r.files().size());
            return everythingFailed ? ExitCode.FAILURE : ExitCode.OK;
        }
    }

    private static List<String> availableSttProviders(VoiceProcessor processor) {
        List<String> names = processor.providers().stream()
                .filter(ProviderStatus::available)
                .filter(p -> p.descriptor().supports(Capability.STT))
                .map(ProviderStatus::name)
                .toList();
        if (names.isEmpty()) {
            throw new ProviderUnavailableException("no speech-to-text provider is available to evaluate");
        }
        return names;
    }
}
