package io.debabelizer.deepgram;

import io.debabelizer.DebabelizerException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Wav;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.spi.stream.BaseTextToSpeechStream;
import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Text in, audio out over the speak WebSocket: {@code Speak} per piece of text, {@code Flush} to have it spoken
 * now, {@code Clear} to drop what was not spoken yet, {@code Close} at the end (the server speaks the rest, then
 * closes). Audio arrives as binary frames of bare samples; a WAV request gets a streaming WAV header first.
 */
public final class DeepgramTextStream extends BaseTextToSpeechStream {

    private static final Logger log = LoggerFactory.getLogger(DeepgramTextStream.class);
    private static final int BUFFER_CHUNKS = 64;

    private final Object sendLock = new Object();
    private final AtomicInteger flushed = new AtomicInteger();
    private final AtomicInteger cleared = new AtomicInteger();
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);
    private volatile WebSocket ws;
    private volatile boolean closeSent;
    private volatile String requestId;
    /** A WAV request's streaming header, sent in front of the first audio (so time to first audio stays honest). */
    private volatile byte[] pendingHeader;

    DeepgramTextStream(AudioFormat format, Consumer<DeepgramTextStream> onEnd) {
        super(DeepgramSettings.PROVIDER, format, BUFFER_CHUNKS);
        completion().whenComplete((v, e) -> onEnd.accept(this));
    }

    void begin(WebSocket socket) {
        this.ws = socket;
        if (format().container() == Container.WAV) {
            pendingHeader = Wav.header(format(), -1);
        }
    }

    WebSocket.Listener listener() {
        return new Listener();
    }

    /** Drops text sent but not yet spoken (e.g. the user interrupted); the server answers {@code Cleared}. */
    public void clear() {
        if (!isDone()) {
            transmit("Clear");
        }
    }

    /** How many {@code Flushed} confirmations arrived. */
    public int flushedCount() {
        return flushed.get();
    }

    /** How many {@code Cleared} confirmations arrived. */
    public int clearedCount() {
        return cleared.get();
    }

    /** Deepgram's request id, once its {@code Metadata} message arrived. */
    public String requestId() {
        return requestId;
    }

    @Override
    protected void transmitText(String text) {
        enqueue(DeepgramJson.write(Map.of("type", "Speak", "text", text)));
    }

    @Override
    protected void transmitFlush() {
        transmit("Flush");
    }

    @Override
    protected void transmitEndOfInput() {
        closeSent = true;
        transmit("Close");
    }

    private void transmit(String type) {
        enqueue("{\"type\":\"" + type + "\"}");
    }

    /** The JDK WebSocket takes one send at a time: chain them in call order. */
    private void enqueue(String json) {
        synchronized (sendLock) {
            sendTail = sendTail.thenCompose(v -> ws.sendText(json, true)).whenComplete((v, e) -> {
                if (e != null && !isDone()) {
                    fail(HttpErrors.forTransportFailure(provider(), e));
                }
            });
        }
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
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (!last) {
                socket.request(1);
                return null;
            }
            byte[] header = pendingHeader;
            if (header != null && binary.size() > 0) {
                pendingHeader = null;
                byte[] samples = binary.toByteArray();
                binary.reset();
                binary.writeBytes(header);
                binary.writeBytes(samples);
            }
            byte[] audio = binary.toByteArray();
            binary.reset();
            if (audio.length == 0) {
                socket.request(1);
                return null;
            }
            emitAudio(audio, List.of()).whenComplete((v, e) -> socket.request(1));
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                handle(message);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            if (!isDone()) {
                if (statusCode == WebSocket.NORMAL_CLOSURE && closeSent) {
                    complete();
                } else if (statusCode == WebSocket.NORMAL_CLOSURE) {
                    fail(new ProviderUnavailableException("the server ended the speak stream (1000) before Close "
                            + "was sent", provider(), requestId, null));
                } else {
                    fail(DeepgramErrors.forClose(statusCode, reason, requestId));
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

    private void handle(String message) {
        try {
            JsonNode n = DeepgramJson.parse(message, requestId);
            switch (n.path("type").asString("")) {
                case "Metadata" -> requestId = n.path("request_id").asString(requestId);
                case "Flushed" -> flushed.incrementAndGet();
                case "Cleared" -> cleared.incrementAndGet();
                case "Warning" -> log.warn("Deepgram speak warning {}: {}", n.path("code").asString(""),
                        n.path("description").asString(""));
                case "Error" -> fail(new ProviderUnavailableException("Deepgram reported an error: "
                        + n.path("description").asString(n.path("message").asString("(no description)")),
                        provider(), requestId, null));
                default -> log.debug("ignoring Deepgram speak message {}", message);
            }
        } catch (DebabelizerException e) {
            fail(e);
        }
    }
}
