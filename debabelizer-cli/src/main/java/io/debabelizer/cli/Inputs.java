package io.debabelizer.cli;

import io.debabelizer.audio.AudioData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading what the user pointed at, with messages that say which file and what is wrong with it. */
final class Inputs {

    private Inputs() {
    }

    /** Reads an audio file; its format is detected from the content. */
    static AudioData audio(Path file) {
        if (!Files.exists(file)) {
            throw new Failure.CliException("file not found: " + file, null);
        }
        if (!Files.isRegularFile(file)) {
            throw new Failure.CliException("not a file: " + file, null);
        }
        if (!Files.isReadable(file)) {
            throw new Failure.CliException("cannot read " + file + ": permission denied", null);
        }
        return AudioData.of(file);
    }

    /** All of standard input as UTF-8 text. */
    static String text(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The file name only, for progress lines. */
    static String name(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
