package io.debabelizer.spi;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * What a provider gets when it is created: its configuration section and the shared resources of the processor.
 *
 * @param config         the provider's configuration section
 * @param httpClient     shared JDK HTTP client (HTTP/1.1 and HTTP/2, WebSocket); do not close it
 * @param requestTimeout default timeout for one request/response exchange
 * @param connectTimeout timeout for establishing a connection (HTTP or WebSocket)
 */
public record ProviderContext(ProviderConfig config, HttpClient httpClient, Duration requestTimeout,
                              Duration connectTimeout) {
}
