package io.debabelizer.testkit.loopback;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.spi.stream.BaseSpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.testkit.fake.Json;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** One live stream over the loopback WebSocket protocol; the shared machinery is in {@link BaseSpeechStream}. */
final class LoopbackSpeechStream extends BaseSpeechStream {

    private static final String FINALIZE = "{\"type\":\"finalize\"}";
    private static final String END = "{\"type\":\"end\"}";

    private volatile WebSocket ws;
    private volatile boolean done;

    LoopbackSpeechStream(String provider, StreamRequest request, Consumer<LoopbackSpeechStream> onEnd) {
        super(provider, request);
        completion().whenComplete((c, e) -> onEnd.accept(this));
    }

    /** Sends the config message and starts the sender. */
    void begin(WebSocket socket, String configJson) {
        this.ws = socket;
        try {
            socket.sendText(configJson, true).get();
        } catch (Exception e) {
            socket.abort();
            throw HttpErrors.forTransportFailure(provider(), e);
        }
        start();
    }

    WebSocket.Listener listener() {
        return new Listener();
    }

    @Override
    protected CompletionStage<?> transmitAudio(byte[] chunk) {
        return ws.sendBinary(ByteBuffer.wrap(chunk), true);
    }

    @Override
    protected CompletionStage<?> transmitFinalize() {
        return ws.sendText(FINALIZE, true);
    }

    @Override
    protected CompletionStage<?> transmitEndOfInput() {
        return ws.sendText(END, true);
    }

    @Override
    protected void abort() {
        WebSocket socket = ws;
        if (socket != null) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (!last) {
                socket.request(1);
                return null;
            }
            String message = text.toString();
            text.setLength(0);
            // Read the next message only once this one is buffered for the application (backpressure).
            handle(message).whenComplete((v, e) -> socket.request(1));
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            fail(new ProtocolException("unexpected binary message from the server", provider(), null, null));
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            if (!isTerminal()) {
                if (done && statusCode == WebSocket.NORMAL_CLOSURE) {
                    complete();
                } else {
                    fail(new ProviderUnavailableException("the server closed the stream (" + statusCode
                            + (reason.isEmpty() ? "" : " " + reason) + ") before the end of the results", provider(),
                            null, null));
                }
            }
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            if (!isTerminal()) {
                fail(HttpErrors.forTransportFailure(provider(), error));
            }
        }
    }

    private CompletionStage<Void> handle(String message) {
        JsonNode n;
        try {
            n = Json.parse(message);
        } catch (JacksonException e) {
            fail(new ProtocolException("the server sent a message that is not JSON: " + e.getOriginalMessage(),
                    provider(), null, e));
            return CompletableFuture.completedFuture(null);
        }
        try {
            switch (n.path("type").asString("")) {
                case "interim" -> {
                    return emit(new StreamEvent.Interim(n.path("text").asString(""),
                            LoopbackSttProvider.words(n.path("words"), provider()), n.path("start").asDouble(),
                            n.path("end").asDouble(), 0.5));
                }
                case "final" -> {
                    return emit(new StreamEvent.Final(n.path("text").asString(""),
                            LoopbackSttProvider.words(n.path("words"), provider()), n.path("start").asDouble(),
                            n.path("end").asDouble(), n.path("confidence").asDouble(Double.NaN),
                            n.path("speech_final").asBoolean(false), null));
                }
                case "done" -> {
                    done = true;
                    complete();
                }
                case "error" -> fail(serverError(n));
                default -> fail(new ProtocolException("unknown message type '" + n.path("type").asString("")
                        + "'", provider(), null, null));
            }
        } catch (DebabelizerException e) {
            fail(e);
        }
        return CompletableFuture.completedFuture(null);
    }

    private DebabelizerException serverError(JsonNode n) {
        String message = n.path("message").asString("");
        return switch (n.path("code").asString("")) {
            case "unauthorized" -> new AuthenticationException(message, provider(), null, null);
            case "rate_limited" -> new RateLimitedException(message, provider(), null,
                    n.has("retry_after") ? Duration.ofSeconds(n.path("retry_after").asLong()) : null);
            case "bad_request" -> new InvalidInputException(message, provider(), null, null);
            default -> new ProviderUnavailableException("server error: " + message, provider(), null, null);
        };
    }
}
