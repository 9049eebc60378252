package io.debabelizer.google;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback port in front of the fake gRPC server that pipes bytes both ways, so a test can make the next
 * connection hang at the transport level (accepted, never answered: no HTTP/2 handshake), as an unreachable
 * endpoint behind a load balancer would.
 */
final class TcpFrontDoor implements AutoCloseable {

    private final ServerSocket server;
    private final int backendPort;
    private final AtomicBoolean hangNext = new AtomicBoolean();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    TcpFrontDoor(int backendPort) throws IOException {
        this.backendPort = backendPort;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        Thread.ofVirtual().name("fake-grpc-front-door").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next connection is accepted and then never answered. */
    void hangNextConnection() {
        hangNext.set(true);
    }

    void cancelHang() {
        hangNext.set(false);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                client.setTcpNoDelay(true);
                open.add(client);
                if (hangNext.getAndSet(false)) {
                    Thread.ofVirtual().start(() -> drain(client));
                } else {
                    Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
                    backend.setTcpNoDelay(true);
                    open.add(backend);
                    Thread.ofVirtual().start(() -> pipe(client, backend));
                    Thread.ofVirtual().start(() -> pipe(backend, client));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void drain(Socket s) {
        try (InputStream in = s.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // closed
        }
    }

    private void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(to);
            closeQuietly(from);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        open.forEach(TcpFrontDoor::closeQuietly);
    }
}
