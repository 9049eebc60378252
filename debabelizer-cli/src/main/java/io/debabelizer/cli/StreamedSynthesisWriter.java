package io.debabelizer.cli;

import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Wav;
import io.debabelizer.tts.AudioChunk;
import io.debabelizer.tts.SynthesisStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a synthesis stream as its audio arrives: to stdout (for piping raw PCM into a player) or to a file. A WAV
 * file gets a header of unknown length up front (ours when the provider streams raw PCM, the provider's otherwise)
 * whose sizes are fixed up when the stream ends; the file appears under its name only once complete.
 */
final class StreamedSynthesisWriter {

    /** What was written. */
    record Written(long bytes, AudioFormat format) {
    }

    private StreamedSynthesisWriter() {
    }

    static Written toStream(SynthesisStream stream, OutputStream out) throws IOException, InterruptedException {
        long bytes = copy(stream, out);
        out.flush();
        return new Written(bytes, stream.format());
    }

    static Written toFile(SynthesisStream stream, Path target, boolean wav) throws IOException, InterruptedException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path tmp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
        try {
            boolean ownHeader = wav && stream.format().container() == Container.RAW;
            long bytes;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                if (ownHeader) {
                    out.write(Wav.header(stream.format(), -1));
                }
                bytes = copy(stream, out);
            }
            if (wav) {
                fixWavSizes(tmp);
            }
            move(tmp, absolute);
            return new Written(bytes, ownHeader ? stream.format().withContainer(Container.WAV) : stream.format());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static long copy(SynthesisStream stream, OutputStream out) throws IOException, InterruptedException {
        long bytes = 0;
        while (true) {
            AudioChunk chunk = stream.nextChunk();
            out.write(chunk.data());
            out.flush(); // a player at the other end of a pipe should hear it now
            bytes += chunk.data().length;
            if (chunk.last()) {
                return bytes;
            }
        }
    }

    /** Sets the RIFF size and the data chunk's size from the file's real length. */
    static void fixWavSizes(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long length = f.length();
            byte[] head = new byte[(int) Math.min(length, 4096)];
            f.readFully(head);
            if (head.length < 12 || !new String(head, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")) {
                return; // not a WAV after all (the provider chose another container): leave it as it is
            }
            ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            f.seek(4);
            f.write(le32(length - 8));
            int pos = 12;
            while (pos + 8 <= head.length) {
                String id = new String(head, pos, 4, StandardCharsets.US_ASCII);
                if (id.equals("data")) {
                    f.seek(pos + 4);
                    f.write(le32(length - pos - 8));
                    return;
                }
                long size = Integer.toUnsignedLong(b.getInt(pos + 4));
                pos += 8 + (int) (size + (size & 1));
            }
        }
    }

    private static byte[] le32(long value) {
        long v = Math.min(value, 0xFFFFFFFFL);
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
