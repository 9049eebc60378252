package io.debabelizer.azure;

import io.debabelizer.DebabelizerException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.audio.Wav;
import io.debabelizer.spi.stream.WebSocketSpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One live recognition over the Speech service WebSocket protocol (continuous recognition, conversation mode).
 *
 * <p>Audio is sent in <em>turns</em>. A turn starts with {@code speech.context} and a 44-byte streaming WAV header
 * under a new request id, carries the PCM in messages of at most 8 KiB, and ends with an empty audio message; the
 * service answers with {@code turn.start}, hypotheses, phrases (several per turn), {@code speech.endDetected} and
 * {@code turn.end}. {@link #finalizeUtterance()} ends the turn and waits for its {@code turn.end}, so every phrase
 * for the audio so far arrives; the next audio opens a new turn on the same connection. End of input ends the last
 * turn, and its {@code turn.end} completes the stream. The service's times count from the start of each turn's
 * audio, so each turn remembers where in the stream it began. When the service ends a turn on its own (it may,
 * after long silence), the next audio opens a new turn; audio already on its way to the ended turn is not
 * replayed (the Speech SDK replays it from its own buffer; {@link #unfinalizedAudio()} holds it here).
 */
final class AzureSpeechStream extends WebSocketSpeechStream {

    private static final Logger log = LoggerFactory.getLogger(AzureSpeechStream.class);

    static final String SPEECH_CONFIG = "speech.config";
    static final String SPEECH_CONTEXT = "speech.context";
    static final String AUDIO = "audio";
    static final String JSON = "application/json";
    static final String WAV = "audio/x-wav";
    /** The protocol's limit on the audio in one message. */
    static final int MAX_AUDIO_PAYLOAD = 8192;

    /** One turn: its request id, where its audio began in the stream, and the arrival of its {@code turn.end}. */
    private record Turn(String requestId, double startSeconds, CompletableFuture<Void> ended) {
    }

    private final String connectionId;
    private final String speechContext;
    private final Clock clock;
    private final Map<String, Turn> turns = new ConcurrentHashMap<>();
    private final Object turnLock = new Object();
    /** The turn audio goes to; null between turns (guarded by turnLock). */
    private Turn openTurn;
    /** The most recent turn, for messages whose request id names none. */
    private volatile Turn lastTurn;
    private volatile boolean inputEnded;
    private boolean configSent;      // sender thread only
    private long audioBytesSent;     // sender thread only

    AzureSpeechStream(StreamRequest request, String connectionId, String speechContext, Clock clock,
                      Consumer<AzureSpeechStream> onEnd) {
        super(AzureSettings.PROVIDER, request);
        this.connectionId = connectionId;
        this.speechContext = speechContext;
        this.clock = clock;
        completion().whenComplete((c, e) -> onEnd.accept(this));
    }

    void begin(WebSocket socket) {
        attach(socket);
        start();
    }

    /** The {@code X-ConnectionId} of this stream, which Azure's support asks for. */
    String connectionId() {
        return connectionId;
    }

    // ---- outbound -------------------------------------------------------------------------------------------

    @Override
    protected CompletionStage<?> transmitAudio(byte[] chunk) {
        Turn turn;
        synchronized (turnLock) {
            turn = openTurn;
        }
        CompletableFuture<?> sent = CompletableFuture.completedFuture(null);
        if (turn == null) {
            turn = openNewTurn();
            sent = sendTurnStart(turn);
        }
        String requestId = turn.requestId();
        for (int offset = 0; offset < chunk.length; offset += MAX_AUDIO_PAYLOAD) {
            int from = offset;
            int length = Math.min(MAX_AUDIO_PAYLOAD, chunk.length - offset);
            sent = sent.thenCompose(x -> sendUsp(AUDIO, requestId, null, chunk, from, length));
        }
        audioBytesSent += chunk.length;
        return sent;
    }

    /** A turn under a new request id, starting at the audio sent so far. */
    private Turn openNewTurn() {
        Turn turn = new Turn(Usp.newId(), secondsForBytes(audioBytesSent), new CompletableFuture<>());
        turns.put(turn.requestId(), turn);
        synchronized (turnLock) {
            openTurn = turn;
        }
        lastTurn = turn;
        return turn;
    }

    /** {@code speech.config} (first turn only), then the turn's {@code speech.context} and WAV header. */
    private CompletableFuture<?> sendTurnStart(Turn turn) {
        CompletableFuture<?> sent = CompletableFuture.completedFuture(null);
        if (!configSent) {
            configSent = true;
            sent = sendText(Usp.text(SPEECH_CONFIG, Usp.newId(), clock.instant(), JSON,
                    UspBodies.speechConfig(request().format())));
        }
        byte[] header = Wav.header(request().format(), 0);
        return sent.thenCompose(x -> sendText(Usp.text(SPEECH_CONTEXT, turn.requestId(), clock.instant(), JSON,
                        speechContext)))
                .thenCompose(x -> sendUsp(AUDIO, turn.requestId(), WAV, header, 0, header.length));
    }

    /** Closes the open turn for audio (the next audio opens a new one); null when none was open. */
    private Turn closeTurn() {
        synchronized (turnLock) {
            Turn turn = openTurn;
            openTurn = null;
            return turn;
        }
    }

    /** The empty audio message that ends a turn's audio. */
    private CompletableFuture<WebSocket> sendEndOfTurnAudio(Turn turn) {
        return sendUsp(AUDIO, turn.requestId(), null, new byte[0], 0, 0);
    }

    /** Ends the turn and waits for its {@code turn.end}, so all its phrases arrive before more audio goes out. */
    @Override
    protected CompletionStage<?> transmitFinalize() {
        Turn turn = closeTurn();
        return turn == null ? done() : sendEndOfTurnAudio(turn).thenCompose(x -> turn.ended());
    }

    /** Ends the last turn; its {@code turn.end} completes the stream (at once when no turn is under way). */
    @Override
    protected CompletionStage<?> transmitEndOfInput() {
        inputEnded = true;
        Turn turn = closeTurn();
        if (turn != null) {
            return sendEndOfTurnAudio(turn);
        }
        if (turns.isEmpty()) {
            finishCompleted();
        }
        return done();
    }

    private CompletableFuture<WebSocket> sendUsp(String path, String requestId, String contentType, byte[] payload,
                                                 int offset, int length) {
        ByteBuffer message = Usp.binary(path, requestId, clock.instant(), contentType, payload, offset, length);
        return socket().sendBinary(message, true);
    }

    /**
     * Completes the stream and closes the connection, which the service leaves open after a turn: a close frame,
     * then the TCP connection at once. Every result has arrived, so nothing is lost by not waiting for the service's
     * echo, and the HTTP client never keeps a half-closed exchange.
     */
    private void finishCompleted() {
        complete();
        WebSocket socket = socket();
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((ws, e) -> socket.abort());
        }
    }

    // ---- inbound --------------------------------------------------------------------------------------------

    @Override
    protected CompletionStage<?> onMessage(String text) {
        try {
            Usp.Message m = Usp.Message.parse(text, connectionId);
            Turn turn = m.requestId() == null ? lastTurn : turns.getOrDefault(m.requestId(), lastTurn);
            double base = turn == null ? 0 : turn.startSeconds();
            return switch (m.path()) {
                case "turn.start" -> done();
                case "speech.startDetected" -> emit(new StreamEvent.SpeechStarted(
                        base + AzureJson.ticksToSeconds(json(m).path("Offset"), connectionId)));
                case "speech.hypothesis", "speech.fragment" -> hypothesis(json(m), base);
                case "speech.phrase" -> phrase(json(m), base);
                case "speech.endDetected" -> emit(new StreamEvent.UtteranceEnd(m.body().isBlank() ? -1
                        : base + AzureJson.ticksToSeconds(json(m).path("Offset"), connectionId)));
                case "turn.end" -> {
                    turnEnded(turn);
                    yield done();
                }
                default -> {
                    log.debug("ignoring Azure message {} on stream {}", m.path(), sessionId());
                    yield done();
                }
            };
        } catch (DebabelizerException e) {
            fail(e);
            return done();
        }
    }

    private JsonNode json(Usp.Message m) {
        return AzureJson.parse(m.body(), connectionId);
    }

    private CompletionStage<Void> hypothesis(JsonNode n, double base) {
        String text = n.path("Text").asString("");
        if (!request().interimResults() || text.isBlank()) {
            return done();
        }
        double start = base + AzureJson.ticksToSeconds(n.path("Offset"), connectionId);
        double end = start + AzureJson.ticksToSeconds(n.path("Duration"), connectionId);
        return emit(new StreamEvent.Interim(text, List.of(), start, end, Double.NaN));
    }

    private CompletionStage<Void> phrase(JsonNode n, double base) {
        RecognizedPhrase p = RecognizedPhrase.parse(n, base, connectionId);
        if (RecognizedPhrase.isNothingRecognised(p.status())) {
            return done();
        }
        if (!p.isSuccess()) {
            fail(AzureErrors.forRecognitionStatus(p.status(), connectionId));
            return done();
        }
        String text = p.wordText();
        if (text.isBlank()) {
            return done();
        }
        // Each phrase ends at a pause Azure judged the end of an utterance.
        return emit(new StreamEvent.Final(text, p.words(), p.start(), p.end(), p.confidence(), true, p.language()));
    }

    private void turnEnded(Turn turn) {
        if (turn == null) {
            return;
        }
        synchronized (turnLock) {
            if (openTurn == turn) {
                openTurn = null; // the service ended the turn itself: the next audio opens a new one
            }
        }
        turns.remove(turn.requestId());
        turn.ended().complete(null);
        if (inputEnded && turns.isEmpty()) {
            finishCompleted();
        }
    }

    @Override
    protected void onClose(int statusCode, String reason) {
        if (isTerminal()) {
            return;
        }
        if (statusCode == WebSocket.NORMAL_CLOSURE) {
            fail(new ProviderUnavailableException("the service closed the stream before the last turn.end",
                    provider(), connectionId, null));
        } else {
            fail(AzureErrors.forClose(statusCode, reason, connectionId));
        }
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
