package io.debabelizer.cli;

import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Output formats of {@code synthesize}, what each asks the provider for, and which file extensions imply it.
 * Sample rates are left to the provider (0 = its default) except for µ-law, which is telephony's 8 kHz.
 */
public enum SynthesisFormat {
    WAV(new AudioFormat(Container.WAV, Encoding.PCM_SIGNED, 0, 1, 16), "wav", "wave"),
    MP3(AudioFormat.of(Container.MP3, Encoding.MP3), "mp3"),
    OGG(AudioFormat.of(Container.OGG, Encoding.OPUS), "ogg", "opus", "oga"),
    FLAC(AudioFormat.of(Container.FLAC, Encoding.FLAC), "flac"),
    PCM(new AudioFormat(Container.RAW, Encoding.PCM_SIGNED, 0, 1, 16), "pcm", "raw", "s16le"),
    MULAW(AudioFormat.mulaw(8000), "ulaw", "mulaw", "ul", "mu");

    private final AudioFormat audioFormat;
    private final List<String> extensions;

    SynthesisFormat(AudioFormat audioFormat, String... extensions) {
        this.audioFormat = audioFormat;
        this.extensions = List.of(extensions);
    }

    /** What to put in {@code SynthesisRequest.outputFormat}. */
    public AudioFormat audioFormat() {
        return audioFormat;
    }

    /** The format a file name's extension implies, if it is one of ours. */
    public static Optional<SynthesisFormat> fromFileName(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String ext = s.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (SynthesisFormat f : values()) {
            if (f.extensions.contains(ext)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The explicit choice, else the one the output file's extension implies, else WAV. */
    public static SynthesisFormat resolve(SynthesisFormat explicit, Path output) {
        if (explicit != null) {
            return explicit;
        }
        return output == null ? WAV : fromFileName(output).orElse(WAV);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
