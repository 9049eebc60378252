package io.debabelizer.testkit.fake;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A real HTTP/1.1 server on a random loopback port for fake providers: routes by method and path, records every
 * request, enforces required headers, and answers with {@link FakeResponse}s, including streamed bodies and faults.
 *
 * <pre>{@code
 * try (FakeHttpServer server = FakeHttpServer.start()) {
 *     server.requireHeader("Authorization", "Token k");
 *     server.route("POST", "/v1/listen", req -> FakeResponse.json(200, "{...}"));
 *     server.failNext(1, FakeResponse.rateLimited(Duration.ofSeconds(2)));
 *     ... point the client at server.baseUri() ...
 *     assertThat(server.lastRequest().queryParam("model")).contains("nova-3");
 * }
 * }</pre>
 *
 * Strict by default: an unknown path gets 404, a known path with another method 405, a missing or wrong required
 * header 401 (all with a JSON body, recorded like every other request). A handler that throws answers 500 and the
 * exception is kept in {@link #handlerErrors()} so a test can fail on a broken fake instead of a confusing error.
 * Connections are kept alive between requests, as real servers do. Thread-safe.
 */
public final class FakeHttpServer extends LoopbackServer {

    /** Answers one request. Runs on the connection's virtual thread. */
    @FunctionalInterface
    public interface Handler {
        FakeResponse handle(RecordedRequest request) throws Exception;
    }

    private record Route(String method, String path, Handler handler) {
    }

    private record RequiredHeader(String name, String value, FakeResponse onMismatch) {
    }

    private record QueuedFault(int[] remaining, FakeResponse response) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<RequiredHeader> requiredHeaders = new CopyOnWriteArrayList<>();
    private final Deque<QueuedFault> faults = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<Throwable> handlerErrors = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition requestArrived = lock.newCondition();

    private FakeHttpServer() {
        super("fake-http");
        startAccepting();
    }

    /** Starts a server on a random loopback port. */
    public static FakeHttpServer start() {
        return new FakeHttpServer();
    }

    /** {@code http://127.0.0.1:<port>} (no trailing slash). */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Adds a route; the first route matching method and exact path wins. */
    public FakeHttpServer route(String method, String path, Handler handler) {
        routes.add(new Route(method.toUpperCase(java.util.Locale.ROOT), path, Objects.requireNonNull(handler)));
        return this;
    }

    /** Every request must carry {@code name: value} exactly, else it gets 401 with a JSON error body. */
    public FakeHttpServer requireHeader(String name, String value) {
        return requireHeader(name, value, FakeResponse.unauthorized());
    }

    /** Every request must carry {@code name: value} exactly, else it gets {@code onMismatch}. */
    public FakeHttpServer requireHeader(String name, String value, FakeResponse onMismatch) {
        requiredHeaders.add(new RequiredHeader(name, value, onMismatch));
        return this;
    }

    /**
     * The next {@code count} requests that reach a known route (after the header checks) get {@code response}
     * instead of their handler's answer. Faults queued earlier are used up first.
     */
    public FakeHttpServer failNext(int count, FakeResponse response) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive");
        }
        lock.lock();
        try {
            faults.addLast(new QueuedFault(new int[] {count}, Objects.requireNonNull(response)));
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Drops queued faults and recorded requests (routes and header requirements stay). */
    public void reset() {
        lock.lock();
        try {
            faults.clear();
            requests.clear();
            handlerErrors.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    public int requestCount() {
        lock.lock();
        try {
            return requests.size();
        } finally {
            lock.unlock();
        }
    }

    /** The latest request; fails when none came. */
    public RecordedRequest lastRequest() {
        lock.lock();
        try {
            if (requests.isEmpty()) {
                throw new AssertionError("the fake server received no request");
            }
            return requests.getLast();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until at least {@code count} requests arrived; fails after {@code timeout}. */
    public List<RecordedRequest> awaitRequests(int count, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (requests.size() < count) {
                if (nanos <= 0) {
                    throw new AssertionError("expected " + count + " requests within " + timeout + ", got "
                            + requests.size() + ": " + requests);
                }
                nanos = requestArrived.awaitNanos(nanos);
            }
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    /** Exceptions thrown by handlers (each was answered with 500). */
    public List<Throwable> handlerErrors() {
        return List.copyOf(handlerErrors);
    }

    // ---- serving --------------------------------------------------------------------------------------------

    @Override
    void serve(Socket socket) throws Exception {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream());
        while (!isClosed()) {
            Http1.Head head = Http1.readHead(in);
            if (head == null) {
                return;
            }
            if (head.headerHasToken("Expect", "100-continue")) {
                Http1.writeHead(out, 100, Map.of()); // the client waits for this before sending the body
                out.flush();
            }
            byte[] body = Http1.readBody(in, head);
            RecordedRequest request = head.toRecorded(body);
            record(request);
            FakeResponse response = respondTo(request);
            if (!ResponseWriter.write(this, response, socket, in, out)) {
                return;
            }
            if (head.headerHasToken("Connection", "close")) {
                return;
            }
        }
    }

    private void record(RecordedRequest request) {
        lock.lock();
        try {
            requests.add(request);
            requestArrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private FakeResponse respondTo(RecordedRequest request) {
        List<Route> samePath = routes.stream().filter(r -> r.path().equals(request.path())).toList();
        if (samePath.isEmpty()) {
            return FakeResponse.json(404, error("not_found", "no route for " + request.path()));
        }
        Route route = samePath.stream().filter(r -> r.method().equals(request.method())).findFirst().orElse(null);
        if (route == null) {
            return FakeResponse.json(405, error("method_not_allowed", request.method() + " not allowed on "
                    + request.path())).withHeader("Allow",
                    String.join(", ", samePath.stream().map(Route::method).toList()));
        }
        for (RequiredHeader h : requiredHeaders) {
            if (!request.header(h.name()).map(h.value()::equals).orElse(false)) {
                return h.onMismatch();
            }
        }
        FakeResponse fault = takeFault();
        if (fault != null) {
            return fault;
        }
        try {
            return Objects.requireNonNull(route.handler().handle(request), "handler returned null");
        } catch (Exception | AssertionError e) {
            handlerErrors.add(e);
            return FakeResponse.json(500, error("fake_handler_failed", String.valueOf(e)));
        }
    }

    private FakeResponse takeFault() {
        lock.lock();
        try {
            QueuedFault f = faults.peekFirst();
            if (f == null) {
                return null;
            }
            if (--f.remaining()[0] == 0) {
                faults.pollFirst();
            }
            return f.response();
        } finally {
            lock.unlock();
        }
    }

    private static String error(String code, String message) {
        return Json.write(Map.of("error", Map.of("code", code, "message", message)));
    }
}
