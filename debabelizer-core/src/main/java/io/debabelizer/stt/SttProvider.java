package io.debabelizer.stt;

import io.debabelizer.UnsupportedCapabilityException;
import io.debabelizer.spi.ProviderDescriptor;

/**
 * A speech-to-text provider, as the processor sees it. Implementations are thread-safe: one instance serves
 * concurrent requests and streams.
 */
public interface SttProvider extends AutoCloseable {

    ProviderDescriptor descriptor();

    default String name() {
        return descriptor().name();
    }

    /** Transcribes a whole recording. */
    Transcript transcribe(TranscriptionRequest request);

    /**
     * Opens a live stream. Returns once the provider accepted the connection; connection and authentication
     * failures are thrown from here, later ones arrive as events.
     */
    default SpeechStream openStream(StreamRequest request) {
        throw new UnsupportedCapabilityException("live streaming is not supported", name());
    }

    /** Releases sockets and threads. Streams still open are cancelled. */
    @Override
    default void close() {
    }
}
