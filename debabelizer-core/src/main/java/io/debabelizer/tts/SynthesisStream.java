package io.debabelizer.tts;

import io.debabelizer.audio.AudioFormat;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Synthesized audio delivered as it is produced. Pick one way to read it: {@link #nextChunk()},
 * {@link #publisher()} or {@link #asInputStream()}. A failure surfaces as a {@link io.debabelizer.DebabelizerException}
 * from the reading call (or {@code onError}).
 */
public interface SynthesisStream extends AutoCloseable {

    String provider();

    /** Format of the audio bytes in the chunks. */
    AudioFormat format();

    /** The next chunk; after the chunk with {@code last == true} it keeps returning that chunk. */
    AudioChunk nextChunk() throws InterruptedException;

    Flow.Publisher<AudioChunk> publisher();

    /** The audio bytes as one stream (timings dropped); closing it cancels the synthesis. */
    InputStream asInputStream();

    /** Time from the request to the first audio byte; empty until it arrived. */
    Optional<Duration> timeToFirstAudio();

    /** Completes when the last chunk was produced (or exceptionally with the failure). */
    CompletableFuture<Void> completion();

    /** Stops the synthesis and releases its connection. */
    void cancel();

    @Override
    default void close() {
        cancel();
    }
}
