package io.debabelizer.testkit.loopback;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.spi.stream.WebSocketSpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.testkit.fake.Json;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** One live stream over the loopback WebSocket protocol; the shared machinery is in {@link WebSocketSpeechStream}. */
final class LoopbackSpeechStream extends WebSocketSpeechStream {

    private static final String FINALIZE = "{\"type\":\"finalize\"}";
    private static final String END = "{\"type\":\"end\"}";

    private volatile boolean done;

    LoopbackSpeechStream(String provider, StreamRequest request, Consumer<LoopbackSpeechStream> onEnd) {
        super(provider, request);
        completion().whenComplete((c, e) -> onEnd.accept(this));
    }

    /** Sends the config message and starts the sender. */
    void begin(WebSocket socket, String configJson) {
        attach(socket);
        try {
            socket.sendText(configJson, true).get();
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
        return sendText(END);
    }

    @Override
    protected void onClose(int statusCode, String reason) {
        if (!isTerminal()) {
            if (done && statusCode == WebSocket.NORMAL_CLOSURE) {
                complete();
            } else {
                fail(new ProviderUnavailableException("the server closed the stream (" + statusCode
                        + (reason.isEmpty() ? "" : " " + reason) + ") before the end of the results", provider(),
                        null, null));
            }
        }
    }

    @Override
    protected CompletionStage<Void> onMessage(String message) {
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
