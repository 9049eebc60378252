package io.debabelizer.openai;

import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.spi.stream.WebSocketSpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One live transcription over the Realtime API ({@code GET {base}/realtime?intent=transcription}, upgraded to a
 * WebSocket). The session is configured with {@code session.update} (type {@code transcription}: input format,
 * transcription model, language, prompt, noise reduction, turn detection) and {@link #connect()} returns once the
 * server confirmed it with {@code session.updated}. Audio goes as base64 in {@code input_audio_buffer.append};
 * {@code finalizeUtterance()} and end of input send {@code input_audio_buffer.commit}.
 *
 * <p>Inbound: {@code speech_started}/{@code speech_stopped} become {@link StreamEvent.SpeechStarted} and
 * {@link StreamEvent.UtteranceEnd}; each committed item's {@code ...transcription.delta}s become
 * {@link StreamEvent.Interim}s with the item's text so far and its {@code ...transcription.completed} a
 * {@link StreamEvent.Final}. Transcription runs asynchronously (item N may complete after item N+1), so finals are
 * released in commit order. Times come from the server's {@code audio_start_ms}/{@code audio_end_ms} (or, for
 * manual commits, the audio sent by then) and are stream seconds. After the last commit's transcript the client
 * closes the socket (transcription sessions have no {@code session.close}) and the stream completes.
 */
final class RealtimeSpeechStream extends WebSocketSpeechStream {

    private static final Logger log = LoggerFactory.getLogger(RealtimeSpeechStream.class);
    static final String PATH = "/realtime?intent=transcription";
    /** The server refuses to commit less than 100 ms of audio. */
    private static final double MIN_COMMIT_SECONDS = 0.1;
    /** Appends stay well below the 15 MiB event limit once base64-encoded. */
    private static final int MAX_APPEND_BYTES = 1 << 20;
    private static final Duration CLOSE_REPLY_WAIT = Duration.ofSeconds(5);

    /** One conversation item (an utterance) as the server reported it. */
    private static final class Item {
        double start = -1;
        double end = -1;
        final StringBuilder text = new StringBuilder();
        boolean committed;
        boolean done;
        String transcript;
    }

    private final OpenAiSettings settings;
    private final RealtimeAudio audio;
    private final String language;
    private final CompletableFuture<Void> configured = new CompletableFuture<>();
    private final Object lock = new Object();
    private final Map<String, Item> items = new HashMap<>();
    private final List<String> commitOrder = new ArrayList<>();
    private final Deque<Double> manualCommits = new ArrayDeque<>();
    private volatile String requestId;
    private long appendedSinceCommit;
    /** Stream time where the latest committed item ended. */
    private double lastCommittedEnd;
    private boolean ending;
    private volatile boolean closing;

    RealtimeSpeechStream(OpenAiSettings settings, StreamRequest request, Consumer<RealtimeSpeechStream> onEnd) {
        super(OpenAiSettings.PROVIDER, request);
        this.settings = settings;
        this.audio = new RealtimeAudio(request.format());
        this.language = request.language().filter(l -> !OpenAiLanguages.isDetect(l)).orElse(null);
        completion().whenComplete((c, e) -> onEnd.accept(this));
    }

    /** The session id ({@code sess_...}) once the server announced it. */
    String requestId() {
        return requestId;
    }

    // ---- connecting -----------------------------------------------------------------------------------------

