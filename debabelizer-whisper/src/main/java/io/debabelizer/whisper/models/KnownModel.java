package io.debabelizer.whisper.models;

import java.util.Locale;

/**
 * A ggml Whisper model file published on the model hub, with the facts needed to verify a download.
 *
 * @param name         short name as used on the command line, e.g. {@code base.en}
 * @param sizeBytes    exact size of {@code ggml-<name>.bin}, or -1 when not known
 * @param sha256       lower-case hex SHA-256 of the file, or {@code null} when not known
 * @param sha1         lower-case hex SHA-1 of the file, or {@code null} when not known
 * @param multilingual whether the model handles languages other than English (names with {@code .en} do not)
 */
public record KnownModel(String name, long sizeBytes, String sha256, String sha1, boolean multilingual) {

    public KnownModel {
        ModelNames.requireValid(name);
        sha256 = normalizeHex(sha256, 64, "SHA-256");
        sha1 = normalizeHex(sha1, 40, "SHA-1");
    }

    /** The file name on the hub and in the cache folder. */
    public String fileName() {
        return ModelNames.fileName(name);
    }

    /** Whether a download of this model can be verified against a published hash. */
    public boolean hasHash() {
        return sha256 != null || sha1 != null;
    }

    private static String normalizeHex(String hex, int length, String algorithm) {
        if (hex == null) {
            return null;
        }
        String lower = hex.toLowerCase(Locale.ROOT);
        if (lower.length() != length || !lower.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("not a " + algorithm + " hex digest: " + hex);
        }
        return lower;
    }
}
