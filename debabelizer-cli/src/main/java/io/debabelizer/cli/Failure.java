package io.debabelizer.cli;

import io.debabelizer.AuthenticationException;
import io.debabelizer.ConfigurationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.StreamClosedException;
import io.debabelizer.UnsupportedCapabilityException;
import io.debabelizer.UnsupportedFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

/**
 * What the user is told when a command fails: one line, an optional hint, and the exit code. Messages come from the
 * exceptions, which by contract contain no secrets.
 *
 * @param message  the text after {@code debabelizer: }
 * @param hint     what to do about it, or {@code null}
 * @param exitCode process exit code
 */
public record Failure(String message, String hint, int exitCode) {

    private static final String DEBUG_HINT = "rerun with --debug to see the stack trace";

    /** A user-facing failure raised by the CLI itself (e.g. an input file that does not exist). */
    public static final class CliException extends RuntimeException {
        private final String hint;

        public CliException(String message, String hint) {
            super(message);
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    /** Maps any throwable from a command to what the user sees. */
    public static Failure of(Throwable error) {
        Throwable e = unwrap(error);
        return switch (e) {
            case CliException c -> new Failure(c.getMessage(), c.hint(), ExitCode.FAILURE);
            case DebabelizerException d -> ofDebabelizer(d);
            case NoSuchFileException n -> new Failure("file not found: " + n.getFile(), null, ExitCode.FAILURE);
            case AccessDeniedException a -> new Failure("permission denied: " + a.getFile(), null, ExitCode.FAILURE);
            case IOException io -> new Failure("I/O error: " + describe(io), null, ExitCode.FAILURE);
            case InterruptedException i -> new Failure("interrupted", null, ExitCode.INTERRUPTED);
            case UnsupportedOperationException u -> new Failure("not available yet: " + describe(u), DEBUG_HINT,
                    ExitCode.FAILURE);
            default -> new Failure("internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), DEBUG_HINT, ExitCode.FAILURE);
        };
    }

    private static Failure ofDebabelizer(DebabelizerException e) {
        String msg = e.getMessage();
        String provider = e.provider().orElse(null);
        return switch (e) {
            case ConfigurationException c -> new Failure("configuration error: " + msg,
                    "'debabelizer config' shows the effective configuration and where each value comes from",
                    ExitCode.FAILURE);
            case AuthenticationException a -> new Failure("authentication failed: " + msg,
                    provider == null ? "check the provider's API key"
                            : "check " + envKey(provider) + " (or providers." + provider + ".api_key in the config file)",
                    ExitCode.FAILURE);
            case RateLimitedException r -> new Failure("rate limited: " + msg
                    + r.retryAfter().map(d -> " (retry after " + seconds(d) + ")").orElse(""),
                    "wait and retry, or pick another provider with --provider", ExitCode.FAILURE);
            case UnsupportedFormatException f -> new Failure("unsupported audio format: " + msg,
                    provider == null
                            // Our own reading of the input failed: say what can be read and how to get there.
                            ? "readable input: WAV, MP3, FLAC, Ogg (Opus/Vorbis), WebM/Opus, and 8 kHz G.711 as .ulaw/.alaw "
                                    + "files; convert other audio, "
                                    + "e.g. ffmpeg -i input.xyz -ar 16000 -ac 1 output.wav"
                            // The provider does not take or produce this format.
                            : "'debabelizer providers' shows what each provider supports; 16-bit PCM WAV works "
                                    + "everywhere", ExitCode.FAILURE);
            case UnsupportedCapabilityException u -> new Failure("not supported: " + msg,
                    "'debabelizer providers' lists what each provider can do", ExitCode.FAILURE);
            case InvalidInputException i -> new Failure("invalid input: " + msg, null, ExitCode.FAILURE);
            case ProviderTimeoutException t -> new Failure("timed out: " + msg,
                    "the provider did not answer in time; retry, or raise request_timeout in the configuration",
                    ExitCode.FAILURE);
            case ProviderUnavailableException u -> new Failure("provider unavailable: " + msg,
                    "'debabelizer providers' shows which providers are available and why not", ExitCode.FAILURE);
            case ProtocolException p -> new Failure("protocol error: " + msg,
                    "the provider answered something unexpected; " + DEBUG_HINT, ExitCode.FAILURE);
            case StreamClosedException s -> new Failure("stream closed: " + msg, null, ExitCode.FAILURE);
            default -> new Failure(msg, null, ExitCode.FAILURE);
        };
    }

    private static String envKey(String provider) {
        return provider.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_API_KEY";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Looks through wrappers that add nothing for the user. */
    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof UncheckedIOException || t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException
                || t instanceof picocli.CommandLine.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
