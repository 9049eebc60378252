package io.debabelizer.local.vad;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.debabelizer.ConfigurationException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A Silero VAD model file (v5 interface) loaded into ONNX Runtime. The graph takes {@code input} float[1][context +
 * window] (the last {@code context} samples of the previous call in front of each new window), the recurrent
 * {@code state} float[2][1][128] and the sample rate {@code sr} (int64), and returns the speech probability
 * {@code output} float[1][1] and the next state {@code stateN}. The shapes are checked when the file is loaded, so a
 * wrong model fails there rather than by returning nonsense.
 *
 * <p>One session per model file in the JVM, shared by every detector that uses it (running an ORT session is
 * thread-safe; the per-stream state lives in each {@link SileroVad}). Holders are counted: the session is closed
 * when the last one {@linkplain #release() releases} it.
 */
public final class SileroModel {

    static final String INPUT = "input";
    static final String STATE = "state";
    static final String SAMPLE_RATE = "sr";
    static final String PROBABILITY = "output";
    static final String NEXT_STATE = "stateN";

    /** Loaded models by real path; guarded by {@code SileroModel.class}. */
    private static final Map<Path, SileroModel> LOADED = new HashMap<>();

    private final Path path;
    private final OrtEnvironment environment;
    private final OrtSession session;
    /** Fixed second dimension of {@code input}, or -1 where the graph accepts any length (the usual export). */
    private final long fixedInputLength;
    private final long[] stateShape;
    private final long[] sampleRateShape;
    private int holders; // guarded by SileroModel.class

    private SileroModel(Path path, OrtEnvironment environment, OrtSession session) throws ConfigurationException {
        this.path = path;
        this.environment = environment;
        this.session = session;
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            if (!inputs.keySet().equals(Set.of(INPUT, STATE, SAMPLE_RATE))
                    || !outputs.keySet().containsAll(Set.of(PROBABILITY, NEXT_STATE))) {
                throw notV5("inputs " + inputs.keySet() + ", outputs " + outputs.keySet());
            }
            long[] input = shape(inputs, INPUT, OnnxJavaType.FLOAT, 2);
            long[] state = shape(inputs, STATE, OnnxJavaType.FLOAT, 3);
            long[] sampleRate = shape(inputs, SAMPLE_RATE, OnnxJavaType.INT64, -1);
            if (state[0] <= 0 || state[2] <= 0 || sampleRate.length > 1) {
                throw notV5("state " + Arrays.toString(state) + ", sr " + Arrays.toString(sampleRate));
            }
            this.fixedInputLength = input[1];
            this.stateShape = new long[] {state[0], 1, state[2]};
            this.sampleRateShape = sampleRate.length == 0 ? new long[0] : new long[] {1};
        } catch (OrtException e) {
            throw new ConfigurationException("ONNX Runtime cannot describe the model: " + e.getMessage(), e);
        }
    }

    /**
     * The shared model for a file, loaded on first use.
     *
     * @throws ConfigurationException when ONNX Runtime cannot be loaded on this platform, cannot read the file, or
     *                                the file does not have Silero v5's inputs and outputs (the message says which)
     */
    public static SileroModel acquire(Path file) throws ConfigurationException {
        Path key = realPath(file);
        synchronized (SileroModel.class) {
            SileroModel model = LOADED.get(key);
            if (model == null) {
                model = load(key);
                LOADED.put(key, model);
            }
            model.holders++;
            return model;
        }
    }

    /** Another holder of an already acquired model (a detector borrowing its provider's model). */
    SileroModel retain() {
        synchronized (SileroModel.class) {
            if (holders == 0) {
                throw new IllegalStateException("Silero model " + path + " already closed");
            }
            holders++;
            return this;
        }
    }

    /** Gives this holder's share back; the session is closed with the last one. Call once per acquire/retain. */
    public void release() {
        synchronized (SileroModel.class) {
            if (holders == 0) {
                return;
            }
            if (--holders > 0) {
                return;
            }
            LOADED.remove(path, this);
            try {
                session.close();
            } catch (OrtException e) {
                // nothing left to do for a session being discarded
            }
        }
    }

    public Path path() {
        return path;
    }

    /** Length of {@link #STATE}: the recurrent state a detector carries from one window to the next. */
    int stateSize() {
        return (int) (stateShape[0] * stateShape[2]);
    }

    /** Checks that the graph takes windows of this many samples (context included) if its input length is fixed. */
    void checkInputLength(int samples) {
        if (fixedInputLength > 0 && fixedInputLength != samples) {
            throw new IllegalArgumentException("model " + path + " takes " + fixedInputLength
                    + " samples per call, the sample rate needs " + samples);
        }
    }

    /**
     * Runs one window: returns the speech probability and replaces {@code state} with the next state.
     *
     * @param input samples in [-1, 1], context first
     */
    float probability(float[] input, float[] state, long sampleRate) {
        try (OnnxTensor x = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input), new long[] {1, input.length});
             OnnxTensor s = OnnxTensor.createTensor(environment, FloatBuffer.wrap(state), stateShape);
             OnnxTensor sr = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[] {sampleRate}),
                     sampleRateShape);
             OrtSession.Result result = session.run(Map.of(INPUT, x, STATE, s, SAMPLE_RATE, sr))) {
            float[][] p = (float[][]) result.get(PROBABILITY).orElseThrow().getValue();
            ((OnnxTensor) result.get(NEXT_STATE).orElseThrow()).getFloatBuffer().get(state);
            return p[0][0];
        } catch (OrtException e) {
            throw new IllegalStateException("Silero VAD inference failed on " + path + ": " + e.getMessage(), e);
        }
    }

    private static SileroModel load(Path file) throws ConfigurationException {
        OrtEnvironment environment;
        try {
            environment = OrtEnvironment.getEnvironment(); // one per JVM: ORT hands out the same instance
        } catch (LinkageError | RuntimeException e) {
            throw new ConfigurationException("ONNX Runtime cannot be loaded on this platform: " + e, e);
        }
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // Each window is tiny: one thread per run, and parallel streams scale across cores instead.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = environment.createSession(file.toString(), options);
        } catch (OrtException | RuntimeException e) {
            throw new ConfigurationException("ONNX Runtime cannot load it as a model: " + e.getMessage(), e);
        }
        try {
            return new SileroModel(file, environment, session);
        } catch (RuntimeException e) {
            try {
                session.close();
            } catch (OrtException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static long[] shape(Map<String, NodeInfo> nodes, String name, OnnxJavaType type, int rank)
            throws ConfigurationException {
        if (!(nodes.get(name).getInfo() instanceof TensorInfo t) || t.type != type
                || (rank >= 0 && t.getShape().length != rank)) {
            throw notV5(name + " is " + nodes.get(name).getInfo());
        }
        return t.getShape();
    }

    private static ConfigurationException notV5(String found) {
        return new ConfigurationException("not a Silero VAD v5 model (expected inputs input, state, sr and outputs "
                + "output, stateN): " + found);
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (java.io.IOException e) {
            return file.toAbsolutePath().normalize(); // loading it will report the problem
        }
    }
}
