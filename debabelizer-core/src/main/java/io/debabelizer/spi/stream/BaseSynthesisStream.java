package io.debabelizer.spi.stream;

import io.debabelizer.DebabelizerException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.tts.AudioChunk;
import io.debabelizer.tts.SpeechTiming;
import io.debabelizer.tts.SynthesisStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Shared machinery of streaming synthesis: a bounded chunk buffer with backpressure toward the provider's reader,
 * time-to-first-audio measurement, failure delivery to the reader, and cancellation.
 */
public abstract class BaseSynthesisStream implements SynthesisStream {

    private final String provider;
    private final AudioFormat format;
    private final long startNanos;
    private final EventBuffer<AudioChunk> chunks;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private volatile Duration timeToFirstAudio;
    private volatile DebabelizerException failure;

    protected BaseSynthesisStream(String provider, AudioFormat format, int bufferChunks) {
        this(provider, format, bufferChunks, System.nanoTime());
    }

    /**
     * @param requestStartNanos {@link System#nanoTime()} when the request was sent: a stream created only once the
     *                          response headers arrived passes it, so {@link #timeToFirstAudio()} covers the whole wait
     */
    protected BaseSynthesisStream(String provider, AudioFormat format, int bufferChunks, long requestStartNanos) {
        this.startNanos = requestStartNanos;
        this.provider = provider;
        this.format = format;
        this.chunks = new EventBuffer<>(bufferChunks);
    }

    /** Closes the provider connection at once. Must not throw. */
    protected abstract void abort();

    /** Delivers audio (and timings); the stage completes when buffered. */
    protected final CompletionStage<Void> emitAudio(byte[] data, List<SpeechTiming> timings) {
        if (data.length > 0 && timeToFirstAudio == null) {
            timeToFirstAudio = Duration.ofNanos(System.nanoTime() - startNanos);
        }
        return chunks.emit(new AudioChunk(data, timings, false));
    }

    /** The provider delivered everything. */
    protected final void complete() {
        finish(null);
    }

    /** The synthesis failed; the reader gets the error after the audio already buffered. */
    protected final void fail(DebabelizerException error) {
        finish(error);
        abortQuietly();
    }

    /**
     * Ends the stream once: {@link #completion()} is settled before the last chunk becomes readable, so a reader
     * that has seen the end never finds the future still pending.
     */
    private synchronized void finish(DebabelizerException error) {
        if (chunks.isTerminated()) {
            return;
        }
        if (error == null) {
            completion.complete(null);
        } else {
            failure = error;
            completion.completeExceptionally(error);
        }
        chunks.terminate(AudioChunk.end());
    }

    protected final boolean isDone() {
        return chunks.isTerminated();
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public AudioFormat format() {
        return format;
    }

    @Override
    public AudioChunk nextChunk() throws InterruptedException {
        AudioChunk c = chunks.take();
        if (c.last() && failure != null) {
            throw failure;
        }
        return c;
    }

    @Override
    public Flow.Publisher<AudioChunk> publisher() {
        Flow.Publisher<AudioChunk> raw = chunks.publisher("debabelizer-" + provider + "-tts", AudioChunk::last);
        return subscriber -> raw.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscriber.onSubscribe(s);
            }

            @Override
            public void onNext(AudioChunk item) {
                if (item.last() && failure != null) {
                    subscriber.onError(failure);
                } else {
                    subscriber.onNext(item);
                }
            }

            @Override
            public void onError(Throwable t) {
                subscriber.onError(t);
            }

            @Override
            public void onComplete() {
                if (failure == null) {
                    subscriber.onComplete();
                }
            }
        });
    }

    @Override
    public InputStream asInputStream() {
        chunks.claimConsumer("asInputStream()");
        return new InputStream() {
            private byte[] current = new byte[0];
            private int pos;
            private boolean eof;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (pos >= current.length) {
                    if (eof) {
                        return -1;
                    }
                    try {
                        AudioChunk c = nextChunk();
                        current = c.data();
                        pos = 0;
                        eof = c.last();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted while waiting for audio");
                    } catch (DebabelizerException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public void close() {
                if (!eof) {
                    cancel();
                }
            }
        };
    }

    @Override
    public Optional<Duration> timeToFirstAudio() {
        return Optional.ofNullable(timeToFirstAudio);
    }

    @Override
    public CompletableFuture<Void> completion() {
        return completion;
    }

    @Override
    public void cancel() {
        chunks.discardPending();
        finish(null);
        abortQuietly();
    }

    private void abortQuietly() {
        try {
            abort();
        } catch (RuntimeException ignored) {
            // abort must not throw; nothing useful to do if it does
        }
    }
}
