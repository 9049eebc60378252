package io.debabelizer.elevenlabs;

import io.debabelizer.DebabelizerException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Wav;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.spi.stream.BaseTextToSpeechStream;
import io.debabelizer.spi.stream.IdleWatchdog;
import io.debabelizer.tts.SpeechTiming;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Text in, audio out over the {@code stream-input} WebSocket. The first message is a single space with the voice
 * settings and generation config; text pieces (e.g. LLM tokens) are held until a word boundary and sent ending with
 * a space, with {@code flush} at sentence ends (or {@code try_trigger_generation}, when flushing at sentence ends is
 * turned off) and before the closing {@code {"text":""}}. Audio messages carry base64 audio and character alignment
 * relative to the chunk; they become chunks with word timings in stream time. {@code isFinal: true} completes the
 * stream and the socket is closed normally.
 */
public final class ElevenLabsTextStream extends BaseTextToSpeechStream {

    private static final int BUFFER_CHUNKS = 64;

    private final ElevenLabsSettings settings;
    private final OutputFormat outputFormat;
    private final boolean flushAtSentenceEnd;
    private final WordAligner aligner = new WordAligner();
    private final IdleWatchdog watchdog;
    private final Object sendLock = new Object();
    private final StringBuilder held = new StringBuilder();
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);
    private volatile WebSocket ws;
    private volatile byte[] pendingHeader;
    private volatile int messagesSent;
    private volatile int flushesSent;
    private volatile boolean endSent;
    private volatile long lastSendNanos = System.nanoTime();
    /** Seconds of audio before the next chunk: where that chunk's alignment times start. */
    private double streamSeconds;

    ElevenLabsTextStream(OutputFormat format, ElevenLabsSettings settings, boolean flushAtSentenceEnd,
                         Consumer<ElevenLabsTextStream> onEnd) {
        super(ElevenLabsSettings.PROVIDER, format.format(), BUFFER_CHUNKS);
        this.settings = settings;
        this.outputFormat = format;
        this.flushAtSentenceEnd = flushAtSentenceEnd;
        this.watchdog = new IdleWatchdog(settings.requestTimeout(), () -> fail(new ProviderTimeoutException(
                "no audio from ElevenLabs within " + settings.requestTimeout() + " after the end of input",
                provider(), null, null)));
        completion().whenComplete((v, e) -> {
            watchdog.stop();
            onEnd.accept(this);
        });
    }

    void begin(WebSocket socket, String initMessage) {
        this.ws = socket;
        if (outputFormat.wrapWav()) {
            pendingHeader = Wav.header(outputFormat.wireFormat(), -1);
        }
        enqueue(initMessage);
        scheduleKeepAlive(settings.keepAlive().toNanos());
    }

    /**
     * While the input is open, a single space goes out whenever no text was sent for the keep-alive interval (the
     * API's documented keep-alive); it adds only whitespace to what is spoken. Runs on the common pool's delayed
     * executor, so no thread of its own outlives the stream.
     */
    private void scheduleKeepAlive(long delayNanos) {
        CompletableFuture.runAsync(this::keepAlive, CompletableFuture.delayedExecutor(Math.max(delayNanos, 1),
                java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    private void keepAlive() {
        long interval = settings.keepAlive().toNanos();
        synchronized (sendLock) {
            if (isDone() || endSent) {
                return;
            }
            long idle = System.nanoTime() - lastSendNanos;
            if (idle >= interval) {
                enqueue("{\"text\":\" \"}");
                idle = 0;
            }
            scheduleKeepAlive(interval - idle);
        }
    }

    WebSocket.Listener listener() {
        return new Listener();
    }

    /** Text messages sent so far (the first, a single space, included). */
    public int messagesSent() {
        return messagesSent;
    }

    /** Messages sent with {@code flush: true}. */
    public int flushesSent() {
        return flushesSent;
    }

    @Override
    protected void transmitText(String text) {
        synchronized (sendLock) {
            held.append(text);
            int boundary = lastWhitespace(held);
            if (boundary < 0) {
                return; // inside a word: wait for its end
            }
            String ready = held.substring(0, boundary + 1);
            held.delete(0, boundary + 1);
            if (ready.isBlank()) {
                return;
            }
            int sentence = lastSentenceEnd(ready);
            if (sentence > 0) {
                sendPiece(ready.substring(0, sentence), flushAtSentenceEnd, !flushAtSentenceEnd);
                ready = ready.substring(sentence);
            }
            if (!ready.isBlank()) {
                sendPiece(ready, false, false);
            }
        }
    }

    /**
     * Where the last complete sentence in a piece ends (just after the whitespace that follows its punctuation), or
     * 0 when the piece ends none.
     */
    static int lastSentenceEnd(String piece) {
        for (int i = piece.length() - 1; i > 0; i--) {
            if (Character.isWhitespace(piece.charAt(i)) && endsSentence(piece.substring(0, i + 1))) {
                return i + 1;
            }
        }
        return 0;
    }

    @Override
    protected void transmitFlush() {
        synchronized (sendLock) {
            String rest = held.toString();
            held.setLength(0);
            sendPiece(rest.isBlank() ? " " : rest, true, false);
        }
    }

    @Override
    protected void transmitEndOfInput() {
        synchronized (sendLock) {
            String rest = held.toString();
            held.setLength(0);
            if (!rest.isBlank()) {
                sendPiece(rest, true, false);
            }
            enqueue("{\"text\":\"\"}");
            endSent = true;
        }
        watchdog.arm();
    }

    /** Sends one piece; the API wants each to end with a space. Caller holds {@code sendLock}. */
    private void sendPiece(String text, boolean flush, boolean trigger) {
        String t = text.endsWith(" ") ? text : text + " ";
        aligner.sentText(t);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", t);
        if (trigger) {
            m.put("try_trigger_generation", true);
        }
        if (flush) {
            m.put("flush", true);
            flushesSent++;
        }
        enqueue(ElevenLabsJson.write(m));
    }

    private static int lastWhitespace(CharSequence s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a piece ends a sentence ("Hello there. ", "Really?\n"). */
    static boolean endsSentence(String piece) {
        String t = piece.stripTrailing();
        if (t.isEmpty()) {
            return false;
        }
        if (piece.endsWith("\n")) {
            return true;
        }
        // closing quotes and brackets after the punctuation
        int i = t.length() - 1;
        while (i > 0 && "\"'”’)]".indexOf(t.charAt(i)) >= 0) {
            i--;
        }
        return ".!?…。！？".indexOf(t.charAt(i)) >= 0;
    }

    /** The JDK WebSocket takes one send at a time: chain them in call order. */
    private void enqueue(String json) {
        synchronized (sendLock) {
            messagesSent++;
            lastSendNanos = System.nanoTime();
            sendTail = sendTail.thenCompose(v -> ws.sendText(json, true)).whenComplete((v, e) -> {
                if (e != null && !isDone()) {
                    fail(HttpErrors.forTransportFailure(provider(), e));
                }
            });
        }
    }

    @Override
    protected void abort() {
        watchdog.stop();
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
            watchdog.touch();
            CompletionStage<Void> buffered = null;
            try {
                buffered = handle(socket, message);
            } catch (DebabelizerException e) {
                fail(e);
            }
            if (buffered == null) {
                socket.request(1);
            } else {
                buffered.whenComplete((v, e) -> socket.request(1));
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, java.nio.ByteBuffer data, boolean last) {
            fail(new ProtocolException("ElevenLabs sent a binary message on the stream-input socket", provider(),
                    null, null));
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            if (!isDone()) {
                if (statusCode == WebSocket.NORMAL_CLOSURE && endSent) {
                    finishAlignment();
                    complete();
                } else {
                    fail(ElevenLabsErrors.forClose(statusCode, reason));
                }
            }
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            if (!isDone()) {
                fail(HttpErrors.forTransportFailure(provider(), error));
            }
        }
    }

    /** Handles one server message; returns the stage that completes when its audio is buffered, or null. */
    private CompletionStage<Void> handle(WebSocket socket, String message) {
        if (isDone()) {
            return null;
        }
        JsonNode n = ElevenLabsJson.parse(message, null);
        if (!n.isObject()) {
            throw new ProtocolException("expected a JSON object on the stream-input socket", provider(), null, null);
        }
        if (n.path("error").isString() || n.path("error").isObject()) {
            JsonNode err = n.path("error");
            String code = err.isString() ? err.asString() : err.path("code").asString(err.path("type").asString(null));
            String text = n.path("message").asString(err.path("message").asString(null));
            fail(ElevenLabsErrors.forSocketError(code, text, n.path("code").asInt(0), settings.apiKey()));
            return null;
        }
        CompletionStage<Void> buffered = null;
        JsonNode audio = n.path("audio");
        if (audio.isString() && !audio.asString().isEmpty()) {
            byte[] bytes = ElevenLabsTtsProvider.base64(audio, null);
            Alignments.Piece piece = Alignments.socketPiece(n, null);
            double offset = streamSeconds;
            List<SpeechTiming> timings = aligner.feed(piece.chars(), piece.starts(), piece.ends(), offset);
            AudioFormat wire = outputFormat.wireFormat();
            streamSeconds = wire.isUncompressed() && wire.bytesPerSecond() > 0
                    ? offset + (double) bytes.length / wire.bytesPerSecond()
                    : Math.max(offset, offset + piece.lastEnd());
            byte[] header = pendingHeader;
            if (header != null) {
                pendingHeader = null;
                byte[] joined = Arrays.copyOf(header, header.length + bytes.length);
                System.arraycopy(bytes, 0, joined, header.length, bytes.length);
                bytes = joined;
            }
            buffered = emitAudio(bytes, timings);
        }
        if (n.path("isFinal").asBoolean(false)) {
            finishAlignment();
            complete();
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
            // Nothing but the server's close comes now: read it whether or not the application drains the audio,
            // so the connection ends (the HTTP client's close() waits for every open WebSocket).
            socket.request(Long.MAX_VALUE);
        }
        return buffered;
    }

    /** Delivers the timing of a last word that no whitespace followed. */
    private void finishAlignment() {
        List<SpeechTiming> rest = aligner.finish();
        if (!rest.isEmpty()) {
            emitAudio(new byte[0], new ArrayList<>(rest));
        }
    }

    @Override
    public String toString() {
        return "ElevenLabsTextStream[" + format() + ", sent=" + messagesSent + "]";
    }
}
