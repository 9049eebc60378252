package io.debabelizer.testkit.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One loopback port in front of a {@link FakeHttpServer} and a {@link FakeWebSocketServer}, for providers that serve
 * REST and WebSocket from one host and derive both URLs from one base URL (Deepgram, OpenAI, ElevenLabs): each
 * connection goes, by its first request head, to the WebSocket server (an {@code Upgrade: websocket} request) or
 * the HTTP server, and bytes are then piped both ways. A reset on one side is passed on as a reset, an orderly close
 * as an orderly close, so the fakes' faults reach the client unchanged. Plain HTTP exchanges are made
 * {@code Connection: close} both ways, because the JDK client reuses an idle HTTP connection for a WebSocket
 * upgrade and the route is chosen once per connection.
 */
public final class FrontDoor implements AutoCloseable {

    private static final int MAX_HEAD = 64 * 1024;

    private final ServerSocket server;
    private final int httpPort;
    private final int wsPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public FrontDoor(int httpPort, int wsPort) {
        this.httpPort = httpPort;
        this.wsPort = wsPort;
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port", e);
        }
        Thread.ofVirtual().name("fake-front-door-accept").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                client.setTcpNoDelay(true);
                open.add(client);
                Thread.ofVirtual().name("fake-front-door").start(() -> route(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void route(Socket client) {
        Socket backend = null;
        try {
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            if (head == null) {
                close(client);
                return;
            }
            String text = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            boolean upgrade = text.matches("(?s).*\r\nupgrade:[ \t]*websocket.*");
            backend = new Socket(InetAddress.getLoopbackAddress(), upgrade ? wsPort : httpPort);
            backend.setTcpNoDelay(true);
            open.add(backend);
            backend.getOutputStream().write(upgrade ? head : withConnectionClose(head));
            backend.getOutputStream().flush();
            Socket b = backend;
            Thread up = Thread.ofVirtual().name("fake-front-door-up").start(() -> pipe(client, b));
            if (!upgrade) {
                byte[] responseHead = readHead(b.getInputStream());
                if (responseHead == null) {
                    client.shutdownOutput();
                } else {
                    client.getOutputStream().write(withConnectionClose(responseHead));
                    client.getOutputStream().flush();
                }
            }
            pipe(b, client);
            up.join();
        } catch (IOException | InterruptedException e) {
            reset(client);
        } finally {
            if (backend != null) {
                close(backend);
                open.remove(backend);
            }
            close(client);
            open.remove(client);
        }
    }

    /** The bytes up to and including the blank line that ends the request head; null if the client left. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (head.size() < MAX_HEAD) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            state = switch (state) {
                case 0, 2 -> b == '\r' ? state + 1 : 0;
                case 1 -> b == '\n' ? 2 : (b == '\r' ? 1 : 0);
                case 3 -> b == '\n' ? 4 : (b == '\r' ? 1 : 0);
                default -> 0;
            };
            if (state == 4) {
                return head.toByteArray();
            }
        }
        throw new IOException("request head too large");
    }

    /** The head with {@code Connection: close} added before its blank line. */
    private static byte[] withConnectionClose(byte[] head) {
        String h = new String(head, StandardCharsets.ISO_8859_1);
        return (h.substring(0, h.length() - 2) + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Copies from → to until EOF (then half-closes to) or a failure (then resets to). */
    private void pipe(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            reset(to);
            reset(from);
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        close(s);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(FrontDoor::close);
    }
}
