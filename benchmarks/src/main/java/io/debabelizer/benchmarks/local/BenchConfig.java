package io.debabelizer.benchmarks.local;

import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/** A provider configuration section made of plain values, as the harnesses need no configuration file. */
record BenchConfig(String provider, Map<String, String> values) implements ProviderConfig {

    @Override
    public String sourceOf(String key) {
        return "benchmark";
    }

    ProviderContext context() {
        return new ProviderContext(this, HttpClient.newHttpClient(), Duration.ofSeconds(30), Duration.ofSeconds(5));
    }
}