    void connect() {
        CompletableFuture<WebSocket> future = settings.webSocket().buildAsync(settings.ws(PATH), listener());
        long waitMs = settings.connectTimeout().toMillis();
        boolean connected = false;
        try {
            attach(future.get(waitMs + 5_000, TimeUnit.MILLISECONDS));
            connected = true;
            sendText(OpenAiJson.write(sessionUpdate())).get(waitMs, TimeUnit.MILLISECONDS);
            configured.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            abort();
            throw connectFailure(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            abort();
            throw new ProviderTimeoutException(!connected ? "no answer to the WebSocket handshake within "
                    + settings.connectTimeout() : "the Realtime session was not configured (no session.updated) "
                    + "within " + settings.connectTimeout(), provider(), requestId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            abort();
            throw new ProviderUnavailableException("interrupted while connecting", provider(), null, e);
        }
        start();
    }

    private DebabelizerException connectFailure(Throwable cause) {
        if (cause instanceof DebabelizerException de) {
            return de;
        }
        if (cause instanceof WebSocketHandshakeException h) {
            HttpResponse<?> r = h.getResponse();
            Object body = r.body();
            byte[] bytes = body instanceof byte[] b ? b
                    : String.valueOf(body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
            return OpenAiErrors.forResponse(r.statusCode(), r.headers(), bytes, settings.apiKey());
        }
        if (cause instanceof HttpTimeoutException) {
            return new ProviderTimeoutException("no answer to the WebSocket handshake within "
                    + settings.connectTimeout(), provider(), null, cause);
        }
        return HttpErrors.forTransportFailure(provider(), cause);
    }

    /** The GA {@code session.update} for a transcription session. Provider options refine it. */
    Map<String, Object> sessionUpdate() {
        Map<String, Object> options = request().providerOptions();
        Map<String, Object> transcription = new LinkedHashMap<>();
        transcription.put("model", request().model().orElse(settings.realtimeModel()));
        if (language != null) {
            transcription.put("language", OpenAiLanguages.toIso639_1(language));
        }
        if (options.get("prompt") != null) {
            transcription.put("prompt", String.valueOf(options.get("prompt")));
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("format", audio.sessionFormat());
        input.put("transcription", transcription);
        Object noise = options.get("noise_reduction");
        if (noise != null) {
            String n = String.valueOf(noise).toLowerCase(Locale.ROOT);
            input.put("noise_reduction", n.equals("none") || n.equals("off") ? null : Map.of("type", n));
        }
        input.put("turn_detection", turnDetection(options));
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("type", "transcription");
        session.put("audio", Map.of("input", input));
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("type", "session.update");
        update.put("session", session);
        return update;
    }

    /**
     * Server VAD by default (silence from {@code endpointing}, else 500 ms); {@code endpointing} of zero or the
     * option {@code turn_detection=none} turns it off (then only {@code finalizeUtterance()} and end of input
     * commit); {@code turn_detection=semantic_vad} picks OpenAI's semantic detector.
     */
    private Map<String, Object> turnDetection(Map<String, Object> options) {
        String kind = String.valueOf(options.getOrDefault("turn_detection", "server_vad")).toLowerCase(Locale.ROOT);
        if (kind.equals("none") || kind.equals("null") || request().endpointing().map(Duration::isZero).orElse(false)) {
            return null;
        }
        Map<String, Object> td = new LinkedHashMap<>();
        td.put("type", kind);
        if (kind.equals("server_vad")) {
            td.put("threshold", number(options.get("vad_threshold"), 0.5));
            td.put("prefix_padding_ms", (long) number(options.get("prefix_padding_ms"), 300));
            td.put("silence_duration_ms", request().endpointing().map(Duration::toMillis)
                    .orElse((long) number(options.get("silence_duration_ms"), 500)));
        } else if (options.get("eagerness") != null) {
            td.put("eagerness", String.valueOf(options.get("eagerness")));
        }
        return td;
    }

    private static double number(Object v, double fallback) {
        if (v == null) {
            return fallback;
        }
        try {
            return v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("not a number: " + v, OpenAiSettings.PROVIDER, null, e);
        }
    }

    // ---- outbound -------------------------------------------------------------------------------------------

    @Override
    protected CompletionStage<?> transmitAudio(byte[] chunk) {
        return append(audio.convert(chunk));
    }

    private CompletionStage<?> append(byte[] data) {
        CompletionStage<?> last = CompletableFuture.completedFuture(null);
        for (int off = 0; off < data.length; off += MAX_APPEND_BYTES) {
            int n = Math.min(MAX_APPEND_BYTES, data.length - off);
            String b64 = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(data, off, off + n));
            String message = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + b64 + "\"}";
            synchronized (lock) {
                appendedSinceCommit += n;
            }
            if (off + n < data.length) {
                sendText(message).join();
            } else {
                last = sendText(message);
            }
        }
        return last;
    }

    @Override
    protected CompletionStage<?> transmitFinalize() {
        return commit();
    }

    /** Commits the buffer if it holds enough audio; remembers where the commit lies in stream time. */
    private CompletionStage<?> commit() {
        synchronized (lock) {
            if (appendedSinceCommit < MIN_COMMIT_SECONDS * audio.outputBytesPerSecond()) {
                return CompletableFuture.completedFuture(null);
            }
            appendedSinceCommit = 0;
            manualCommits.addLast(audioSecondsSent());
        }
        return sendText("{\"type\":\"input_audio_buffer.commit\"}");
    }

    @Override
    protected CompletionStage<?> transmitEndOfInput() {
        byte[] tail = audio.flush();
        CompletionStage<?> appended = tail.length == 0 ? CompletableFuture.completedFuture(null) : append(tail);
        return appended.thenCompose(v -> commit()).thenRun(() -> {
            synchronized (lock) {
                ending = true;
            }
            closeIfDone();
        });
    }

    /** After end of input: once every commit has its transcript, close the socket; the close completes the stream. */
    private void closeIfDone() {
        synchronized (lock) {
            if (!ending || closing || !manualCommits.isEmpty()) {
                return;
            }
            for (String id : commitOrder) {
                if (!items.get(id).done) {
                    return;
                }
            }
            closing = true;
        }
        WebSocket socket = socket();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((v, e) -> {
            if (e != null) {
                complete();
                abort();
            }
        });
        CompletableFuture.delayedExecutor(CLOSE_REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!isTerminal()) {
                complete(); // every result arrived; the server just did not answer the close
                abort();
            }
        });
    }

    // ---- inbound --------------------------------------------------------------------------------------------

    @Override
    protected void onBinaryMessage(ByteBuffer data, boolean last) {
        failOrReject(new ProtocolException("OpenAI sent a binary message on a Realtime session", provider(),
                requestId, null));
    }

    @Override
    protected void onClose(int statusCode, String reason) {
        if (closing && statusCode == WebSocket.NORMAL_CLOSURE) {
            complete();
        } else if (!isTerminal()) {
            failOrReject(forClose(statusCode, reason));
        }
    }

    @Override
    protected void onTransportError(Throwable error) {
        if (!isTerminal()) {
            failOrReject(HttpErrors.forTransportFailure(provider(), error));
        }
    }

    private DebabelizerException forClose(int code, String reason) {
        String why = reason == null || reason.isBlank() ? "" : " " + reason.strip();
        String message = "the server closed the session (" + code + why + ")";
        return switch (code) {
            case 1008 -> new InvalidInputException(message, provider(), requestId, null);
            default -> new ProviderUnavailableException(message + " before the end of the results", provider(),
                    requestId, null);
        };
    }

    /** Before the session is configured a failure is thrown from {@link #connect()}; after, it ends the stream. */
    private void failOrReject(DebabelizerException e) {
        if (!configured.isDone()) {
            configured.completeExceptionally(e);
        } else {
            fail(e);
        }
    }

    @Override
    protected CompletionStage<Void> onMessage(String message) {
        try {
            JsonNode n = OpenAiJson.parse(message, requestId);
            String type = n.path("type").asString(null);
            if (type == null) {
                throw new ProtocolException("a Realtime event without 'type': " + OpenAiJson.abbreviate(message),
                        provider(), requestId, null);
            }
            return switch (type) {
                case "session.created", "transcription_session.created" -> {
                    requestId = n.path("session").path("id").asString(requestId);
                    yield done();
                }
                case "session.updated", "transcription_session.updated" -> {
                    requestId = n.path("session").path("id").asString(requestId);
                    configured.complete(null);
                    yield done();
                }
                case "input_audio_buffer.speech_started" -> speechStarted(n);
                case "input_audio_buffer.speech_stopped" -> speechStopped(n);
                case "input_audio_buffer.committed" -> committed(n);
                case "conversation.item.input_audio_transcription.delta" -> delta(n);
                case "conversation.item.input_audio_transcription.completed" -> completed(n);
                case "conversation.item.input_audio_transcription.failed" -> transcriptionFailed(n);
                case "error" -> error(n);
                default -> {
                    log.trace("ignoring Realtime event {} on stream {}", type, sessionId());
                    yield done();
                }
            };
        } catch (DebabelizerException e) {
            failOrReject(e);
            return done();
        }
    }

    private Item item(String id) {
        return items.computeIfAbsent(id == null ? "" : id, k -> new Item());
    }

    private CompletionStage<Void> speechStarted(JsonNode n) {
        double at = n.path("audio_start_ms").asDouble(0) / 1000.0;
        synchronized (lock) {
            item(n.path("item_id").asString(null)).start = at;
        }
        return emit(new StreamEvent.SpeechStarted(at));
    }

    private CompletionStage<Void> speechStopped(JsonNode n) {
        double at = n.path("audio_end_ms").asDouble(0) / 1000.0;
        synchronized (lock) {
            item(n.path("item_id").asString(null)).end = at;
        }
        return emit(new StreamEvent.UtteranceEnd(at));
    }

    private CompletionStage<Void> committed(JsonNode n) {
        synchronized (lock) {
            String id = n.path("item_id").asString("");
            Item item = item(id);
            if (item.end < 0) {
                // Our own commit (server VAD reports speech_stopped with the end first).
                Double at = manualCommits.pollFirst();
                item.end = at != null ? at : audioSecondsSent();
            } else if (!manualCommits.isEmpty() && item.end >= manualCommits.peekFirst() - 1e-3) {
                manualCommits.pollFirst(); // VAD and our commit met at the same audio
            }
            if (item.start < 0) {
                item.start = Math.min(item.end, lastCommittedEnd); // no speech_started: it follows the previous item
            }
            lastCommittedEnd = Math.max(lastCommittedEnd, item.end);
            if (!item.committed) {
                item.committed = true;
                commitOrder.add(id);
            }
        }
        return done();
    }

    private CompletionStage<Void> delta(JsonNode n) {
        StreamEvent.Interim interim;
        synchronized (lock) {
            Item item = item(n.path("item_id").asString(null));
            item.text.append(n.path("delta").asString(""));
            if (!request().interimResults() || item.done || item.text.toString().isBlank()) {
                return done();
            }
            double start = Math.max(0, item.start);
            double end = item.end >= 0 ? item.end : Math.max(start, audioSecondsSent());
            interim = new StreamEvent.Interim(item.text.toString().strip(), List.of(), start, end, Double.NaN);
        }
        return emit(interim);
    }

    private CompletionStage<Void> completed(JsonNode n) {
        synchronized (lock) {
            String id = n.path("item_id").asString("");
            Item item = item(id);
            item.transcript = n.path("transcript").asString(item.text.toString()).strip();
            item.done = true;
            if (!item.committed) { // a server that skips input_audio_buffer.committed: release it in arrival order
                item.committed = true;
                item.end = item.end >= 0 ? item.end : audioSecondsSent();
                item.start = item.start >= 0 ? item.start : Math.min(item.end, lastCommittedEnd);
                lastCommittedEnd = Math.max(lastCommittedEnd, item.end);
                commitOrder.add(id);
            }
        }
        return releaseFinals();
    }

    private CompletionStage<Void> transcriptionFailed(JsonNode n) {
        DebabelizerException e;
        synchronized (lock) {
            Item item = item(n.path("item_id").asString(null));
            item.done = true;
            item.transcript = null;
            e = OpenAiErrors.forRealtimeError(n.path("error"), requestId, settings.apiKey());
        }
        return emit(new StreamEvent.Error(e, false)).thenCompose(v -> releaseFinals());
    }

    /** Emits the finals of completed items at the head of the commit order, then checks for the end. */
    private CompletionStage<Void> releaseFinals() {
        List<StreamEvent.Final> ready = new ArrayList<>();
        synchronized (lock) {
            while (!commitOrder.isEmpty() && items.get(commitOrder.getFirst()).done) {
                String id = commitOrder.removeFirst();
                Item item = items.remove(id);
                if (item.transcript != null) {
                    double start = Math.max(0, item.start);
                    ready.add(new StreamEvent.Final(item.transcript, List.of(), start, Math.max(start, item.end),
                            Double.NaN, true, language));
                }
            }
        }
        CompletionStage<Void> chain = done();
        for (StreamEvent.Final f : ready) {
            chain = chain.thenCompose(v -> emit(f));
        }
        return chain.thenRun(this::closeIfDone);
    }

    private CompletionStage<Void> error(JsonNode n) {
        JsonNode error = n.path("error");
        String code = error.path("code").asString("");
        if (code.equals("input_audio_buffer_commit_empty")) {
            // Server VAD had already committed everything our commit would have: nothing to wait for.
            synchronized (lock) {
                manualCommits.pollFirst();
            }
            closeIfDone();
            return done();
        }
        DebabelizerException e = OpenAiErrors.forRealtimeError(error, requestId, settings.apiKey());
        if (!configured.isDone() || OpenAiErrors.isFatal(e)) {
            failOrReject(e);
            return done();
        }
        return emit(new StreamEvent.Error(e, false));
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
