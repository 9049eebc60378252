package io.debabelizer.whisper.models;

import io.debabelizer.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Rules for model names: they become file names and URL path segments, so they are checked before any use. */
final class ModelNames {

    /** Letters, digits, dot, dash and underscore; no path separators and no leading dot (so no "..", no "/"). */
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private ModelNames() {
    }

    /**
     * Accepts {@code base.en}, {@code ggml-base.en} and {@code ggml-base.en.bin} alike (users copy file names from
     * the hub) and returns the short name.
     */
    static String normalize(String nameOrFile) {
        if (nameOrFile == null || nameOrFile.isBlank()) {
            throw new InvalidInputException("no Whisper model name given (e.g. base, base.en, small, large-v3-turbo)");
        }
        String name = nameOrFile.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("ggml-")) {
            name = name.substring("ggml-".length());
        }
        if (name.endsWith(".bin")) {
            name = name.substring(0, name.length() - ".bin".length());
        }
        return requireValid(name);
    }

    static String requireValid(String name) {
        if (name == null || !VALID.matcher(name).matches() || name.endsWith(".part")) {
            throw new InvalidInputException("invalid Whisper model name '" + name
                    + "': use a name such as base, base.en, small or large-v3-turbo");
        }
        return name;
    }

    static String fileName(String name) {
        return "ggml-" + name + ".bin";
    }

    /** The short name of a cached model file, or null when the file is not a model ({@code ggml-*.bin}). */
    static String fromFileName(String fileName) {
        if (!fileName.startsWith("ggml-") || !fileName.endsWith(".bin")) {
            return null;
        }
        String name = fileName.substring("ggml-".length(), fileName.length() - ".bin".length());
        return VALID.matcher(name).matches() ? name : null;
    }
}
