package io.debabelizer.cli;

/** The process exit codes of {@code debabelizer}. */
public final class ExitCode {

    public static final int OK = 0;
    /** Anything that went wrong after the command line was understood: files, providers, audio, configuration. */
    public static final int FAILURE = 1;
    /** The command line itself is wrong: unknown option, bad value, missing argument. */
    public static final int USAGE = 2;
    /** Interrupted by Ctrl-C (128 + SIGINT), as shells report it. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
