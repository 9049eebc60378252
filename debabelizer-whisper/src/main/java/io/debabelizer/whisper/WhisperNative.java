package io.debabelizer.whisper;

import io.github.givimad.whisperjni.WhisperJNI;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads whisper.cpp (bundled in whisper-jni for Linux x86-64/arm64, macOS and Windows) once per JVM, remembers why
 * it failed if it did, and routes whisper.cpp's log lines to SLF4J instead of stderr.
 *
 * <p>whisper-jni 1.7.1 has no call for the detected language, but whisper.cpp logs it ("auto-detected language:
 * xx") on the thread that runs the transcription; {@link #captureLog} lets that thread see its own log lines.
 */
final class WhisperNative {

    private static final Logger LOG = LoggerFactory.getLogger("io.debabelizer.whisper.native");
    private static final ThreadLocal<Consumer<String>> LINE_SINK = new ThreadLocal<>();
    private static final Object LOCK = new Object();
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
        try {
            WhisperJNI.loadLibrary(message -> LOG.debug("whisper-jni: {}", message));
            WhisperJNI.setLibraryLogger(WhisperNative::onNativeLog);
            return new Status(true, null);
        } catch (Exception | LinkageError e) {
            LOG.debug("whisper.cpp native library did not load on {}", platform, e);
            return new Status(false, "the whisper.cpp native library does not load on " + platform + ": " + e);
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

    /** The outcome of loading the library. */
    record Status(boolean loaded, String problem) {
        Optional<String> problemOptional() {
            return Optional.ofNullable(problem);
        }
    }
}
