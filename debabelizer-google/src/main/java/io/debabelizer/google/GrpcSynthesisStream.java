package io.debabelizer.google;

import com.google.protobuf.DynamicMessage;
import io.debabelizer.ProtocolException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.stream.BaseTextToSpeechStream;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One {@code StreamingSynthesize} call: the config message goes first, each piece of text becomes an {@code input}
 * message, end of input half-closes, and every response's audio is delivered as it arrives. gRPC flow control is
 * the backpressure: the next response is asked for once the previous one is buffered. A WAV stream starts with one
 * header of unknown length; Google's audio is headerless PCM.
 */
final class GrpcSynthesisStream extends BaseTextToSpeechStream {

    private static final int BUFFER_CHUNKS = 64;

    private final ClientCall<DynamicMessage, DynamicMessage> call;
    private final Secret[] secrets;
    private final Object lock = new Object();
    /** The last audio handed to the buffer: the stream ends only after it, so no audio is overtaken by the end. */
    private volatile CompletionStage<Void> lastEmit = CompletableFuture.completedFuture(null);

    GrpcSynthesisStream(AudioFormat format, ClientCall<DynamicMessage, DynamicMessage> call, Secret[] secrets) {
        super(GoogleSettings.PROVIDER, format, BUFFER_CHUNKS);
        this.call = call;
        this.secrets = secrets;
    }

    /** Starts the call and sends the config (and the WAV header, if any, is buffered first). */
    GrpcSynthesisStream start(DynamicMessage config, byte[] header) {
        if (header.length > 0) {
            lastEmit = emitAudio(header, List.of());
        }
        synchronized (lock) {
            call.start(new Listener(), new Metadata());
            call.sendMessage(config);
            call.request(1);
        }
        return this;
    }

    /** Sends text without the input-side checks: the stream's first piece, before the caller holds the stream. */
    void sendInitial(String text) {
        transmitText(text);
    }

    @Override
    protected void transmitText(String text) {
        synchronized (lock) {
            call.sendMessage(TtsMessages.textRequest(text));
        }
    }

    /** Google speaks each input as soon as it can; there is nothing to flush. */
    @Override
    protected void transmitFlush() {
    }

    @Override
    protected void transmitEndOfInput() {
        synchronized (lock) {
            call.halfClose();
        }
    }

    @Override
    protected void abort() {
        call.cancel("cancelled by the client", null);
    }

    private final class Listener extends ClientCall.Listener<DynamicMessage> {

        @Override
        public void onMessage(DynamicMessage response) {
            byte[] audio;
            try {
                audio = TtsMessages.audio(response);
            } catch (RuntimeException e) {
                fail(new ProtocolException("unreadable StreamingSynthesize response: " + e, GoogleSettings.PROVIDER,
                        null, e));
                return;
            }
            CompletionStage<Void> emitted = audio.length == 0 ? CompletableFuture.completedFuture(null)
                    : emitAudio(audio, List.of());
            lastEmit = emitted;
            emitted.thenRun(() -> {
                synchronized (lock) {
                    if (!isDone()) {
                        call.request(1);
                    }
                }
            });
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            if (status.isOk()) {
                lastEmit.thenRun(GrpcSynthesisStream.this::complete);
            } else if (status.getCode() != Status.Code.CANCELLED || !isDone()) {
                fail(GoogleErrors.forGrpc(status, trailers, null, secrets));
            }
        }
    }
}
