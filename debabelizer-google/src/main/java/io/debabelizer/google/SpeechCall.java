package io.debabelizer.google;

import com.google.cloud.speech.v1.StreamingRecognizeRequest;
import com.google.cloud.speech.v1.StreamingRecognizeResponse;
import com.google.protobuf.ByteString;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One {@code StreamingRecognize} call of a live stream: the gRPC call with manual flow control (the next response is
 * requested once the previous one is buffered for the application), its place in stream time, and how much audio it
 * carried. {@link ClientCall} is not thread-safe, so every use of it goes through this object's monitor; no callback
 * into the stream happens while holding it.
 */
final class SpeechCall extends ClientCall.Listener<StreamingRecognizeResponse> {

    interface ResponseHandler {
        CompletionStage<Void> onResponse(SpeechCall call, StreamingRecognizeResponse response);
    }

    interface CloseHandler {
        void onClose(SpeechCall call, Status status, Metadata trailers);
    }

    private final ClientCall<StreamingRecognizeRequest, StreamingRecognizeResponse> grpc;
    private final double offsetSeconds;
    private final ResponseHandler responses;
    private final CloseHandler closes;
    private final CompletableFuture<Status> accepted = new CompletableFuture<>();
    private final CompletableFuture<Status> closed = new CompletableFuture<>();
    private volatile CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);
    private volatile Metadata trailers = new Metadata();
    private long audioBytes;
    private long newAudioBytes;
    private boolean halfClosed;

    SpeechCall(ClientCall<StreamingRecognizeRequest, StreamingRecognizeResponse> grpc, double offsetSeconds,
               ResponseHandler responses, CloseHandler closes) {
        this.grpc = grpc;
        this.offsetSeconds = offsetSeconds;
        this.responses = responses;
        this.closes = closes;
    }

    /** Stream time (seconds) of this call's time zero: its results are shifted by it. */
    double offsetSeconds() {
        return offsetSeconds;
    }

    synchronized void start(StreamingRecognizeRequest config) {
        grpc.start(this, new Metadata());
        grpc.request(1);
        grpc.sendMessage(config);
    }

    synchronized void sendAudio(byte[] data, int offset, int length, boolean isNew) {
        if (halfClosed) {
            return;
        }
        grpc.sendMessage(StreamingRecognizeRequest.newBuilder()
                .setAudioContent(ByteString.copyFrom(data, offset, length)).build());
        audioBytes += length;
        if (isNew) {
            newAudioBytes += length;
        }
    }

    synchronized long audioBytes() {
        return audioBytes;
    }

    synchronized long newAudioBytes() {
        return newAudioBytes;
    }

    synchronized void halfClose() {
        if (!halfClosed) {
            halfClosed = true;
            grpc.halfClose();
        }
    }

    synchronized boolean isHalfClosed() {
        return halfClosed;
    }

    synchronized void cancel(String why) {
        grpc.cancel(why, null);
    }

    /** Completes when the transport can take more messages (outbound backpressure), or the call ended. */
    CompletionStage<Void> whenReady() {
        synchronized (this) {
            if (grpc.isReady() || closed.isDone()) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> waiter = new CompletableFuture<>();
            ready = waiter;
            if (grpc.isReady()) { // onReady may have fired between the check and the assignment
                waiter.complete(null);
            }
            return waiter;
        }
    }

    /** OK once Google sent response headers; the close status if it ended before that. */
    CompletableFuture<Status> accepted() {
        return accepted;
    }

    CompletableFuture<Status> closed() {
        return closed;
    }

    Metadata trailers() {
        return trailers;
    }

    @Override
    public void onHeaders(Metadata headers) {
        accepted.complete(Status.OK);
    }

    @Override
    public void onMessage(StreamingRecognizeResponse message) {
        accepted.complete(Status.OK);
        responses.onResponse(this, message).whenComplete((v, e) -> {
            synchronized (this) {
                grpc.request(1);
            }
        });
    }

    @Override
    public void onReady() {
        ready.complete(null);
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
        this.trailers = trailers;
        accepted.complete(status);
        closes.onClose(this, status, trailers); // first, so whoever waits on closed() sees the stream's next state
        closed.complete(status);
        ready.complete(null);
    }
}
