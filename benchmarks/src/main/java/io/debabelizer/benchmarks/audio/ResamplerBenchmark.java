package io.debabelizer.benchmarks.audio;

import io.debabelizer.audio.Resampler;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Resampling one second of mono audio: the score is milliseconds per second of audio (its inverse is the real-time
 * factor). Streaming uses 20 ms chunks, as a live session would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ResamplerBenchmark {

    @Param({"48000:16000", "44100:16000", "8000:16000"})
    public String ratio;

    private int inRate;
    private int outRate;
    private float[] oneSecond;
    private float[][] chunks;

    @Setup
    public void setUp() {
        String[] rates = ratio.split(":");
        inRate = Integer.parseInt(rates[0]);
        outRate = Integer.parseInt(rates[1]);
        Random random = new Random(1);
        oneSecond = new float[inRate];
        for (int i = 0; i < oneSecond.length; i++) {
            oneSecond[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / inRate) + 0.05 * random.nextGaussian());
        }
        int chunk = inRate / 50;
        chunks = new float[oneSecond.length / chunk][];
        for (int c = 0; c < chunks.length; c++) {
            chunks[c] = java.util.Arrays.copyOfRange(oneSecond, c * chunk, (c + 1) * chunk);
        }
        Resampler.resample(oneSecond, 1, inRate, outRate); // build and cache the filter bank outside the timing
    }

    @Benchmark
    public float[] oneShotOneSecond() {
        return Resampler.resample(oneSecond, 1, inRate, outRate);
    }

    @Benchmark
    public int streamingOneSecondIn20msChunks() {
        Resampler resampler = Resampler.create(inRate, outRate, 1);
        int produced = 0;
        for (float[] chunk : chunks) {
            produced += resampler.process(chunk).length;
        }
        return produced + resampler.flush().length;
    }
}
