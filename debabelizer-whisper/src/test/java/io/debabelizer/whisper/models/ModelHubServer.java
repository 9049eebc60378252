package io.debabelizer.whisper.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for the model hub: serves files at {@code /ggml-<name>.bin}, answers {@code Range} requests
 * with 206 when asked to, and can misbehave on purpose (break the connection or stall mid-body).
 */
final class ModelHubServer implements AutoCloseable {

    enum Fault { NONE, DROP_HALFWAY, STALL_HALFWAY }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> rangeHeaders = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch releaseStalls = new CountDownLatch(1);
    private volatile boolean supportsRange = true;
    private volatile Fault nextFault = Fault.NONE;

    ModelHubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "model-hub-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/models");
    }

    void serve(String fileName, byte[] content) {
        files.put("/models/" + fileName, content);
    }

    /** The next request fails this way (once). */
    void failNextRequest(Fault fault) {
        nextFault = fault;
    }

    void supportsRange(boolean supports) {
        supportsRange = supports;
    }

    /** The {@code Range} header of each request (empty string when none). */
    List<String> rangeHeaders() {
        return rangeHeaders;
    }

    int requestCount() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String range = exchange.getRequestHeaders().getFirst("Range");
        rangeHeaders.add(range == null ? "" : range);
        byte[] content = files.get(exchange.getRequestURI().getPath());
        if (content == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        int start = 0;
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (supportsRange && m != null && m.matches()) {
            start = Integer.parseInt(m.group(1));
            if (start >= content.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
            exchange.sendResponseHeaders(206, content.length - start);
        } else {
            exchange.sendResponseHeaders(200, content.length);
        }
        Fault fault = nextFault;
        nextFault = Fault.NONE;
        OutputStream body = exchange.getResponseBody();
        int remaining = content.length - start;
        if (fault == Fault.NONE) {
            body.write(content, start, remaining);
            body.close();
            return;
        }
        body.write(content, start, remaining / 2);
        body.flush();
        if (fault == Fault.STALL_HALFWAY) {
            try {
                releaseStalls.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Ending the exchange short of the promised length makes the server drop the connection
        try {
            body.close();
        } catch (IOException expected) {
            // "insufficient bytes written to stream"
        }
        exchange.close();
    }

    @Override
    public void close() {
        releaseStalls.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
