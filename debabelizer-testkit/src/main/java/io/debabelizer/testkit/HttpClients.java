package io.debabelizer.testkit;

import java.net.http.HttpClient;
import java.time.Duration;

/** Test-side handling of the JDK HTTP client a provider was given. */
public final class HttpClients {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(20);

    private HttpClients() {
    }

    /**
     * Closes the client, failing instead of hanging when the provider left an exchange or WebSocket open:
     * {@link HttpClient#close()} waits for every one of them, forever. A failure here is a connection leak.
     */
    public static void closeOrFail(HttpClient client) throws InterruptedException {
        client.shutdown();
        if (!client.awaitTermination(CLOSE_WAIT)) {
            client.shutdownNow();
            throw new AssertionError("the HTTP client still had an open exchange or WebSocket " + CLOSE_WAIT
                    + " after the test: the provider left a connection open");
        }
    }
}
