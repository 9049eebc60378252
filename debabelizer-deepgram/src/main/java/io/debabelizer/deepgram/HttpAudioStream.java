package io.debabelizer.deepgram;

import io.debabelizer.audio.AudioFormat;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.spi.stream.BaseSynthesisStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** A chunked {@code /v1/speak} response handed on piece by piece as it arrives, with backpressure. */
final class HttpAudioStream extends BaseSynthesisStream {

    private static final int BUFFER_CHUNKS = 64;

    private final InputStream body;
    private volatile Thread reader;

    HttpAudioStream(AudioFormat format, InputStream body, long requestStartNanos, Consumer<HttpAudioStream> onEnd) {
        super(DeepgramSettings.PROVIDER, format, BUFFER_CHUNKS, requestStartNanos);
        this.body = body;
        completion().whenComplete((v, e) -> onEnd.accept(this));
    }

    void startReading() {
        reader = Thread.ofVirtual().name("debabelizer-deepgram-tts-read").start(this::readLoop);
    }

    private void readLoop() {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = body.read(buf)) >= 0) {
                if (n > 0) {
                    // Waits while the reader's buffer is full, which stops reading from the network.
                    emitAudio(Arrays.copyOf(buf, n), List.of()).toCompletableFuture().join();
                }
                if (isDone()) {
                    return;
                }
            }
            complete();
        } catch (IOException e) {
            if (!isDone()) {
                fail(HttpErrors.forTransportFailure(provider(), e));
            }
        } finally {
            closeQuietly();
        }
    }

    @Override
    protected void abort() {
        closeQuietly();
        Thread t = reader;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }

    private void closeQuietly() {
        try {
            body.close();
        } catch (IOException ignored) {
            // the connection is released either way
        }
    }
}
