package io.debabelizer.google;

import io.debabelizer.DebabelizerException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.spi.stream.BaseSynthesisStream;
import java.util.List;
import java.util.function.Function;

/**
 * Streaming synthesis for a REST-only API: the text is cut into sentences, each synthesized in turn on one virtual
 * thread and delivered as soon as it arrives, so the first sentence plays while the rest is made. {@code header}
 * (a WAV header for the whole stream) goes out first; each piece's audio is raw samples in the stream's format.
 */
final class SentenceSynthesisStream extends BaseSynthesisStream {

    private static final int BUFFER_CHUNKS = 64;

    private final Thread worker;

    SentenceSynthesisStream(AudioFormat format, byte[] header, List<String> sentences,
                            Function<String, byte[]> synthesize, String name) {
        super(GoogleSettings.PROVIDER, format, BUFFER_CHUNKS);
        worker = Thread.ofVirtual().name("debabelizer-google-tts-" + name).unstarted(() -> {
            try {
                if (header.length > 0) {
                    emitAudio(header, List.of()).toCompletableFuture().join();
                }
                for (String sentence : sentences) {
                    if (isDone()) {
                        return;
                    }
                    emitAudio(synthesize.apply(sentence), List.of()).toCompletableFuture().join();
                }
                complete();
            } catch (DebabelizerException e) {
                fail(e);
            } catch (RuntimeException e) {
                fail(new ProviderUnavailableException("streaming synthesis failed: " + e, GoogleSettings.PROVIDER,
                        null, e));
            }
        });
    }

    SentenceSynthesisStream start() {
        worker.start();
        return this;
    }

    /** Interrupting the worker cancels its HTTP exchange. */
    @Override
    protected void abort() {
        worker.interrupt();
    }
}
