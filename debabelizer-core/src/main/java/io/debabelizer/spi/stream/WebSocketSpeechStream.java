package io.debabelizer.spi.stream;

import io.debabelizer.ProtocolException;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.stt.StreamRequest;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The JDK WebSocket glue every live STT provider with a JSON-over-WebSocket protocol shares: the socket, a
 * {@link #listener()} that reassembles fragmented text messages and hands each whole one to {@link #onMessage},
 * audio as binary frames and {@link #abort()} by dropping the socket. The provider keeps its protocol: what its
 * messages mean, how a close code maps to an outcome, how it connects and configures the session.
 *
 * <p>Backpressure: the listener requests the next frame only once the stage {@link #onMessage} returned (normally
 * from {@link #emit}) completed, so a slow application slows the network read instead of filling memory.
 */
public abstract class WebSocketSpeechStream extends BaseSpeechStream {

    private volatile WebSocket ws;

    protected WebSocketSpeechStream(String provider, StreamRequest request) {
        super(provider, request);
    }

    /** The listener to connect with; it attaches the socket on open. One per stream. */
    public final WebSocket.Listener listener() {
        return new Listener();
    }

    // ---- what a provider implements -------------------------------------------------------------------------

    /**
     * One complete text message from the server. The next message is read only once the returned stage
     * completes (normally the stage of {@link #emit}); a provider that delivers nothing returns a completed stage.
     */
    protected abstract CompletionStage<?> onMessage(String text);

    /** The server closed the connection; the provider decides whether that completes or fails the stream. */
    protected abstract void onClose(int statusCode, String reason);

    /** A binary message from the server. Transcription protocols send JSON text, so by default it is an error. */
    protected void onBinaryMessage(ByteBuffer data, boolean last) {
        fail(new ProtocolException("unexpected binary message from the server", provider(), null, null));
    }

    /** The transport failed (reset, TLS, I/O): by default it ends the stream, unless it already ended. */
    protected void onTransportError(Throwable error) {
        if (!isTerminal()) {
            fail(HttpErrors.forTransportFailure(provider(), error));
        }
    }

    // ---- what a provider calls ------------------------------------------------------------------------------

    /** Sets the socket once the connection is established (the listener also does so on open). */
    protected final void attach(WebSocket socket) {
        this.ws = socket;
    }

    /** The connected socket; null before it opened. */
    protected final WebSocket socket() {
        return ws;
    }

    protected final CompletableFuture<WebSocket> sendText(String text) {
        return ws.sendText(text, true);
    }

    protected final CompletableFuture<WebSocket> sendBinary(byte[] data) {
        return ws.sendBinary(ByteBuffer.wrap(data), true);
    }

    /** Audio goes out as one binary frame per chunk, exactly as the application sent it. */
    @Override
    protected CompletionStage<?> transmitAudio(byte[] chunk) {
        return sendBinary(chunk);
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
        public void onOpen(WebSocket socket) {
            ws = socket; // before any message, so a failure can always abort the socket
            socket.request(1);
        }

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
            onMessage(message).whenComplete((v, e) -> socket.request(1));
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            onBinaryMessage(data, last);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            WebSocketSpeechStream.this.onClose(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            onTransportError(error);
        }
    }
}
