package io.debabelizer.openai;

import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.spi.stream.BaseSpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.Transcript;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A "live" stream of a container format (WAV, MP3, ...): OpenAI cannot decode those incrementally, so the bytes are
 * collected, and at end of input uploaded with {@code stream=true}. The server-sent deltas arrive as interims (the
 * text so far), the done event as one final. {@code finalizeUtterance()} has nothing to settle early and does
 * nothing.
 */
final class FileTranscriptionStream extends BaseSpeechStream {

    private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    private final Supplier<TranscriptionCall> call;
    private volatile Thread uploader;

    FileTranscriptionStream(StreamRequest request, Consumer<FileTranscriptionStream> onEnd,
                            Supplier<TranscriptionCall> call) {
        super(OpenAiSettings.PROVIDER, request);
        this.call = call;
        completion().whenComplete((c, e) -> onEnd.accept(this));
    }

    void begin() {
        start();
    }

    @Override
    protected CompletionStage<?> transmitAudio(byte[] chunk) {
        synchronized (audio) {
            if (audio.size() + (long) chunk.length > LongAudio.API_LIMIT_BYTES) {
                return CompletableFuture.failedFuture(new InvalidInputException("a streamed file may be at most "
                        + "25 MB (the OpenAI upload limit)", provider(), null, null));
            }
            audio.writeBytes(chunk);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    protected CompletionStage<?> transmitFinalize() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    protected CompletionStage<?> transmitEndOfInput() {
        byte[] bytes;
        synchronized (audio) {
            bytes = audio.toByteArray();
        }
        if (bytes.length == 0) {
            complete();
            return CompletableFuture.completedFuture(null);
        }
        uploader = Thread.ofVirtual().name("debabelizer-openai-upload-" + sessionId()).start(() -> upload(bytes));
        return CompletableFuture.completedFuture(null);
    }

    private void upload(byte[] bytes) {
        StringBuilder soFar = new StringBuilder();
        try {
            AudioUpload file = AudioUpload.of(io.debabelizer.audio.AudioData.of(format(), bytes));
            Transcript t = call.get().execute(file, -1, delta -> {
                soFar.append(delta);
                if (request().interimResults() && !isTerminal()) {
                    emit(new StreamEvent.Interim(soFar.toString().strip(), List.of(), 0, 0, Double.NaN))
                            .toCompletableFuture().join();
                }
            });
            if (!isTerminal()) {
                emit(new StreamEvent.Final(t.text(), t.words(), 0, Math.max(0, t.durationSeconds()), Double.NaN,
                        true, t.language())).toCompletableFuture().join();
                complete();
            }
        } catch (DebabelizerException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new ProviderUnavailableException("the streamed transcription failed: " + e, provider(), null, e));
        }
    }

    @Override
    protected void abort() {
        Thread t = uploader;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }
}
