package io.debabelizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.AuthenticationException;
import io.debabelizer.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: parsing, exit codes and the shape of error output, with a scripted factory. */
class MainTest {

    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private final List<Path> configFilesSeen = new ArrayList<>();

    /** --debug lowers the process-wide log level; put it back for the tests that follow in this JVM. */
    @org.junit.jupiter.api.AfterEach
    void restoreLogLevel() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    private Result run(ProcessorFactory factory, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false,
                Map.of());
        int code = new Main(io, factory).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result run(String... args) {
        return run(failingWith(new IllegalStateException("the processor must not be needed here")), "", args);
    }

    private ProcessorFactory failingWith(RuntimeException e) {
        return (env, configFile) -> {
            configFilesSeen.add(configFile);
            throw e;
        };
    }

    private static Path wav(Path dir) throws Exception {
        Path file = dir.resolve("a.wav");
        Files.write(file, new byte[64]);
        return file;
    }

    @Test
    void unknownOptionIsAUsageError() {
        Result r = run("transcribe", "--no-such-option", "a.wav");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines().getFirst()).isEqualTo("debabelizer: Unknown option: '--no-such-option'");
        assertThat(r.err()).contains("hint: see 'debabelizer transcribe --help'").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingFileArgumentIsAUsageError() {
        Result r = run("transcribe");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines().getFirst()).startsWith("debabelizer: Missing required parameter").contains("FILE");
    }

    @Test
    void badEnumValueIsAUsageErrorListingTheChoices() {
        Result r = run("transcribe", "--format", "xml", "a.wav");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines().getFirst()).startsWith("debabelizer: Invalid value for option '--format'")
                .contains("text, json, srt, vtt");
    }

    @Test
    void formatValuesAreCaseInsensitive(@TempDir Path dir) throws Exception {
        Result r = run(failingWith(new ConfigurationException("x")), "", "transcribe", "--format", "SRT",
                wav(dir).toString());

        assertThat(r.code()).isNotEqualTo(2);
    }

    @Test
    void unknownSubcommandAndNoSubcommandAreUsageErrors() {
        assertThat(run("transcrib", "a.wav").code()).isEqualTo(2);
        assertThat(run("transcrib", "a.wav").err()).contains("Did you mean").contains("transcribe");
        Result none = run();
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("Usage: debabelizer").contains("transcribe").contains("providers");
    }

    @Test
    void missingInputFileIsAFailureNotAUsageError() {
        Result r = run("transcribe", "/definitely/not/here.wav");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("debabelizer: file not found: /definitely/not/here.wav");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void directoryIsNotAnAudioFile(@TempDir Path dir) {
        Result r = run("stream", dir.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("debabelizer: not a file: " + dir);
    }

    @Test
    void providerErrorIsOneLineWithHintAndNoStackTrace() {
        Result r = run(failingWith(new AuthenticationException("invalid API key", "deepgram", "req-7", null)), "",
                "providers");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(
                "debabelizer: authentication failed: deepgram: invalid API key (request id req-7)",
                "hint: check DEEPGRAM_API_KEY (or providers.deepgram.api_key in the config file)");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void debugAddsTheStackTraceWhereverTheFlagIsGiven() {
        ProcessorFactory factory = failingWith(new ConfigurationException("bad value for optimize_for"));

        Result before = run(factory, "", "--debug", "config");
        Result after = run(factory, "", "config", "--debug");

        for (Result r : List.of(before, after)) {
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.errLines().getFirst()).isEqualTo("debabelizer: configuration error: bad value for optimize_for");
            assertThat(r.err()).contains("io.debabelizer.ConfigurationException: bad value for optimize_for")
                    .contains("\tat ");
        }
    }

    @Test
    void unexpectedExceptionsAreReportedAsInternalErrors() {
        Result r = run(failingWith(new NullPointerException("oops")), "", "voices");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("debabelizer: internal error: NullPointerException: oops",
                "hint: rerun with --debug to see the stack trace");
    }

    @Test
    void configOptionReachesTheFactoryBeforeOrAfterTheSubcommand() {
        run(failingWith(new ConfigurationException("x")), "", "--config", "a.toml", "providers");
        run(failingWith(new ConfigurationException("x")), "", "providers", "--config", "b.toml");

        assertThat(configFilesSeen).containsExactly(Path.of("a.toml"), Path.of("b.toml"));
    }

    @Test
    void synthesizeNeedsAnOutputAndSomeText() {
        assertThat(run("synthesize", "hello").code()).isEqualTo(2);
        assertThat(run("synthesize", "hello").err()).contains("Missing required option: '--output=FILE'");

        Result empty = run(failingWith(new IllegalStateException()), "  \n", "synthesize", "-", "-o", "x.wav");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.errLines().getFirst()).isEqualTo("debabelizer: nothing to synthesize: TEXT is empty");
    }

    @Test
    void synthesizeRejectsNonsenseSpeed() {
        Result r = run("synthesize", "hi", "-o", "x.wav", "--speed", "0");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines().getFirst()).contains("--speed");
    }

    @Test
    void streamRejectsNonsenseChunkLength(@TempDir Path dir) throws Exception {
        Result r = run("stream", "--chunk-ms", "0", wav(dir).toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines().getFirst()).contains("--chunk-ms");
    }

    @Test
    void versionAndHelpSucceed() {
        Result version = run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("debabelizer ");

        Result help = run("transcribe", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--format").contains("text, json, srt, vtt").contains("--diarize");
    }
}
