package io.debabelizer.local.pocketsphinx;

import io.debabelizer.DebabelizerException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.local.stt.Recognition;
import io.debabelizer.local.stt.SpeechRecognizerEngine;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;

/**
 * PocketSphinx behind a small pool of decoders: loading the model takes a while and a decoder serves one
 * utterance at a time, so up to {@code maxDecoders} calls run in parallel and further callers wait.
 */
public final class PocketSphinxEngine implements SpeechRecognizerEngine {

    private final PocketSphinxLibrary library;
    private final PocketSphinxModel model;
    private final Semaphore permits;
    private final ArrayDeque<PocketSphinxDecoder> idle = new ArrayDeque<>();
    private boolean closed;

    public PocketSphinxEngine(PocketSphinxLibrary library, PocketSphinxModel model, int maxDecoders) {
        if (maxDecoders < 1) {
            throw new IllegalArgumentException("maxDecoders must be at least 1");
        }
        this.library = library;
        this.model = model;
        this.permits = new Semaphore(maxDecoders, true);
    }

    @Override
    public Recognition recognize(short[] samples16kMono) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DebabelizerException("interrupted while waiting for a pocketsphinx decoder", "pocketsphinx",
                    null, e);
        }
        PocketSphinxDecoder decoder = null;
        boolean healthy = false;
        try {
            decoder = borrow();
            Recognition r = decoder.recognize(samples16kMono);
            healthy = true;
            return r;
        } finally {
            if (decoder != null) {
                giveBack(decoder, healthy);
            }
            permits.release();
        }
    }

    private PocketSphinxDecoder borrow() {
        synchronized (idle) {
            if (closed) {
                throw new ProviderUnavailableException("pocketsphinx engine is closed", "pocketsphinx", null, null);
            }
            PocketSphinxDecoder d = idle.pollFirst();
            if (d != null) {
                return d;
            }
        }
        return PocketSphinxDecoder.open(library, model);
    }

    private void giveBack(PocketSphinxDecoder decoder, boolean healthy) {
        synchronized (idle) {
            if (healthy && !closed) {
                idle.addFirst(decoder);
                return;
            }
        }
        decoder.close(); // a decoder that failed mid-utterance is not trusted again
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.forEach(PocketSphinxDecoder::close);
            idle.clear();
        }
    }
}
