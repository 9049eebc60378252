package io.debabelizer.cli;

import ch.qos.logback.classic.Level;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** {@code debabelizer}: parses the command line, runs the command, and turns failures into one line and an exit code. */
public final class Main {

    private final Io io;
    private final ProcessorFactory factory;

    public Main(Io io, ProcessorFactory factory) {
        this.io = io;
        this.factory = factory;
    }

    public static void main(String[] args) {
        Io io = Io.system();
        int code = new Main(io, ProcessorFactory.standard()).run(args);
        io.out().flush();
        io.err().flush();
        System.exit(code);
    }

    /** Runs one command line and returns the exit code; never throws. */
    public int run(String... args) {
        DebabelizerCommand root = new DebabelizerCommand(io, factory);
        CommandLine cmd = commandLine(root);
        return cmd.execute(args);
    }

    CommandLine commandLine(DebabelizerCommand root) {
        CommandLine cmd = new CommandLine(root);
        LowerCaseEnumConverter.register(cmd, io.debabelizer.cli.format.TranscriptFormat.class);
        LowerCaseEnumConverter.register(cmd, io.debabelizer.cli.format.ListFormat.class);
        LowerCaseEnumConverter.register(cmd, SynthesisFormat.class);
        cmd.setOut(new PrintWriter(io.out(), true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(io.err(), true, StandardCharsets.UTF_8));
        cmd.setExecutionStrategy(parseResult -> {
            root.applyGlobalOptions(parseResult);
            if (root.debug()) {
                enableDebugLogging();
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println("debabelizer: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("hint: see '" + failed.getCommandSpec().qualifiedName() + " --help'");
            if (root.debug() || java.util.Arrays.asList(args).contains("--debug")) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCode.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, failed, parseResult) -> report(root, ex));
        return cmd;
    }

    /** One line, an optional hint, and the stack trace only with {@code --debug}. */
    int report(DebabelizerCommand root, Exception ex) {
        Failure failure = Failure.of(ex);
        root.progress().clearStatus();
        PrintWriter err = new PrintWriter(io.err(), false, StandardCharsets.UTF_8);
        err.println("debabelizer: " + failure.message());
        if (failure.hint() != null) {
            err.println("hint: " + failure.hint());
        }
        if (root.debug()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return failure.exitCode();
    }

    private static void enableDebugLogging() {
        Logger rootLogger = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (rootLogger instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(Level.DEBUG);
        }
        LoggerFactory.getLogger(Main.class).debug("debug logging on");
    }
}
