package io.debabelizer.elevenlabs;

import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.spi.stream.BaseSynthesisStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@code /stream} response handed on piece by piece as it arrives, with backpressure; a WAV request gets a
 * streaming WAV header in front of the first audio. A body that stops arriving for the request timeout fails with
 * {@link ProviderTimeoutException}.
 */
final class HttpAudioStream extends BaseSynthesisStream {

    private static final int BUFFER_CHUNKS = 64;

    private final InputStream body;
    private final String requestId;
    private final IdleWatchdog watchdog;
    private volatile byte[] pendingHeader;
    private volatile Thread reader;

    HttpAudioStream(AudioFormat format, byte[] wavHeader, InputStream body, String requestId, Duration idleTimeout,
                    long requestStartNanos, Consumer<HttpAudioStream> onEnd) {
        super(ElevenLabsSettings.PROVIDER, format, BUFFER_CHUNKS, requestStartNanos);
        this.body = body;
        this.requestId = requestId;
        this.pendingHeader = wavHeader;
        this.watchdog = new IdleWatchdog(idleTimeout, () -> fail(new ProviderTimeoutException(
                "no audio from ElevenLabs for " + idleTimeout + " in the middle of a response",
                ElevenLabsSettings.PROVIDER, requestId, null)));
        completion().whenComplete((v, e) -> {
            watchdog.stop();
            onEnd.accept(this);
        });
    }

    /** ElevenLabs' {@code request-id} for this synthesis, or null. */
    String requestId() {
        return requestId;
    }

    void startReading() {
        watchdog.arm();
        reader = Thread.ofVirtual().name("debabelizer-elevenlabs-tts-read").start(this::readLoop);
    }

    private void readLoop() {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = body.read(buf)) >= 0) {
                watchdog.touch();
                if (n > 0) {
                    byte[] data = Arrays.copyOf(buf, n);
                    byte[] header = pendingHeader;
                    if (header != null) {
                        pendingHeader = null;
                        byte[] joined = Arrays.copyOf(header, header.length + n);
                        System.arraycopy(data, 0, joined, header.length, n);
                        data = joined;
                    }
                    // Waits while the reader's buffer is full, which stops reading from the network.
                    emitAudio(data, List.of()).toCompletableFuture().join();
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
        watchdog.stop();
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
