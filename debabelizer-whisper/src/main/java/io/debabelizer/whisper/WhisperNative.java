package io.debabelizer.whisper;

import io.github.givimad.whisperjni.WhisperJNI;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads whisper.cpp (bundled in whisper-jni for Linux x86-64/arm64, macOS and Windows) once per JVM, remembers why
 * it failed if it did, and routes whisper.cpp's log lines to SLF4J instead of stderr.
 *
 * <p>Transcription itself goes through {@link WhisperCpp} (FFM) over the library whisper-jni extracted; whisper.cpp
 * logs through the logger set here, and {@link #captureLog} lets a transcribing thread see its own log lines (for
 * the reason of a failure).
 */
final class WhisperNative {

    private static final Logger LOG = LoggerFactory.getLogger("io.debabelizer.whisper.native");
    private static final ThreadLocal<Consumer<String>> LINE_SINK = new ThreadLocal<>();
    private static final Object LOCK = new Object();
    private static final Pattern EXTRACTED = Pattern.compile("^Extracting \\S+ into (/\\S+)$");
    private static volatile Status status;

    private WhisperNative() {
    }

    /** Whether the library loaded (loading it on first call), or why not. */
    static Status status() {
        Status s = status;
        if (s == null) {
            synchronized (LOCK) {
                s = status;
                if (s == null) {
                    s = load();
                    status = s;
                }
            }
        }
        return s;
    }

    private static Status load() {
        String platform = System.getProperty("os.name") + " " + System.getProperty("os.arch");
        List<Path> extracted = new ArrayList<>();
        try {
            WhisperJNI.loadLibrary(message -> {
                LOG.debug("whisper-jni: {}", message);
                Matcher m = EXTRACTED.matcher(message);
                if (m.find()) {
                    extracted.add(Path.of(m.group(1)));
                }
            });
            WhisperCpp api = bind(extracted);
            api.logTo(WhisperNative::onNativeLog);
            removeExtractedCopies(extracted);
            return new Status(api, null);
        } catch (Exception | LinkageError e) {
            LOG.debug("whisper.cpp native library did not load on {}", platform, e);
            return new Status(null, "the whisper.cpp native library does not load on " + platform + ": " + e);
        }
    }

    /** The C API of the first extracted library that exports it (libwhisper, or a DLL that links it in). */
    private static WhisperCpp bind(List<Path> extracted) {
        LinkageError last = new UnsatisfiedLinkError("whisper-jni extracted no library with whisper.cpp's C API");
        for (Path file : extracted) {
            try {
                return WhisperCpp.bind(file);
            } catch (IllegalArgumentException | LinkageError e) {
                last = e instanceof LinkageError le ? le : new UnsatisfiedLinkError(e.getMessage());
            }
        }
        throw last;
    }

    /**
     * whisper-jni copies its libraries into a new temporary folder per JVM and only deletes the files at exit,
     * leaving one empty folder behind per run. Once loaded, the copies are not needed on Linux and macOS (the
     * mapped code stays), so they are removed now; Windows keeps loaded DLLs locked, so they are left to whisper-jni.
     */
    private static void removeExtractedCopies(List<Path> files) {
        if (files.isEmpty() || System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
            return;
        }
        try {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Path dir = files.get(0).getParent();
            if (dir != null && dir.getFileName().toString().startsWith("whisper-jni-")) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not remove whisper-jni's extracted libraries", e);
        }
    }

    private static void onNativeLog(String message) {
        String line = message.strip();
        if (line.isEmpty()) {
            return;
        }
        Consumer<String> sink = LINE_SINK.get();
        if (sink != null) {
            sink.accept(line);
        }
        LOG.debug("{}", line);
    }

    /** Runs {@code action} with whisper.cpp's log lines from this thread also given to {@code sink}. */
    static <T> T captureLog(Consumer<String> sink, java.util.function.Supplier<T> action) {
        Consumer<String> previous = LINE_SINK.get();
        LINE_SINK.set(sink);
        try {
            return action.get();
        } finally {
            if (previous == null) {
                LINE_SINK.remove();
            } else {
                LINE_SINK.set(previous);
            }
        }
    }

    /** The outcome of loading the library: its C API, or why there is none. */
    record Status(WhisperCpp api, String problem) {
        boolean loaded() {
            return api != null;
        }

        Optional<String> problemOptional() {
            return Optional.ofNullable(problem);
        }
    }
}
