package io.debabelizer.testkit.fake;

import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Test recordings and the little WAV handling fakes need. Recordings live in {@code shared/speech} beside the
 * checkout (CI) or above the working directory (worktrees); {@link #speechDir()} walks up to find it.
 */
public final class TestAudio {

    /** A PCM WAV file split into its format and sample bytes. */
    public record Wav(AudioFormat pcmFormat, byte[] pcm, byte[] fileBytes) {

        public double durationSeconds() {
            return (double) pcm.length / pcmFormat.bytesPerSecond();
        }

        /** The whole file as audio in a WAV container, for batch requests. */
        public AudioData asWavAudio() {
            return AudioData.of(pcmFormat.withContainer(io.debabelizer.audio.Container.WAV), fileBytes);
        }

        /** Just the samples, for live streams. */
        public AudioData asPcmAudio() {
            return AudioData.of(pcmFormat, pcm);
        }
    }

    private TestAudio() {
    }

    /** The {@code shared/speech} directory: searched from the working directory upwards, also as {@code ../shared}. */
    public static Path speechDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            for (Path candidate : new Path[] {dir.resolve("shared/speech"), dir.resolve("../shared/speech")}) {
                if (Files.isDirectory(candidate)) {
                    return candidate.normalize();
                }
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no shared/speech directory above " + Path.of("").toAbsolutePath()
                + " (CI puts ../shared beside the checkout)");
    }

    /** Loads {@code shared/speech/<name>} (e.g. {@code jfk.wav}). */
    public static Wav speech(String name) {
        try {
            return parseWav(Files.readAllBytes(speechDir().resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a RIFF/WAVE file holding linear PCM (fmt tag 1 or WAVE_FORMAT_EXTENSIBLE with PCM). */
    public static Wav parseWav(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        AudioFormat format = null;
        int pos = 12;
        while (pos + 8 <= file.length) {
            int id = b.getInt(pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int bodyStart = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                int tag = b.getShort(bodyStart) & 0xffff;
                int channels = b.getShort(bodyStart + 2) & 0xffff;
                int rate = b.getInt(bodyStart + 4);
                int bits = b.getShort(bodyStart + 14) & 0xffff;
                if (tag != 1 && tag != 0xfffe) {
                    throw new IllegalArgumentException("WAV format tag " + tag + " is not PCM");
                }
                format = AudioFormat.pcm16(rate, channels);
                if (bits != 16) {
                    throw new IllegalArgumentException("only 16-bit PCM test files are supported, got " + bits);
                }
            } else if (id == 0x61746164) { // "data"
                if (format == null) {
                    throw new IllegalArgumentException("WAV data chunk before fmt chunk");
                }
                int end = (int) Math.min(file.length, bodyStart + size);
                return new Wav(format, Arrays.copyOfRange(file, bodyStart, end), file.clone());
            }
            pos = bodyStart + (int) size + (int) (size & 1);
        }
        throw new IllegalArgumentException("WAV file has no data chunk");
    }

    /** Wraps 16-bit little-endian PCM in a canonical 44-byte WAV header. */
    public static byte[] toWav(byte[] pcm, int sampleRate, int channels) {
        int blockAlign = channels * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + pcm.length).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) 16);
        b.putInt(0x61746164).putInt(pcm.length).put(pcm);
        return b.array();
    }

    /** A sine tone as 16-bit mono PCM: audio that is clearly not silence, for fake TTS servers. */
    public static byte[] tone(double hz, double seconds, int sampleRate) {
        int samples = (int) Math.round(seconds * sampleRate);
        ByteArrayOutputStream out = new ByteArrayOutputStream(samples * 2);
        for (int i = 0; i < samples; i++) {
            short s = (short) Math.round(Math.sin(2 * Math.PI * hz * i / sampleRate) * 8000);
            out.write(s & 0xff);
            out.write((s >> 8) & 0xff);
        }
        return out.toByteArray();
    }
}
