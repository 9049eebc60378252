package io.debabelizer.testkit.fake;

import io.debabelizer.testkit.fake.WsFrame.Opcode;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The server side of one accepted WebSocket connection, as a fake's script sees it: receive messages in order,
 * send text/binary/fragments/pings, close with a code, or misbehave (drop the TCP connection, stop reading, send raw
 * bytes). Frames from the client are checked strictly against RFC 6455 (masking, reserved bits, control-frame rules,
 * continuation order, UTF-8 text); a violation closes the connection with 1002/1007 and is kept in
 * {@link #protocolErrors()}.
 *
 * <p>A reader thread answers pings, reassembles fragments and queues messages for {@link #receive}; the handler
 * thread sends. Sends are serialised, so both may send (the reader only sends pongs and close replies).
 */
public final class WsConnection {

    /** Largest message the fake accepts; bigger ones close the connection with 1009. */
    static final int MAX_MESSAGE = 64 * 1024 * 1024;
    private static final Duration DEFAULT_RECEIVE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_REPLY_WAIT = Duration.ofSeconds(5);

    private final FakeWebSocketServer server;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final RecordedRequest request;
    private final LinkedBlockingQueue<WsMessage> inbox = new LinkedBlockingQueue<>();
    private final List<WsMessage> received = new CopyOnWriteArrayList<>();
    private final List<WsFrame> frames = new CopyOnWriteArrayList<>();
    private final List<String> protocolErrors = new CopyOnWriteArrayList<>();
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private final Object writeLock = new Object();
    private volatile boolean closeSent;
    private volatile boolean stopReading;
    private volatile WsMessage.Close closeReceived;

    WsConnection(FakeWebSocketServer server, Socket socket, InputStream in, OutputStream out,
                 RecordedRequest request) {
        this.server = server;
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.request = request;
    }

    /** The upgrade request (path, query, headers) that opened this connection. */
    public RecordedRequest request() {
        return request;
    }

    // ---- receiving ------------------------------------------------------------------------------------------

    /** The next message, waiting up to 30 s; fails the script if none came. */
    public WsMessage receive() throws InterruptedException {
        WsMessage m = receive(DEFAULT_RECEIVE_TIMEOUT);
        if (m == null) {
            throw new AssertionError("no WebSocket message within " + DEFAULT_RECEIVE_TIMEOUT);
        }
        return m;
    }

    /**
     * The next message, or null after {@code timeout}. After the connection ended it returns the
     * {@link WsMessage.Close} (1006 when the peer vanished without a close frame) again and again.
     */
    public WsMessage receive(Duration timeout) throws InterruptedException {
        WsMessage m = inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (m instanceof WsMessage.Close c) {
            inbox.offer(c); // keep answering with the close, like a closed socket keeps answering EOF
        }
        return m;
    }

    /** The next message, which must be text. */
    public String receiveText() throws InterruptedException {
        return receive().asText();
    }

    /** Every message received so far (pings and pongs excluded), in order. */
    public List<WsMessage> received() {
        return List.copyOf(received);
    }

    /** Every frame received so far, control frames included, in order. */
    public List<WsFrame> frames() {
        return List.copyOf(frames);
    }

    /** All binary payloads received so far, concatenated: the audio that reached the server. */
    public byte[] receivedBinary() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (WsMessage m : received) {
            if (m instanceof WsMessage.Binary b) {
                all.writeBytes(b.data());
            }
        }
        return all.toByteArray();
    }

    /** RFC 6455 violations seen from the client (each closed the connection). */
    public List<String> protocolErrors() {
        return List.copyOf(protocolErrors);
    }

    /** The client's close frame, once it came. */
    public java.util.Optional<WsMessage.Close> closeReceived() {
        return java.util.Optional.ofNullable(closeReceived);
    }

    /** Waits until the connection has ended (close handshake done, dropped, or failed); false on timeout. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return readerDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean isOpen() {
        return readerDone.getCount() > 0 && !socket.isClosed();
    }

    // ---- sending --------------------------------------------------------------------------------------------

    public void sendText(String text) throws IOException {
        sendFrame(Opcode.TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Serialises {@code value} with {@link Json} and sends it as text. */
    public void sendJson(Object value) throws IOException {
        sendText(Json.write(value));
    }

    public void sendBinary(byte[] data) throws IOException {
        sendFrame(Opcode.BINARY, true, data);
    }

    /** Sends a text message split into frames of at most {@code fragmentSize} bytes (first TEXT, then CONTINUATION). */
    public void sendFragmentedText(String text, int fragmentSize) throws IOException {
        sendFragmented(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8), fragmentSize);
    }

    public void sendFragmentedBinary(byte[] data, int fragmentSize) throws IOException {
        sendFragmented(Opcode.BINARY, data, fragmentSize);
    }

    private void sendFragmented(Opcode first, byte[] data, int fragmentSize) throws IOException {
        if (fragmentSize <= 0) {
            throw new IllegalArgumentException("fragment size must be positive");
        }
        synchronized (writeLock) {
            int pos = 0;
            do {
                int n = Math.min(fragmentSize, data.length - pos);
                boolean fin = pos + n >= data.length;
                writeFrame(pos == 0 ? first : Opcode.CONTINUATION, fin, data, pos, n);
                pos += n;
            } while (pos < data.length);
            out.flush();
        }
    }

    public void sendPing(byte[] payload) throws IOException {
        sendFrame(Opcode.PING, true, payload);
    }

    /** Text that is not JSON, for "the provider sent garbage" scenarios. */
    public void sendMalformedJson() throws IOException {
        sendText("{\"type\": \"Results\", \"channel\": {\"alternatives\": [");
    }

    /** Writes bytes as they are, bypassing framing (to send a malformed frame). */
    public void sendRaw(byte[] bytes) throws IOException {
        synchronized (writeLock) {
            out.write(bytes);
            out.flush();
        }
    }

    /**
     * Starts the close handshake: sends a close frame, waits (bounded) for the client's close frame, then closes
     * the TCP connection. {@code code} 1005 sends a close frame with no status.
     */
    public void close(int code, String reason) throws InterruptedException {
        try {
            sendClose(code, reason);
        } catch (IOException e) {
            LoopbackServer.closeQuietly(socket);
            return;
        }
        readerDone.await(CLOSE_REPLY_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        LoopbackServer.closeQuietly(socket);
    }

    /** Cuts the TCP connection with a reset, no close frame: the client must see an abnormal closure (1006). */
    public void drop() {
        LoopbackServer.reset(socket);
    }

    /**
     * Stops reading from the socket (the reader thread parks), so the client's sends back up once the TCP buffers
     * fill: a stalled server.
     */
    public void stopReading() {
        stopReading = true;
    }

    /** Waits; returns early (false) if the server closes. */
    public boolean pause(Duration d) throws InterruptedException {
        return server.pause(d);
    }

    private void sendClose(int code, String reason) throws IOException {
        byte[] payload;
        if (code == WsMessage.Close.NO_STATUS) {
            payload = new byte[0];
        } else {
            byte[] r = reason.getBytes(StandardCharsets.UTF_8);
            payload = ByteBuffer.allocate(2 + r.length).putShort((short) code).put(r).array();
        }
        synchronized (writeLock) {
            if (closeSent) {
                return;
            }
            closeSent = true;
            writeFrame(Opcode.CLOSE, true, payload, 0, payload.length);
            out.flush();
        }
    }

    private void sendFrame(Opcode op, boolean fin, byte[] data) throws IOException {
        synchronized (writeLock) {
            if (closeSent && op != Opcode.CLOSE) {
                throw new IOException("close frame already sent");
            }
            writeFrame(op, fin, data, 0, data.length);
            out.flush();
        }
    }

    /** Server frames are never masked (RFC 6455 5.1). */
    private void writeFrame(Opcode op, boolean fin, byte[] data, int off, int len) throws IOException {
        out.write((fin ? 0x80 : 0) | op.code);
        if (len < 126) {
            out.write(len);
        } else if (len <= 0xffff) {
            out.write(126);
            out.write(len >>> 8);
            out.write(len & 0xff);
        } else {
            out.write(127);
            out.write(ByteBuffer.allocate(8).putLong(len).array());
        }
        out.write(data, off, len);
    }

    // ---- reading (reader thread) ----------------------------------------------------------------------------

    /** Reads frames until close or failure. Runs on its own virtual thread. */
    void readLoop() {
        Opcode messageType = null;
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try {
            while (true) {
                while (stopReading && !server.isClosed()) {
                    server.pause(Duration.ofMillis(50));
                }
                int b0 = in.read();
                if (b0 < 0) {
                    throw new EOFException("peer closed the TCP connection");
                }
                int b1 = readByte();
                boolean fin = (b0 & 0x80) != 0;
                if ((b0 & 0x70) != 0) {
                    protocolError(1002, "reserved bits set without an extension");
                    return;
                }
                Opcode op = Opcode.of(b0 & 0x0f);
                if (op == null) {
                    protocolError(1002, "unknown opcode " + (b0 & 0x0f));
                    return;
                }
                if ((b1 & 0x80) == 0) {
                    protocolError(1002, "client frame is not masked");
                    return;
                }
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = (readByte() << 8) | readByte();
                } else if (len == 127) {
                    len = ByteBuffer.wrap(readN(8)).getLong();
                }
                if (op.isControl() && (len > 125 || !fin)) {
                    protocolError(1002, "control frame fragmented or longer than 125 bytes");
                    return;
                }
                if (len < 0 || len > MAX_MESSAGE || message.size() + len > MAX_MESSAGE) {
                    protocolError(1009, "message larger than " + MAX_MESSAGE + " bytes");
                    return;
                }
                byte[] mask = readN(4);
                byte[] payload = readN((int) len);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
                if (server.isRecording()) {
                    frames.add(new WsFrame(op, fin, payload));
                }
                switch (op) {
                    case PING -> sendFrame(Opcode.PONG, true, payload);
                    case PONG -> {
                        // unsolicited pongs are allowed; recorded in frames()
                    }
                    case CLOSE -> {
                        onClose(payload);
                        return;
                    }
                    case TEXT, BINARY -> {
                        if (messageType != null) {
                            protocolError(1002, "new data frame while a fragmented message is unfinished");
                            return;
                        }
                        messageType = op;
                        message.writeBytes(payload);
                    }
                    case CONTINUATION -> {
                        if (messageType == null) {
                            protocolError(1002, "continuation frame without a message to continue");
                            return;
                        }
                        message.writeBytes(payload);
                    }
                }
                if (fin && messageType != null && !op.isControl()) {
                    byte[] data = message.toByteArray();
                    message.reset();
                    WsMessage m;
                    if (messageType == Opcode.TEXT) {
                        String text = decodeUtf8(data);
                        if (text == null) {
                            protocolError(1007, "text message is not valid UTF-8");
                            return;
                        }
                        m = new WsMessage.Text(text);
                    } else {
                        m = new WsMessage.Binary(data);
                    }
                    messageType = null;
                    deliver(m);
                }
            }
        } catch (IOException | InterruptedException e) {
            deliverEnd(new WsMessage.Close(WsMessage.Close.ABNORMAL, ""));
        } finally {
            readerDone.countDown();
        }
    }

    private void onClose(byte[] payload) throws IOException {
        WsMessage.Close close;
        if (payload.length == 0) {
            close = new WsMessage.Close(WsMessage.Close.NO_STATUS, "");
        } else if (payload.length == 1) {
            protocolError(1002, "close frame with a one-byte payload");
            return;
        } else {
            int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
            String reason = decodeUtf8(java.util.Arrays.copyOfRange(payload, 2, payload.length));
            if (reason == null) {
                protocolError(1007, "close reason is not valid UTF-8");
                return;
            }
            close = new WsMessage.Close(code, reason);
        }
        closeReceived = close;
        // Echo the status code, as RFC 6455 5.5.1 suggests, then end the TCP connection (the server closes first).
        try {
            sendClose(close.code() == WsMessage.Close.NO_STATUS ? 1000 : close.code(), "");
        } finally {
            deliverEnd(close);
            LoopbackServer.closeQuietly(socket);
        }
    }

    private void protocolError(int code, String problem) {
        protocolErrors.add(problem);
        try {
            sendClose(code, problem.length() > 120 ? problem.substring(0, 120) : problem);
        } catch (IOException ignored) {
            // the connection ends either way
        }
        deliverEnd(new WsMessage.Close(WsMessage.Close.ABNORMAL, problem));
        LoopbackServer.closeQuietly(socket);
    }

    private void deliver(WsMessage m) {
        if (server.isRecording()) {
            received.add(m);
        }
        server.recordMessage(m);
        inbox.add(m);
    }

    private void deliverEnd(WsMessage.Close close) {
        received.add(close);
        inbox.add(close);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed inside a frame");
        }
        return b;
    }

    private byte[] readN(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException("connection closed inside a frame");
        }
        return b;
    }

    private static String decodeUtf8(byte[] data) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** After the handler returned: finish the close handshake if nobody did. */
    void finishAfterHandler() throws InterruptedException {
        if (!closeSent && readerDone.getCount() > 0 && !socket.isClosed()) {
            close(1000, "");
        } else if (closeSent) {
            readerDone.await(CLOSE_REPLY_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public String toString() {
        return "WsConnection[" + request.path() + ", " + received.size() + " messages]";
    }
}
