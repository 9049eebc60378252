package io.debabelizer.benchmarks.audio;

import io.debabelizer.audio.G711;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** G.711 coding of one second of 8 kHz telephony audio (8000 samples); score in microseconds per second of audio. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class G711Benchmark {

    private short[] samples;
    private byte[] mulaw;
    private byte[] alaw;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        samples = new short[8000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0) + 1000 * random.nextGaussian());
        }
        mulaw = G711.encodeMulaw(samples);
        alaw = G711.encodeAlaw(samples);
    }

    @Benchmark
    public byte[] encodeMulaw() {
        return G711.encodeMulaw(samples);
    }

    @Benchmark
    public short[] decodeMulaw() {
        return G711.decodeMulaw(mulaw);
    }

    @Benchmark
    public byte[] encodeAlaw() {
        return G711.encodeAlaw(samples);
    }

    @Benchmark
    public short[] decodeAlaw() {
        return G711.decodeAlaw(alaw);
    }
}
