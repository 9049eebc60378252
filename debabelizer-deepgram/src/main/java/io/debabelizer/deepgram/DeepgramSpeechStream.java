package io.debabelizer.deepgram;

import io.debabelizer.DebabelizerException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.spi.stream.WebSocketSpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.Word;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One live Deepgram transcription over {@code /v1/listen}. Audio goes out as binary frames exactly as the
 * application sent it; {@code KeepAlive} fills the application's silences, {@code Finalize} settles what was sent,
 * {@code CloseStream} ends the input. The stream completes only once the server, after {@code CloseStream}, sent
 * its last results and closed normally (1000); any other end is a typed error.
 *
 * <p>Deepgram's times are seconds from the first audio byte of this connection, which is the stream time of the
 * common API, so they pass through unchanged.
 */
final class DeepgramSpeechStream extends WebSocketSpeechStream {

    private static final Logger log = LoggerFactory.getLogger(DeepgramSpeechStream.class);

    static final String KEEP_ALIVE = "{\"type\":\"KeepAlive\"}";
    static final String FINALIZE = "{\"type\":\"Finalize\"}";
    static final String CLOSE_STREAM = "{\"type\":\"CloseStream\"}";

    private final Duration keepAlive;
    /** False when interims were requested from Deepgram only because UtteranceEnd needs them. */
    private final boolean deliverInterims;
    private volatile boolean closeStreamSent;
    private volatile String requestId;

    DeepgramSpeechStream(StreamRequest request, Duration keepAlive, Consumer<DeepgramSpeechStream> onEnd) {
        super(DeepgramSettings.PROVIDER, request);
        this.keepAlive = keepAlive;
        this.deliverInterims = request.interimResults();
        completion().whenComplete((c, e) -> onEnd.accept(this));
    }

    void begin(WebSocket socket) {
        attach(socket);
        start();
    }

    /** Deepgram's request id for this stream, once a result or Metadata message carried it. */
    String requestId() {
        return requestId;
    }

    // ---- outbound -------------------------------------------------------------------------------------------

    @Override
    protected CompletionStage<?> transmitFinalize() {
        return sendText(FINALIZE);
    }

    @Override
    protected CompletionStage<?> transmitEndOfInput() {
        closeStreamSent = true;
        return sendText(CLOSE_STREAM);
    }

    @Override
    protected Duration keepAliveInterval() {
        return keepAlive;
    }

    @Override
    protected CompletionStage<?> transmitKeepAlive() {
        return sendText(KEEP_ALIVE);
    }

    // ---- inbound --------------------------------------------------------------------------------------------

    @Override
    protected void onBinaryMessage(ByteBuffer data, boolean last) {
        fail(new ProtocolException("Deepgram sent a binary message on a transcription stream", provider(),
                requestId, null));
    }

    @Override
    protected void onClose(int statusCode, String reason) {
        if (!isTerminal()) {
            if (statusCode == WebSocket.NORMAL_CLOSURE && closeStreamSent) {
                complete();
            } else if (statusCode == WebSocket.NORMAL_CLOSURE) {
                fail(new ProviderUnavailableException("the server ended the stream (1000) before CloseStream "
                        + "was sent", provider(), requestId, null));
            } else {
                fail(DeepgramErrors.forClose(statusCode, reason, requestId));
            }
        }
    }

    @Override
    protected CompletionStage<Void> onMessage(String message) {
        try {
            JsonNode n = DeepgramJson.parse(message, requestId);
            String type = n.path("type").asString(null);
            if (type == null) {
                throw new ProtocolException("a message without 'type': " + abbreviate(message), provider(),
                        requestId, null);
            }
            return switch (type) {
                case "Results" -> results(n);
                case "SpeechStarted" -> emit(new StreamEvent.SpeechStarted(
                        DeepgramJson.number(n.path("timestamp"), 0)));
                case "UtteranceEnd" -> emit(new StreamEvent.UtteranceEnd(
                        DeepgramJson.number(n.path("last_word_end"), -1)));
                case "Metadata" -> {
                    requestId = n.path("request_id").asString(requestId);
                    yield done();
                }
                case "Error" -> {
                    // Not in the v1 contract, but Deepgram's other sockets use it: treat it as the end it announces.
                    fail(new ProviderUnavailableException("Deepgram reported an error: " + errorText(n), provider(),
                            requestId, null));
                    yield done();
                }
                default -> {
                    log.debug("ignoring Deepgram message type {} on stream {}", type, sessionId());
                    yield done();
                }
            };
        } catch (DebabelizerException e) {
            fail(e);
            return done();
        }
    }

    private CompletionStage<Void> results(JsonNode n) {
        JsonNode metadata = n.path("metadata");
        if (metadata.path("request_id").isString()) {
            requestId = metadata.path("request_id").asString();
        }
        JsonNode alternatives = n.path("channel").path("alternatives");
        if (!alternatives.isArray() || alternatives.isEmpty()) {
            throw new ProtocolException("a Results message without alternatives", provider(), requestId, null);
        }
        JsonNode best = alternatives.get(0);
        List<Word> words = DeepgramJson.words(best.path("words"), requestId);
        String text = DeepgramJson.text(best.path("transcript").asString(""), words);
        double start = DeepgramJson.number(n.path("start"), 0);
        double end = start + Math.max(0, DeepgramJson.number(n.path("duration"), 0));
        if (n.path("is_final").asBoolean(false)) {
            String language = DeepgramLanguages.fromDeepgram(best.path("languages").path(0).asString(null));
            return emit(new StreamEvent.Final(text, words, start, end,
                    DeepgramJson.number(best.path("confidence"), Double.NaN), n.path("speech_final").asBoolean(false),
                    language));
        }
        if (text.isBlank() || !deliverInterims) {
            return done(); // an interim for silence says nothing; one the application did not ask for neither
        }
        // Deepgram gives no stability estimate for interims.
        return emit(new StreamEvent.Interim(text, words, start, end, Double.NaN));
    }

    private static String errorText(JsonNode n) {
        for (String key : List.of("description", "message", "err_msg", "variant")) {
            if (n.path(key).isString()) {
                return n.path(key).asString();
            }
        }
        return "(no description)";
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
