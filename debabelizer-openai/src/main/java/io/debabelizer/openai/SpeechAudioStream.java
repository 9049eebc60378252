package io.debabelizer.openai;

import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.spi.stream.BaseSynthesisStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@code /audio/speech} response handed on piece by piece as it arrives, with backpressure. The HTTP client's
 * timeout ends when the headers arrive, so a watchdog fails the stream with a {@link ProviderTimeoutException} when
 * no byte came for the request timeout (a server that answers and then never sends audio).
 */
final class SpeechAudioStream extends BaseSynthesisStream {

    private static final int BUFFER_CHUNKS = 64;

    private final InputStream body;
    private final Duration stallTimeout;
    private final String requestId;
    private volatile long lastDataNanos = System.nanoTime();
    private volatile Thread reader;

    SpeechAudioStream(AudioFormat format, InputStream body, Duration stallTimeout, String requestId,
                      long requestStartNanos, Consumer<SpeechAudioStream> onEnd) {
        super(OpenAiSettings.PROVIDER, format, BUFFER_CHUNKS, requestStartNanos);
        this.body = body;
        this.stallTimeout = stallTimeout;
        this.requestId = requestId;
        completion().whenComplete((v, e) -> onEnd.accept(this));
    }

    String requestId() {
        return requestId;
    }

    void startReading() {
        reader = Thread.ofVirtual().name("debabelizer-openai-tts-read").start(this::readLoop);
        watch(stallTimeout.toNanos());
    }

    private void watch(long delayNanos) {
        CompletableFuture.delayedExecutor(Math.max(1, delayNanos), TimeUnit.NANOSECONDS).execute(() -> {
            if (isDone()) {
                return;
            }
            long quiet = System.nanoTime() - lastDataNanos;
            if (quiet >= stallTimeout.toNanos()) {
                fail(new ProviderTimeoutException("no audio from OpenAI for " + stallTimeout, provider(), requestId,
                        null));
            } else {
                watch(stallTimeout.toNanos() - quiet);
            }
        });
    }

    private void readLoop() {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = body.read(buf)) >= 0) {
                lastDataNanos = System.nanoTime();
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
