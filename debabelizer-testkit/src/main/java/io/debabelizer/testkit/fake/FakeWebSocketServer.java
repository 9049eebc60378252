package io.debabelizer.testkit.fake;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An RFC 6455 WebSocket server on a random loopback port for fake providers. Each accepted connection runs the
 * {@link Handler} registered for its path on a virtual thread of its own; the handler scripts the conversation
 * through a {@link WsConnection}.
 *
 * <pre>{@code
 * try (FakeWebSocketServer ws = FakeWebSocketServer.start()) {
 *     ws.requireHeader("Authorization", "Token k");
 *     ws.route("/v1/listen", conn -> {
 *         String config = conn.receiveText();
 *         WsMessage m;
 *         while ((m = conn.receive()) instanceof WsMessage.Binary audio) { ... conn.sendText(result) ... }
 *         conn.close(1000, "done");
 *     });
 * }
 * }</pre>
 *
 * Before upgrading it checks, like a real provider: the path has a route (else 404), the request is a valid
 * WebSocket upgrade (else 400/426), required headers match (else 401), then the {@link UpgradeCheck}s (which may
 * answer any {@link FakeResponse}, e.g. 403 with a body, 429, or {@link FakeResponse#hang()}), then queued upgrade
 * faults. Every upgrade request is recorded, accepted or not.
 */
public final class FakeWebSocketServer extends LoopbackServer {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Scripts one connection. Runs on the connection's virtual thread; returning ends the connection politely. */
    @FunctionalInterface
    public interface Handler {
        void handle(WsConnection connection) throws Exception;
    }

    /** Inspects an upgrade request; returns null to accept it, or the response that rejects it. */
    @FunctionalInterface
    public interface UpgradeCheck {
        FakeResponse check(RecordedRequest request);
    }

    private record QueuedFault(int[] remaining, FakeResponse response) {
    }

    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final List<UpgradeCheck> checks = new CopyOnWriteArrayList<>();
    private final Deque<QueuedFault> faults = new ArrayDeque<>();
    private final List<RecordedRequest> upgradeRequests = new CopyOnWriteArrayList<>();
    private final List<WsConnection> connections = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<WsConnection> newConnections = new LinkedBlockingQueue<>();
    private final List<WsMessage> allMessages = new CopyOnWriteArrayList<>();
    private final List<Throwable> handlerErrors = new CopyOnWriteArrayList<>();
    private volatile String subprotocol;
    private volatile boolean recording = true;

    private FakeWebSocketServer() {
        super("fake-ws");
        startAccepting();
    }

    public static FakeWebSocketServer start() {
        return new FakeWebSocketServer();
    }

    /** {@code ws://127.0.0.1:<port>} (no trailing slash). */
    public URI baseUri() {
        return URI.create("ws://127.0.0.1:" + port());
    }

    /** Serves upgrades on {@code path} (exact match, query ignored) with {@code handler}. */
    public FakeWebSocketServer route(String path, Handler handler) {
        routes.put(path, Objects.requireNonNull(handler));
        return this;
    }

    /** Upgrades need {@code name: value} exactly, else 401 with a JSON body. */
    public FakeWebSocketServer requireHeader(String name, String value) {
        return beforeUpgrade(req -> req.header(name).map(value::equals).orElse(false) ? null
                : FakeResponse.unauthorized());
    }

    /**
     * Accepts {@code protocol} when a client offers it in {@code Sec-WebSocket-Protocol} (echoing it, as RFC 6455
     * requires); clients that offer none are unaffected. Some providers authenticate this way (e.g.
     * {@code token, <key>}); a check can still inspect the offered values.
     */
    public FakeWebSocketServer subprotocol(String protocol) {
        this.subprotocol = protocol;
        return this;
    }

    /**
     * Stops keeping received messages and frames ({@link #receivedMessages()}, {@link WsConnection#received()},
     * {@link WsConnection#frames()} stay empty from now on). For benchmarks that run thousands of connections or
     * millions of messages: the recording lists grow without bound and copy themselves on every message.
     */
    public FakeWebSocketServer withoutRecording() {
        this.recording = false;
        return this;
    }

    boolean isRecording() {
        return recording;
    }

    /** Adds a check run on every upgrade request (after path and handshake validation). */
    public FakeWebSocketServer beforeUpgrade(UpgradeCheck check) {
        checks.add(Objects.requireNonNull(check));
        return this;
    }

    /** The next {@code count} upgrade requests that pass the checks get {@code response} instead. */
    public FakeWebSocketServer failNextUpgrades(int count, FakeResponse response) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive");
        }
        synchronized (faults) {
            faults.addLast(new QueuedFault(new int[] {count}, Objects.requireNonNull(response)));
        }
        return this;
    }

    /** Every upgrade request received, accepted or rejected, in order. */
    public List<RecordedRequest> upgradeRequests() {
        return List.copyOf(upgradeRequests);
    }

    /** Every connection accepted so far. */
    public List<WsConnection> connections() {
        return List.copyOf(connections);
    }

    /** The next connection accepted (in acceptance order); fails after {@code timeout}. */
    public WsConnection awaitConnection(Duration timeout) throws InterruptedException {
        WsConnection c = newConnections.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (c == null) {
            throw new AssertionError("no WebSocket connection within " + timeout);
        }
        return c;
    }

    /** Every data message received on any connection, in arrival order. */
    public List<WsMessage> receivedMessages() {
        return List.copyOf(allMessages);
    }

    /** Exceptions thrown by handlers (each connection was dropped). */
    public List<Throwable> handlerErrors() {
        return List.copyOf(handlerErrors);
    }

    void recordMessage(WsMessage m) {
        if (recording) {
            allMessages.add(m);
        }
    }

    // ---- serving --------------------------------------------------------------------------------------------

    @Override
    void serve(Socket socket) throws Exception {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream());
        Http1.Head head = Http1.readHead(in);
        if (head == null) {
            return;
        }
        byte[] body = Http1.readBody(in, head);
        RecordedRequest request = head.toRecorded(body);
        upgradeRequests.add(request);
        FakeResponse rejection = validate(head, request);
        if (rejection != null) {
            ResponseWriter.write(this, rejection.withHeader("Connection", "close"), socket, in, out);
            out.flush();
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Upgrade", List.of("websocket"));
        headers.put("Connection", List.of("Upgrade"));
        headers.put("Sec-WebSocket-Accept", List.of(acceptKey(head.first("Sec-WebSocket-Key"))));
        String chosen = subprotocol;
        if (chosen != null && head.headerHasToken("Sec-WebSocket-Protocol", chosen)) {
            headers.put("Sec-WebSocket-Protocol", List.of(chosen));
        }
        Http1.writeHead(out, 101, headers);
        out.flush();

        WsConnection conn = new WsConnection(this, socket, in, out, request);
        connections.add(conn);
        newConnections.add(conn);
        Thread reader = Thread.ofVirtual().name("fake-ws-read").start(conn::readLoop);
        try {
            routes.get(request.path()).handle(conn);
            conn.finishAfterHandler();
        } catch (Exception | AssertionError e) {
            if (!isClosed() && !(e instanceof InterruptedException)) {
                handlerErrors.add(e);
            }
            conn.drop();
        } finally {
            reader.join(Duration.ofSeconds(5).toMillis());
        }
    }

    private FakeResponse validate(Http1.Head head, RecordedRequest request) {
        if (!routes.containsKey(request.path())) {
            return FakeResponse.json(404, "{\"error\":\"no WebSocket endpoint at " + request.path() + "\"}");
        }
        if (!"GET".equals(head.method()) || !head.headerHasToken("Upgrade", "websocket")
                || !head.headerHasToken("Connection", "upgrade")) {
            return FakeResponse.text(426, "this endpoint only speaks WebSocket").withHeader("Upgrade", "websocket");
        }
        String key = head.first("Sec-WebSocket-Key");
        if (!"13".equals(head.first("Sec-WebSocket-Version")) || key == null || !isValidKey(key)) {
            return FakeResponse.text(400, "bad WebSocket handshake (version 13 and a 16-byte key required)")
                    .withHeader("Sec-WebSocket-Version", "13");
        }
        for (UpgradeCheck c : checks) {
            FakeResponse r = c.check(request);
            if (r != null) {
                return r;
            }
        }
        synchronized (faults) {
            QueuedFault f = faults.peekFirst();
            if (f != null) {
                if (--f.remaining()[0] == 0) {
                    faults.pollFirst();
                }
                return f.response();
            }
        }
        return null;
    }

    private static boolean isValidKey(String key) {
        try {
            return Base64.getDecoder().decode(key.trim()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Sec-WebSocket-Accept: base64(SHA-1(key + GUID)), RFC 6455 4.2.2. */
    static String acceptKey(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key.trim() + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is always available", e);
        }
    }

    @Override
    public void close() {
        super.close();
        newConnections.clear();
    }
}
