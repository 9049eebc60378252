package io.debabelizer.local;

import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/** A provider configuration section from a map, for tests. */
public record MapConfig(String provider, Map<String, String> values) implements ProviderConfig {

    public static MapConfig empty(String provider) {
        return new MapConfig(provider, Map.of());
    }

    @Override
    public String sourceOf(String key) {
        return "test";
    }

    public ProviderContext context() {
        return new ProviderContext(this, HttpClient.newHttpClient(), Duration.ofSeconds(30), Duration.ofSeconds(5));
    }
}
