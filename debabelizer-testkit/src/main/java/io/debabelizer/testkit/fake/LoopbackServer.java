package io.debabelizer.testkit.fake;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on a random loopback port that serves each connection on a virtual thread of its own. Closing it
 * closes the listening socket and every open connection, which unblocks all reads and writes, so it never hangs.
 */
abstract class LoopbackServer implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final String name;
    private final Thread acceptor;

    LoopbackServer(String name) {
        this.name = name;
        try {
            serverSocket = new ServerSocket();
            serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port", e);
        }
        acceptor = Thread.ofVirtual().name(name + "-accept").unstarted(this::acceptLoop);
    }

    /** Call at the end of the subclass constructor, once its fields are set. */
    final void startAccepting() {
        acceptor.start();
    }

    /** Serves one connection; returns (or throws) when done with it. The socket is closed afterwards. */
    abstract void serve(Socket socket) throws Exception;

    private void acceptLoop() {
        while (!isClosed()) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                s.setTcpNoDelay(true); // fakes write small frames and events; do not let Nagle delay them
            } catch (SocketException ignored) {
                // the connection will fail on its own
            }
            open.add(s);
            connectionCount.incrementAndGet();
            Thread t = Thread.ofVirtual().name(name + "-conn").unstarted(() -> {
                try {
                    serve(s);
                } catch (Exception e) {
                    // the peer went away or the test closed the server: nothing to report
                } finally {
                    closeQuietly(s);
                    open.remove(s);
                    threads.remove(Thread.currentThread());
                }
            });
            threads.add(t);
            t.start();
            if (isClosed()) {
                closeQuietly(s);
            }
        }
    }

    public final int port() {
        return serverSocket.getLocalPort();
    }

    /** Connections accepted so far. */
    public final int connectionCount() {
        return connectionCount.get();
    }

    final boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Sleeps, returning early (false) when the server closes. */
    final boolean pause(Duration d) throws InterruptedException {
        return !closed.await(d.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Blocks until the server closes: how a fake "never answers". */
    final void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Aborts a connection with a TCP reset instead of an orderly FIN, like a crashed server or a cut cable. */
    static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        closeQuietly(s);
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        if (isClosed()) {
            return;
        }
        closed.countDown();
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(LoopbackServer::closeQuietly);
        for (Thread t : threads) {
            t.interrupt();
        }
        try {
            acceptor.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
