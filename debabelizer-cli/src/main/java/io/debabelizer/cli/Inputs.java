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

    /**
     * Reads an audio file; its format is detected from the content. Headerless telephony audio cannot be detected,
     * so {@code .ulaw}/{@code .mulaw}/{@code .ul} and {@code .alaw}/{@code .al} files are read as 8 kHz mono G.711,
     * the convention sox and telephony systems use (and what {@code synthesize -o x.ulaw} writes).
     */
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
        String lower = name(file).toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".ulaw") || lower.endsWith(".mulaw") || lower.endsWith(".ul")) {
            return raw(file, io.debabelizer.audio.AudioFormat.mulaw(8000));
        }
        if (lower.endsWith(".alaw") || lower.endsWith(".al")) {
            return raw(file, io.debabelizer.audio.AudioFormat.alaw(8000));
        }
        return AudioData.of(file);
    }

    private static AudioData raw(Path file, io.debabelizer.audio.AudioFormat format) {
        try {
            return AudioData.of(format, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new Failure.CliException("cannot read " + file + ": " + e.getMessage(), null);
        }
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
