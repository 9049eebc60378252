package io.debabelizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code debabelizer-cli.jar} as a user would, in a working folder of the test's, with an
 * environment that holds only what the test sets: no keys, preferences or provider variables of the machine that
 * runs the build (those named by {@code scrubbedPrefixes}, every {@code DEBABELIZER_*} and {@code *_API_KEY}).
 */
final class PackagedCli {

    static final Path JAR = Path.of(System.getProperty("debabelizer.cli.jar", "target/debabelizer-cli.jar"))
            .toAbsolutePath();

    record Result(int code, String out, String err) {
    }

    private final Path work;
    private final List<String> scrubbedPrefixes;

    PackagedCli(Path work, String... scrubbedPrefixes) {
        assertThat(JAR).as("the CLI jar; run the integration-test phase (./mvnw verify)").isRegularFile();
        this.work = work;
        this.scrubbedPrefixes = List.of(scrubbedPrefixes);
    }

    Result run(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> environment = pb.environment();
        environment.keySet().removeIf(k -> k.startsWith("DEBABELIZER_") || k.endsWith("_API_KEY")
                || scrubbedPrefixes.stream().anyMatch(k::startsWith));
        environment.put("HOME", work.toString());
        environment.put("XDG_CONFIG_HOME", work.resolve(".config").toString());
        environment.putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("debabelizer " + cmd + " did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
