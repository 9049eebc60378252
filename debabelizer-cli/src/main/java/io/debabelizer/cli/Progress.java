package io.debabelizer.cli;

import java.io.PrintStream;

/**
 * Everything the CLI says on stderr besides errors: progress lines and, on a terminal, one live status line that
 * is redrawn in place. Results printed through {@link #result} clear the status line first, so stdout and stderr
 * never garble each other on a terminal. Thread-safe: the stream command prints from two threads.
 */
public final class Progress {

    private static final String CLEAR_LINE = "\r\033[K";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;
    private final boolean terminal;
    private final int width;
    private String status = "";

    public Progress(PrintStream out, PrintStream err, boolean quiet, boolean terminal) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.terminal = terminal;
        this.width = terminalWidth();
    }

    public boolean terminal() {
        return terminal;
    }

    public boolean quiet() {
        return quiet;
    }

    /** A progress line, unless {@code --quiet}. */
    public synchronized void info(String line) {
        if (quiet) {
            return;
        }
        hideStatus();
        err.println(line);
        showStatus();
    }

    /** A warning: shown even with {@code --quiet}, since it says the result may not be what was asked. */
    public synchronized void warn(String line) {
        hideStatus();
        err.println("debabelizer: warning: " + line);
        showStatus();
    }

    /** A result line on stdout. */
    public synchronized void result(String line) {
        hideStatus();
        out.println(line);
        out.flush();
        showStatus();
    }

    /** Replaces the live status line (terminal only, not with {@code --quiet}). */
    public synchronized void status(String line) {
        if (quiet || !terminal) {
            return;
        }
        String fitted = line.length() > width ? line.substring(0, width - 1) + "…" : line;
        if (fitted.equals(status)) {
            return; // nothing visible changed: spare the terminal 50 redraws a second
        }
        status = fitted;
        err.print(CLEAR_LINE + status);
        err.flush();
    }

    /** Removes the status line for good. */
    public synchronized void clearStatus() {
        hideStatus();
        status = "";
    }

    private void hideStatus() {
        if (!status.isEmpty()) {
            err.print(CLEAR_LINE);
            err.flush();
        }
    }

    private void showStatus() {
        if (!status.isEmpty()) {
            err.print(status);
            err.flush();
        }
    }

    private static int terminalWidth() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100").strip());
            return Math.max(20, columns - 1);
        } catch (NumberFormatException e) {
            return 99;
        }
    }
}
