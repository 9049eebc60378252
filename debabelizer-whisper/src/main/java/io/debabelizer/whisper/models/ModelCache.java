package io.debabelizer.whisper.models;

import io.debabelizer.DebabelizerException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The folder that holds downloaded models: {@code ggml-<name>.bin} when complete, {@code ggml-<name>.bin.part} while
 * a download is incomplete (kept so the next pull resumes it), and {@code ggml-<name>.bin.lock}, which a download
 * locks so that two processes never write the same file.
 *
 * <p>Default location, first match wins: {@code $DEBABELIZER_MODELS_DIR}; {@code $XDG_CACHE_HOME/debabelizer/models}
 * (when {@code XDG_CACHE_HOME} is an absolute path, as the XDG specification requires);
 * {@code ~/.cache/debabelizer/models}. The {@code models_dir} configuration key overrides all of them.
 */
public final class ModelCache {

    public static final String MODELS_DIR_ENV = "DEBABELIZER_MODELS_DIR";

    private final Path dir;

    public ModelCache(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The default folder for this environment (see the class comment). */
    public static Path defaultDir(Map<String, String> env) {
        String explicit = env.get(MODELS_DIR_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit.trim());
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg.trim()).isAbsolute()) {
            return Path.of(xdg.trim(), "debabelizer", "models");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "debabelizer", "models");
    }

    public Path dir() {
        return dir;
    }

    /** Where the complete model file is (or will be). */
    public Path fileFor(String name) {
        return dir.resolve(ModelNames.fileName(name));
    }

    /** Where an incomplete download is kept. */
    public Path partFor(String name) {
        return dir.resolve(ModelNames.fileName(name) + ".part");
    }

    /** The lock a download holds so that two processes do not write the same part file. */
    Path lockFor(String name) {
        return dir.resolve(ModelNames.fileName(name) + ".lock");
    }

    /** The model file, when it is complete and present. */
    public Optional<Path> installed(String name) {
        Path file = fileFor(name);
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0 ? Optional.of(file) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Bytes of an interrupted download waiting to be resumed, 0 if none. */
    public long partialBytes(String name) {
        try {
            return Files.size(partFor(name));
        } catch (IOException e) {
            return 0;
        }
    }

    /** Names of the complete model files in the folder, in file-name order; empty when the folder does not exist. */
    public List<String> installedNames() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "ggml-*.bin")) {
            for (Path f : files) {
                String name = ModelNames.fromFileName(f.getFileName().toString());
                if (name != null && Files.isRegularFile(f)) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new DebabelizerException("cannot list the models folder " + dir + ": " + e, e);
        }
        names.sort(null);
        return names;
    }

    /** Deletes the model and any partial download of it; whether anything was there. */
    public boolean remove(String name) {
        try {
            boolean file = Files.deleteIfExists(fileFor(name));
            boolean part = Files.deleteIfExists(partFor(name));
            Files.deleteIfExists(lockFor(name));
            return file || part;
        } catch (IOException e) {
            throw new DebabelizerException("cannot delete model " + name + " from " + dir + ": " + e, e);
        }
    }
}
