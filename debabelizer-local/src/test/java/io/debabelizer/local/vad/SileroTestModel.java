package io.debabelizer.local.vad;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.debabelizer.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Silero VAD model for tests: {@code shared/models/silero_vad.onnx} in the nearest folder above the working
 * directory that has {@code shared/models}. Tests are skipped, with the reason printed, when it is absent or ONNX
 * Runtime cannot load it here.
 */
final class SileroTestModel {

    private SileroTestModel() {
    }

    static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path models = dir.resolve("shared/models");
            if (Files.isDirectory(models)) {
                Path model = models.resolve("silero_vad.onnx");
                skipUnless(Files.isReadable(model), model + " is absent");
                return model;
            }
        }
        skipUnless(false, "no shared/models folder above " + Path.of("").toAbsolutePath());
        throw new AssertionError("unreachable");
    }

    /** The shared model with one share taken: release it when done. */
    static SileroModel acquire() {
        Path path = path();
        try {
            return SileroModel.acquire(path);
        } catch (ConfigurationException e) {
            skipUnless(!e.getMessage().contains("cannot be loaded on this platform"), e.getMessage());
            throw e; // the model file itself is wrong: a failure, not a skip
        }
    }

    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.out.println("Silero VAD test skipped: " + reason);
        }
        assumeTrue(condition, () -> "skipped: " + reason);
    }
}
