package io.debabelizer.benchmarks.local;

import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The WAV recordings of a folder (e.g. {@code ../shared/speech}), decoded once to 16 kHz mono PCM. */
record SpeechFiles(List<Clip> clips) {

    /** One recording: its name, its samples as raw 16 kHz mono 16-bit PCM, its length in seconds. */
    record Clip(String name, AudioData pcm, double seconds) {
    }

    static SpeechFiles in(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Clip> clips = files.filter(p -> p.getFileName().toString().endsWith(".wav")).sorted()
                    .map(SpeechFiles::load).toList();
            if (clips.isEmpty()) {
                throw new IllegalArgumentException("no .wav files in " + dir);
            }
            return new SpeechFiles(clips);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Clip load(Path file) {
        AudioData pcm = AudioConverter.toPcm16(AudioData.of(file), 16_000, 1);
        return new Clip(file.getFileName().toString(), pcm, pcm.size() / 32_000.0);
    }

    double totalSeconds() {
        return clips.stream().mapToDouble(Clip::seconds).sum();
    }

    static AudioFormat format() {
        return AudioFormat.pcm16(16_000, 1);
    }
}
