package io.debabelizer.spi.stream;

import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.tts.AudioChunk;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Streaming synthesis whose audio is the body of one HTTP response (a provider's chunked "speech" endpoint), handed
 * on piece by piece as it arrives, with backpressure: a full buffer stops reading from the network.
 *
 * <p>The first audio is read on the thread that calls {@link Builder#start()} (the provider's
 * {@code synthesizeStream}, which has just received the response headers), so it is in the buffer before the caller
 * asks for it: time to first audio then includes no thread start and no hand-off between threads. The rest is read
 * by a virtual thread started when the caller comes back for more. The HTTP client's timeout ends with the response
 * headers, so an {@link IdleWatchdog} fails the stream with a {@link ProviderTimeoutException} when the server sends
 * nothing for the stall timeout (time spent waiting for the application to take audio does not count).
 */
public final class HttpBodySynthesisStream extends BaseSynthesisStream {

    private static final int BUFFER_CHUNKS = 64;
    private static final int READ_SIZE = 8192;

    private final InputStream body;
    private final String requestId;
    private final IdleWatchdog watchdog;
    private byte[] prefix;
    private final AtomicBoolean readerStarted = new AtomicBoolean();
    private volatile boolean firstChunkTaken;
    private volatile Thread reader;

    private HttpBodySynthesisStream(Builder b) {
        super(b.provider, b.format, BUFFER_CHUNKS, b.requestStartNanos);
        this.body = b.body;
        this.requestId = b.requestId;
        this.prefix = b.prefix;
        Duration stall = b.stallTimeout;
        this.watchdog = stall == null ? null : new IdleWatchdog(stall, () -> fail(new ProviderTimeoutException(
                "no audio from " + b.provider + " for " + stall + " in the middle of a response", b.provider,
                b.requestId, null)));
        Set<? super HttpBodySynthesisStream> openStreams = b.openStreams;
        if (openStreams != null) {
            openStreams.add(this);
        }
        completion().whenComplete((v, e) -> {
            if (watchdog != null) {
                watchdog.stop();
            }
            if (openStreams != null) {
                openStreams.remove(this);
            }
        });
    }

    /**
     * @param provider the provider name for errors and {@link #provider()}
     * @param format   what the caller receives (after any {@link Builder#prefix(byte[])})
     * @param body     the response body, status already checked; closed when the stream ends
     */
    public static Builder builder(String provider, AudioFormat format, InputStream body) {
        return new Builder(provider, format, body);
    }

    /** The provider's request id from the response headers, when it sent one. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    private void begin() {
        if (watchdog != null) {
            watchdog.arm();
        }
        byte[] buf = new byte[READ_SIZE];
        try {
            int n;
            do {
                n = body.read(buf);
                touch();
            } while (n == 0);
            if (n < 0) {
                finishBody();
                return;
            }
            // The buffer is empty, so this never waits: the caller's thread returns as soon as the audio is in it.
            deliver(buf, n);
            // Nothing reads until the application comes back for more, so the wait is not the server's.
            pauseWatchdog();
        } catch (IOException e) {
            readFailed(e);
        }
    }

    /**
     * The reader thread starts when the application asks for the second chunk (or subscribes), so nothing but the
     * first audio happens between the response headers and the caller holding that audio.
     */
    private void startReader() {
        if (!isDone() && readerStarted.compareAndSet(false, true)) {
            resumeWatchdog();
            reader = Thread.ofVirtual().name("debabelizer-" + provider() + "-tts-read").start(this::readRest);
        }
    }

    @Override
    public AudioChunk nextChunk() throws InterruptedException {
        if (firstChunkTaken) {
            startReader();
        } else {
            firstChunkTaken = true;
        }
        return super.nextChunk();
    }

    @Override
    public Flow.Publisher<AudioChunk> publisher() {
        startReader();
        return super.publisher();
    }

    private void readRest() {
        byte[] buf = new byte[READ_SIZE];
        try {
            int n;
            while (!isDone() && (n = body.read(buf)) >= 0) {
                touch();
                if (n > 0) {
                    // Waits while the reader's buffer is full, which stops reading from the network; that wait is
                    // the application's, so the stall watchdog does not count it.
                    pauseWatchdog();
                    deliver(buf, n).toCompletableFuture().join();
                    resumeWatchdog();
                }
            }
            if (!isDone()) {
                finishBody();
            }
        } catch (IOException e) {
            readFailed(e);
        }
    }

    private CompletionStage<Void> deliver(byte[] buf, int n) {
        byte[] data;
        if (prefix != null) {
            data = Arrays.copyOf(prefix, prefix.length + n);
            System.arraycopy(buf, 0, data, prefix.length, n);
            prefix = null;
        } else {
            data = Arrays.copyOf(buf, n);
        }
        return emitAudio(data, List.of());
    }

    private void finishBody() {
        complete();
        closeQuietly();
    }

    private void readFailed(IOException e) {
        if (!isDone()) {
            fail(HttpErrors.forTransportFailure(provider(), e));
        }
        closeQuietly();
    }

    private void touch() {
        if (watchdog != null) {
            watchdog.touch();
        }
    }

    private void pauseWatchdog() {
        if (watchdog != null) {
            watchdog.pause();
        }
    }

    private void resumeWatchdog() {
        if (watchdog != null) {
            watchdog.resume();
        }
    }

    @Override
    protected void abort() {
        if (watchdog != null) {
            watchdog.stop();
        }
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

    /** How a provider sets up one stream; {@link #start()} reads the first audio and returns the stream. */
    public static final class Builder {
        private final String provider;
        private final AudioFormat format;
        private final InputStream body;
        private byte[] prefix;
        private String requestId;
        private Duration stallTimeout;
        private long requestStartNanos = System.nanoTime();
        private Set<? super HttpBodySynthesisStream> openStreams;

        private Builder(String provider, AudioFormat format, InputStream body) {
            this.provider = Objects.requireNonNull(provider, "provider");
            this.format = Objects.requireNonNull(format, "format");
            this.body = Objects.requireNonNull(body, "body");
        }

        /** Bytes put in front of the first audio, e.g. a streaming WAV header around raw PCM. */
        public Builder prefix(byte[] bytes) {
            this.prefix = bytes == null || bytes.length == 0 ? null : bytes.clone();
            return this;
        }

        public Builder requestId(String id) {
            this.requestId = id;
            return this;
        }

        /** Fail with {@link ProviderTimeoutException} when no byte arrives for this long (default: never). */
        public Builder stallTimeout(Duration timeout) {
            this.stallTimeout = timeout;
            return this;
        }

        /** {@link System#nanoTime()} when the request was sent, so time to first audio covers the whole wait. */
        public Builder requestStartNanos(long nanos) {
            this.requestStartNanos = nanos;
            return this;
        }

        /**
         * A concurrent set of the provider's open streams (for cancelling them on close): the stream is in it from
         * before the first read until it ends in any way.
         */
        public Builder trackIn(Set<? super HttpBodySynthesisStream> openStreams) {
            this.openStreams = openStreams;
            return this;
        }

        /**
         * Reads the first audio on this thread (bounded by the stall timeout), then hands the rest of the body to
         * a reader thread. A failure while reading is delivered through the stream, after any audio already read.
         */
        public HttpBodySynthesisStream start() {
            HttpBodySynthesisStream stream = new HttpBodySynthesisStream(this);
            stream.begin();
            return stream;
        }
    }
}
