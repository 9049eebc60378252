package io.debabelizer.testkit;

import io.debabelizer.config.Secret;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the kit hands a provider module's {@code createProvider} hook: the credential to configure (a recognisable
 * value the kit later looks for in error messages), the timeouts to configure (short ones for the timeout tests),
 * and an HTTP client the kit owns and closes.
 *
 * @param apiKey         the key the provider must send; never to appear in a message
 * @param requestTimeout the timeout for one exchange the provider must honour
 * @param connectTimeout the timeout for connecting (HTTP or WebSocket handshake)
 * @param httpClient     shared client for the provider; the kit closes it after the test
 */
public record ProviderSettings(Secret apiKey, Duration requestTimeout, Duration connectTimeout,
                               HttpClient httpClient) {

    /**
     * The key value the kits configure. Fakes may require exactly this credential (as real servers do); the kits
     * assert it appears in no exception message or {@code toString()}.
     */
    public static final String KIT_API_KEY = "kit-secret-7f3a9c21e5b04d68";

    public ProviderSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(httpClient, "httpClient");
    }

    /**
     * A provider context as the processor would build it, with {@code values} as the provider's configuration
     * section (e.g. {@code api_key} and the fake's {@code base_url}).
     */
    public ProviderContext context(String provider, Map<String, String> values) {
        return new ProviderContext(new MapProviderConfig(provider, values), httpClient, requestTimeout,
                connectTimeout);
    }

    /** A configuration section backed by a map, for tests; sources are reported as "test configuration". */
    public record MapProviderConfig(String provider, Map<String, String> values) implements ProviderConfig {

        public MapProviderConfig {
            Objects.requireNonNull(provider, "provider");
            values = Map.copyOf(values);
        }

        @Override
        public String sourceOf(String key) {
            return "test configuration";
        }

        @Override
        public String toString() {
            return "MapProviderConfig[" + provider + ", keys=" + values.keySet() + "]";
        }
    }
}
