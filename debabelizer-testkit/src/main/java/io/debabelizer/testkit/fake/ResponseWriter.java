package io.debabelizer.testkit.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a {@link FakeResponse} (ordinary, streamed or faulty) to a connection; shared by both fake servers. */
final class ResponseWriter {

    private ResponseWriter() {
    }

    /** Puts the response on the wire; false when the connection must not be used again. */
    static boolean write(LoopbackServer server, FakeResponse r, Socket socket, InputStream in, OutputStream out) throws Exception {
        if (!r.delay().isZero() && !server.pause(r.delay())) {
            return false;
        }
        switch (r.kind()) {
            case DROP -> {
                LoopbackServer.reset(socket);
                return false;
            }
            case HANG -> {
                // Read until the client gives up (EOF or reset) or the server closes the socket.
                while (in.read() >= 0) {
                    // discard
                }
                return false;
            }
            case COMPLETE -> {
                Map<String, List<String>> h = new LinkedHashMap<>(r.headers());
                h.put("Content-Length", List.of(Integer.toString(r.body().length)));
                Http1.writeHead(out, r.statusCode(), h);
                out.write(r.body());
                out.flush();
                return true;
            }
            case TRUNCATED, DROP_MID_BODY -> {
                Map<String, List<String>> h = new LinkedHashMap<>(r.headers());
                h.put("Content-Length", List.of(Integer.toString(r.body().length)));
                Http1.writeHead(out, r.statusCode(), h);
                out.write(r.body(), 0, r.bytesBeforeFault());
                out.flush();
                if (r.kind() == FakeResponse.Kind.DROP_MID_BODY) {
                    LoopbackServer.reset(socket);
                } else {
                    socket.shutdownOutput();
                }
                return false;
            }
            case STREAMED -> {
                Map<String, List<String>> h = new LinkedHashMap<>(r.headers());
                h.put("Transfer-Encoding", List.of("chunked"));
                Http1.writeHead(out, r.statusCode(), h);
                out.flush();
                ChunkedBody body = new ChunkedBody(server, socket, out);
                r.writer().write(body);
                if (body.dropped) {
                    return false;
                }
                Http1.writeLastChunk(out);
                out.flush();
                return true;
            }
            default -> throw new IllegalStateException("unknown response kind " + r.kind());
        }
    }

    private static final class ChunkedBody implements FakeResponse.ResponseBody {
        private final LoopbackServer server;
        private final Socket socket;
        private final OutputStream out;
        private boolean dropped;

        ChunkedBody(LoopbackServer server, Socket socket, OutputStream out) {
            this.server = server;
            this.socket = socket;
            this.out = out;
        }

        @Override
        public void write(byte[] data) throws IOException {
            if (dropped) {
                throw new IOException("connection was dropped");
            }
            Http1.writeChunk(out, data, 0, data.length);
            out.flush();
        }

        @Override
        public void write(String text) throws IOException {
            write(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void event(String event, String data) throws IOException {
            StringBuilder sb = new StringBuilder();
            if (event != null) {
                sb.append("event: ").append(event).append('\n');
            }
            for (String line : data.split("\n", -1)) {
                sb.append("data: ").append(line).append('\n');
            }
            write(sb.append('\n').toString());
        }

        @Override
        public void pause(Duration duration) throws InterruptedException {
            if (!server.pause(duration)) {
                throw new InterruptedException("server closed");
            }
        }

        @Override
        public void drop() {
            dropped = true;
            LoopbackServer.reset(socket);
        }
    }
}
