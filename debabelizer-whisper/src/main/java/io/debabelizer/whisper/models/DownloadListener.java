package io.debabelizer.whisper.models;

/**
 * Follows a model download, e.g. to draw a progress bar. Called on the downloading thread, first with the bytes
 * already present (a resumed download starts above zero), then after every chunk; keep it quick.
 */
@FunctionalInterface
public interface DownloadListener {

    /** Does nothing. */
    DownloadListener NONE = (bytesSoFar, totalBytes) -> { };

    /**
     * @param bytesSoFar bytes of the model file on disk so far
     * @param totalBytes size of the whole file, or -1 when the server did not say
     */
    void progress(long bytesSoFar, long totalBytes);
}
