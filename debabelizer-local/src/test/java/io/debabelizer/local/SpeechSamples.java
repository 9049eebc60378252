package io.debabelizer.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The shared speech recordings (16 kHz mono 16-bit WAV) as raw PCM, read without the core's audio toolkit so these
 * tests depend only on this module. Found in {@code $DEBABELIZER_SPEECH_DIR}, {@code ../../shared/speech} (a
 * checkout next to {@code shared/}) or {@code /work/shared/speech}; tests are skipped with the reason otherwise.
 */
public final class SpeechSamples {

    private SpeechSamples() {
    }

    public static Path dir() {
        String env = System.getenv("DEBABELIZER_SPEECH_DIR");
        List<Path> candidates = env != null ? List.of(Path.of(env))
                : List.of(Path.of("../../shared/speech"), Path.of("../shared/speech"), Path.of("/work/shared/speech"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve("references.tsv"))) {
                return p;
            }
        }
        assumeTrue(false, "skipped: shared speech recordings not found (set DEBABELIZER_SPEECH_DIR)");
        throw new AssertionError("unreachable");
    }

    /** Raw PCM of a recording, as an application with a microphone would send it. */
    public static AudioData pcm(String file) {
        return AudioData.of(AudioFormat.pcm16(16_000, 1), pcmBytes(file));
    }

    public static short[] samples(String file) {
        byte[] b = pcmBytes(file);
        return Pcm16.toSamples(b, 0, b.length & ~1);
    }

    /** The data chunk of a 16 kHz mono 16-bit WAV file (checked, not assumed). */
    public static byte[] pcmBytes(String file) {
        try {
            byte[] wav = Files.readAllBytes(dir().resolve(file));
            ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
            if (wav.length < 44 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
                throw new IllegalArgumentException(file + " is not a RIFF/WAVE file");
            }
            int pos = 12;
            while (pos + 8 <= wav.length) {
                int id = b.getInt(pos);
                int size = b.getInt(pos + 4);
                if (id == 0x20746d66) { // "fmt "
                    if (b.getShort(pos + 10) != 1 || b.getInt(pos + 12) != 16_000 || b.getShort(pos + 22) != 16) {
                        throw new IllegalArgumentException(file + " is not 16 kHz mono 16-bit");
                    }
                } else if (id == 0x61746164) { // "data"
                    return Arrays.copyOfRange(wav, pos + 8, Math.min(wav.length, pos + 8 + size));
                }
                pos += 8 + size + (size & 1);
            }
            throw new IllegalArgumentException(file + " has no data chunk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** file name to reference transcript, from references.tsv. */
    public static Map<String, String> references() {
        try {
            return Files.readAllLines(dir().resolve("references.tsv")).stream().skip(1)
                    .map(l -> l.split("\t")).filter(c -> c.length >= 2)
                    .collect(Collectors.toMap(c -> c[0], c -> c[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
