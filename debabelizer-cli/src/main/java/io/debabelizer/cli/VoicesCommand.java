package io.debabelizer.cli;

import io.debabelizer.VoiceProcessor;
import io.debabelizer.cli.format.ListFormat;
import io.debabelizer.cli.format.VoicesWriter;
import io.debabelizer.tts.Voice;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "voices", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List the voices of a text-to-speech provider.")
final class VoicesCommand implements Callable<Integer> {

    @ParentCommand
    private DebabelizerCommand root;

    @Option(names = "--provider", paramLabel = "NAME", description = "Provider (default: the selected TTS provider).")
    String provider;

    @Option(names = "--language", paramLabel = "TAG", description = "Only voices speaking this language (en matches en-GB).")
    String language;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "${COMPLETION-CANDIDATES}.")
    ListFormat format;

    @Override
    public Integer call() {
        try (VoiceProcessor processor = root.processor()) {
            List<Voice> voices = processor.voices(provider).stream()
                    .filter(v -> VoicesWriter.speaks(v, language))
                    .toList();
            root.io().out().print(VoicesWriter.render(voices, format));
            root.io().out().flush();
        }
        return ExitCode.OK;
    }
}
