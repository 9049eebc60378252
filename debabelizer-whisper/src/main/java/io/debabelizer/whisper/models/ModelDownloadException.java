package io.debabelizer.whisper.models;

import io.debabelizer.ProviderUnavailableException;

/**
 * A model download failed. The message says what happened and what to do; {@link #kind()} lets a caller tell the
 * cases apart. (A model the hub does not have is reported as an {@link io.debabelizer.InvalidInputException}.)
 */
public class ModelDownloadException extends ProviderUnavailableException {

    /** What went wrong. */
    public enum Kind {
        /** No connection could be made (offline, DNS failure, refused, connect timeout). */
        UNREACHABLE,
        /** The connection broke or stalled mid-download; the partial file was kept so a new pull resumes. */
        INTERRUPTED,
        /** The file did not match its published size or hash; the partial file was deleted. */
        CHECKSUM_MISMATCH,
        /** The server answered with an unexpected HTTP status. */
        HTTP_STATUS,
        /** Another download of the same model is in progress. */
        IN_PROGRESS,
        /** The cache folder could not be written. */
        LOCAL_IO
    }

    private final Kind kind;

    public ModelDownloadException(Kind kind, String message, Throwable cause) {
        super(message, "whisper", null, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public boolean isRetryable() {
        return kind != Kind.LOCAL_IO;
    }
}
