package io.debabelizer.whisper.models;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One line of {@code debabelizer models list}: a model this library knows or one found in the cache folder.
 *
 * @param name         short name, e.g. {@code base.en}
 * @param sizeBytes    size of the installed file, else the published size, or -1 when neither is known
 * @param installed    whether the complete file is in the cache folder
 * @param path         where the model is (or would be) stored
 * @param partialBytes bytes of an interrupted download waiting to be resumed ({@code <file>.part}), 0 if none
 * @param multilingual whether it handles languages other than English (unknown models: assumed from the name)
 * @param verifiable   whether a published hash is known, so a download is checked
 */
public record ModelInfo(String name, long sizeBytes, boolean installed, Path path, long partialBytes,
                        boolean multilingual, boolean verifiable) {

    /** The installed file, if there is one. */
    public Optional<Path> installedPath() {
        return installed ? Optional.of(path) : Optional.empty();
    }
}
