package io.debabelizer.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The process's streams and environment, passed in so commands can run inside tests.
 *
 * @param out      results (text, JSON, audio for {@code -o -})
 * @param err      progress, warnings and errors
 * @param in       text for {@code synthesize -}
 * @param terminal whether a person is watching a terminal (live status lines are drawn only then)
 * @param env      environment variables for configuration
 */
public record Io(PrintStream out, PrintStream err, InputStream in, boolean terminal, Map<String, String> env) {

    /** The real process streams, always UTF-8 (JSON requires it, and pipes have no locale to honour). */
    public static Io system() {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        java.io.Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        return new Io(out, err, System.in, terminal, System.getenv());
    }
}
