package io.debabelizer.whisper;

import io.debabelizer.ProviderUnavailableException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
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

    private final WhisperCpp whisper;
    private final Path file;
    private final MemorySegment context;
    private final boolean multilingual;
    private final int firstSpecialToken;
    private final Deque<MemorySegment> idle = new ArrayDeque<>();
    private int borrowed;
    private boolean closed;

    private LoadedModel(WhisperCpp whisper, Path file, MemorySegment context) {
        this.whisper = whisper;
        this.file = file;
        this.context = context;
        this.multilingual = whisper.isMultilingual(context);
        this.firstSpecialToken = whisper.endOfTextToken(context);
    }

    static LoadedModel load(WhisperCpp whisper, Path file) {
        if (!Files.isReadable(file)) {
            throw new ProviderUnavailableException("cannot read Whisper model " + file, "whisper", null, null);
        }
        MemorySegment context = whisper.loadModel(file);
        if (context.equals(MemorySegment.NULL)) {
            throw new ProviderUnavailableException("Whisper model " + file + " is not a valid ggml model file (whisper.cpp"
                    + " could not load it); remove it and pull it again", "whisper", null, null);
        }
        return new LoadedModel(whisper, file, context);
    }

    WhisperCpp api() {
        return whisper;
    }

    Path file() {
        return file;
    }

    MemorySegment context() {
        return context;
    }

    /** Token ids from this one up are special (end of text, timestamps, language, task). */
    int firstSpecialToken() {
        return firstSpecialToken;
    }

    boolean multilingual() {
        return multilingual;
    }

    /** A state for one transcription; give it back with {@link #release}. */
    MemorySegment borrow() {
        synchronized (this) {
            if (closed) {
                throw new ProviderUnavailableException("the whisper provider is closed", "whisper", null, null);
            }
            borrowed++;
            MemorySegment state = idle.pollFirst();
            if (state != null) {
                return state;
            }
        }
        try {
            MemorySegment state = whisper.newState(context);
            if (state.equals(MemorySegment.NULL)) {
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

    void release(MemorySegment state) {
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
            whisper.freeState(state);
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
            idle.forEach(whisper::freeState);
            idle.clear();
        }
        whisper.freeModel(context);
    }
}
