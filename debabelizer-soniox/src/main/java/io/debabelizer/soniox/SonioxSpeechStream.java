package io.debabelizer.soniox;

import io.debabelizer.DebabelizerException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.spi.stream.WebSocketSpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * One real-time Soniox session. Outbound: the JSON config (sent by {@link #begin}), then audio as binary frames,
 * {@code {"type":"finalize"}}, {@code {"type":"keepalive"}} while the application is silent, and an empty text
 * frame to finish (as the official SDK does). Inbound: token responses (see {@link SonioxLiveTranscript}), the last
 * one with {@code "finished": true}, and {@code error_code} messages at any time. The next message is requested
 * only once the events of the previous one are buffered for the application (backpressure).
 */
final class SonioxSpeechStream extends WebSocketSpeechStream {

    private static final String FINALIZE = "{\"type\":\"finalize\"}";
    private static final String KEEPALIVE = "{\"type\":\"keepalive\"}";
    private static final String END_OF_AUDIO = "";
    /** How long the server gets to close after {@code finished} before the socket is dropped. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final Secret key;
    private final Duration keepAlive;
    private final SonioxLiveTranscript transcript;
    private volatile boolean finished;

    SonioxSpeechStream(String provider, StreamRequest request, Secret key, Consumer<SonioxSpeechStream> onEnd) {
        super(provider, request);
        this.key = key;
        this.keepAlive = SonioxStreamConfig.keepAlive(request, provider);
        this.transcript = new SonioxLiveTranscript(request.interimResults());
        completion().whenComplete((c, e) -> onEnd.accept(this));
    }

    /** Sends the configuration message, then starts sending audio. */
    void begin(WebSocket socket, String configJson) {
        attach(socket);
        if (isTerminal()) {
            return; // an error message came first (e.g. right after the upgrade): it was reported, nothing to send
        }
        try {
            socket.sendText(configJson, true).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socket.abort();
            throw new ProviderUnavailableException("interrupted while sending the configuration", provider(), null,
                    e);
        } catch (Exception e) {
            socket.abort();
            throw HttpErrors.forTransportFailure(provider(), e);
        }
        start();
    }

    @Override
    protected CompletionStage<?> transmitFinalize() {
        return sendText(FINALIZE);
    }

    @Override
    protected CompletionStage<?> transmitEndOfInput() {
        return sendText(END_OF_AUDIO);
    }

    @Override
    protected Duration keepAliveInterval() {
        return keepAlive;
    }

    @Override
    protected CompletionStage<?> transmitKeepAlive() {
        return sendText(KEEPALIVE);
    }

    @Override
    protected void onBinaryMessage(ByteBuffer data, boolean last) {
        if (!isTerminal()) {
            fail(new ProtocolException("Soniox sent a binary message; results are JSON text", provider(), null,
                    null));
        }
    }

    @Override
    protected void onClose(int statusCode, String reason) {
        if (!isTerminal()) {
            if (finished) {
                complete();
            } else {
                fail(new ProviderUnavailableException("Soniox closed the session (" + statusCode
                        + (reason == null || reason.isEmpty() ? "" : " " + HttpErrors.scrub(reason, key))
                        + ") before its last result; the audio not yet final can be replayed", provider(), null,
                        null));
            }
        }
    }

    @Override
    protected CompletionStage<Void> onMessage(String message) {
        if (isTerminal()) {
            return CompletableFuture.completedFuture(null);
        }
        List<StreamEvent> events;
        boolean last;
        try {
            JsonNode n = SonioxJson.object(provider(), message, "a Soniox message");
            if (n.has("error_code")) {
                fail(SonioxErrors.forErrorCode(provider(), n.path("error_code").asInt(0),
                        n.path("error_message").asString(""), key));
                return CompletableFuture.completedFuture(null);
            }
            last = n.path("finished").asBoolean(false);
            events = transcript.onResponse(SonioxToken.parseAll(n.path("tokens"), false, provider()), last);
        } catch (DebabelizerException e) {
            fail(e);
            return CompletableFuture.completedFuture(null);
        }
        CompletionStage<Void> delivered = CompletableFuture.completedFuture(null);
        for (StreamEvent e : events) {
            delivered = delivered.thenCompose(v -> emit(e));
        }
        if (last) {
            delivered = delivered.thenRun(this::onFinished);
        }
        return delivered;
    }

    /** The server sent its last result: the stream is complete; close our side and drop the socket if it lingers. */
    private void onFinished() {
        finished = true;
        complete();
        WebSocket socket = socket();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        CompletableFuture.delayedExecutor(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!socket.isInputClosed()) {
                socket.abort();
            }
        });
    }
}
