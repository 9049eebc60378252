package io.debabelizer.whisper;

import io.debabelizer.ProviderUnavailableException;
import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperContextParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One model file loaded into memory (a whisper.cpp context, shared read-only) and a small pool of decoding states.
 * whisper.cpp states are not thread-safe, so each concurrent transcription borrows its own; a few idle ones are
 * kept because creating one allocates about 200 MB (tiny) to 1 GB (large) of buffers.
 */
final class LoadedModel implements AutoCloseable {

    private static final int MAX_IDLE_STATES = 2;

    private final WhisperJNI whisper;
    private final Path file;
    private final WhisperContext context;
    private final boolean multilingual;
    private final Deque<WhisperState> idle = new ArrayDeque<>();
    private int borrowed;
    private boolean closed;

    private LoadedModel(WhisperJNI whisper, Path file, WhisperContext context) {
        this.whisper = whisper;
        this.file = file;
        this.context = context;
        this.multilingual = whisper.isMultilingual(context);
    }

    static LoadedModel load(WhisperJNI whisper, Path file) {
        WhisperContext context;
        try {
            WhisperContextParams params = new WhisperContextParams();
            params.useGPU = false; // the bundled libraries are CPU builds
            context = whisper.initNoState(file, params);
        } catch (IOException e) {
            throw new ProviderUnavailableException("cannot read Whisper model " + file + ": " + e.getMessage(),
                    "whisper", null, e);
        }
        if (context == null) {
            throw new ProviderUnavailableException("Whisper model " + file + " is not a valid ggml model file (whisper.cpp"
                    + " could not load it); remove it and pull it again", "whisper", null, null);
        }
        return new LoadedModel(whisper, file, context);
    }

    Path file() {
        return file;
    }

    WhisperContext context() {
        return context;
    }

    boolean multilingual() {
        return multilingual;
    }

    /** A state for one transcription; give it back with {@link #release}. */
    WhisperState borrow() {
        synchronized (this) {
            if (closed) {
                throw new ProviderUnavailableException("the whisper provider is closed", "whisper", null, null);
            }
            borrowed++;
            WhisperState state = idle.pollFirst();
            if (state != null) {
                return state;
            }
        }
        try {
            WhisperState state = whisper.initState(context);
            if (state == null) {
                throw new ProviderUnavailableException("whisper.cpp could not allocate a decoding state for " + file
                        + " (out of memory?)", "whisper", null, null);
            }
            return state;
        } catch (RuntimeException e) {
            synchronized (this) {
                borrowed--;
                notifyAll();
            }
            throw e;
        }
    }

    void release(WhisperState state) {
        boolean keep;
        synchronized (this) {
            borrowed--;
            keep = !closed && idle.size() < MAX_IDLE_STATES;
            if (keep) {
                idle.addFirst(state);
            }
            notifyAll();
        }
        if (!keep) {
            state.close();
        }
    }

    /** Frees the model once no transcription uses it any more. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            while (borrowed > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break; // leave the native memory to the process rather than free it under a running call
                }
            }
            if (borrowed > 0) {
                return;
            }
            idle.forEach(WhisperState::close);
            idle.clear();
        }
        context.close();
    }
}
