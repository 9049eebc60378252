package io.debabelizer.benchmarks.audio;

import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.audio.Pcm;
import io.debabelizer.audio.Resampler;
import io.debabelizer.audio.Wav;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command-line harness for {@code benchmarks/resampler-vs-sox.sh}.
 *
 * <pre>
 * resample IN.wav OUT.wav RATE   resample with our resampler (float WAV out); prints the time spent resampling
 * level FILE.wav HZ              level in dBFS of the tone at HZ (Hann-windowed DFT over the middle half)
 * </pre>
 */
public final class ResampleTool {

    private ResampleTool() {
    }

    public static void main(String[] args) throws IOException {
        switch (args.length > 0 ? args[0] : "") {
            case "resample" -> resample(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "level" -> level(Path.of(args[1]), Double.parseDouble(args[2]));
            default -> {
                System.err.println("usage: resample IN.wav OUT.wav RATE | level FILE.wav HZ");
                System.exit(2);
            }
        }
    }

    private static void resample(Path in, Path out, int rate) throws IOException {
        AudioData raw = Wav.read(Files.readAllBytes(in));
        AudioFormat source = raw.format();
        float[] samples = Pcm.toFloat(raw.bytes(), source);
        long start = System.nanoTime();
        float[] resampled = Resampler.resample(samples, source.channels(), source.sampleRate(), rate);
        long nanos = System.nanoTime() - start;
        AudioFormat target = new AudioFormat(Container.RAW, Encoding.PCM_FLOAT, rate, source.channels(), 32);
        Files.write(out, Wav.write(target, Pcm.fromFloat(resampled, target)));
        double seconds = (double) samples.length / source.channels() / source.sampleRate();
        System.out.printf("resampled %.1f s of audio in %.1f ms (%.0fx real time, first call incl. filter design "
                + "and JIT warm-up)%n", seconds, nanos / 1e6, seconds / (nanos / 1e9));
    }

    private static void level(Path file, double frequency) throws IOException {
        AudioData raw = Wav.read(Files.readAllBytes(file));
        float[] mono = Pcm.downmix(Pcm.toFloat(raw.bytes(), raw.format()), raw.format().channels());
        int rate = raw.format().sampleRate();
        int from = mono.length / 4;
        int length = mono.length / 2;
        double re = 0;
        double im = 0;
        double windowSum = 0;
        for (int i = 0; i < length; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (length - 1));
            double phase = 2 * Math.PI * frequency * (from + i) / rate;
            re += w * mono[from + i] * Math.cos(phase);
            im += w * mono[from + i] * Math.sin(phase);
            windowSum += w;
        }
        double amplitude = 2 * Math.hypot(re, im) / windowSum;
        System.out.printf("%.1f%n", 20 * Math.log10(Math.max(amplitude, 1e-12)));
    }
}
