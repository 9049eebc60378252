package io.debabelizer.spi.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.AuthenticationException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WebSocketConnectorTest {

    private static final WebSocket.Listener NONE = new WebSocket.Listener() {
    };

    private static WebSocket connect(URI uri, Duration timeout) {
        return WebSocketConnector.connect(HttpClient.newHttpClient(), uri, Map.of("Authorization", "Token k"),
                timeout, NONE, "test", (status, headers, body) -> new AuthenticationException(
                        "rejected " + status + ": " + new String(body, StandardCharsets.UTF_8), "test", null, null));
    }

    @Test
    void aRejectedUpgradeGoesThroughTheProvidersMapping() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    s.getInputStream().read(new byte[4096]);
                    out.write(("HTTP/1.1 401 Unauthorized\r\nContent-Length: 3\r\nConnection: close\r\n\r\nbad")
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (Exception ignored) {
                    // the test asserts on the client side
                }
            });
            assertThatThrownBy(() -> connect(URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/x"),
                    Duration.ofSeconds(10))).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("rejected 401");
        }
    }

    @Test
    void aSilentServerIsATimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> connect(URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/x"),
                    Duration.ofMillis(500))).isInstanceOf(ProviderTimeoutException.class)
                    .hasMessageContaining("WebSocket handshake");
        }
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertThatThrownBy(() -> connect(URI.create("ws://127.0.0.1:" + port + "/x"), Duration.ofSeconds(5)))
                .isInstanceOf(ProviderUnavailableException.class);
    }
}
