package io.debabelizer.cli;

import io.debabelizer.VoiceProcessor;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command: global options, and the context (streams, processor factory) its subcommands share. */
@Command(name = "debabelizer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Speech-to-text and text-to-speech across providers, from the command line.",
        subcommands = {TranscribeCommand.class, StreamCommand.class, SynthesizeCommand.class, VoicesCommand.class,
            ProvidersCommand.class, ConfigCommand.class, ModelsCommand.class, EvalCommand.class},
        footer = {"", "Results go to stdout, progress and errors to stderr. Exit codes: 0 ok, 1 failure, 2 usage error."})
public final class DebabelizerCommand implements Callable<Integer> {

    private final Io io;
    private final ProcessorFactory factory;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Configuration file (TOML, YAML or JSON) instead of the default search path.")
    Path configFile;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Log at DEBUG level and print stack traces for errors.")
    boolean debug;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "No progress output on stderr.")
    boolean quiet;

    private Progress progress;

    public DebabelizerCommand(Io io, ProcessorFactory factory) {
        this.io = io;
        this.factory = factory;
    }

    /** Without a subcommand there is nothing to do: show what there is, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /**
     * Global options may be given before or after the subcommand; whichever level matched them, they count.
     */
    void applyGlobalOptions(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
            debug |= level.hasMatchedOption("--debug");
            quiet |= level.hasMatchedOption("--quiet");
            if (level.hasMatchedOption("--config")) {
                configFile = level.matchedOptionValue("--config", configFile);
            }
        }
    }

    Io io() {
        return io;
    }

    boolean debug() {
        return debug;
    }

    synchronized Progress progress() {
        if (progress == null) {
            progress = new Progress(io.out(), io.err(), quiet, io.terminal());
        }
        return progress;
    }

    /** A processor configured from the environment and {@code --config}; the caller closes it. */
    VoiceProcessor processor() {
        return factory.create(io.env(), configFile);
    }
}
