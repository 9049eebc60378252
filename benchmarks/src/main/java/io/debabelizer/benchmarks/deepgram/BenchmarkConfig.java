package io.debabelizer.benchmarks.deepgram;

import io.debabelizer.spi.ProviderConfig;
import java.util.Map;

/** Provider configuration for the Deepgram harnesses: fixed values, all from the harness itself. */
record BenchmarkConfig(Map<String, String> values) implements ProviderConfig {

    static final String KEY = "benchmark-key";

    /** Deepgram pointed at a loopback fake. */
    static BenchmarkConfig loopback(int port) {
        return new BenchmarkConfig(Map.of("api_key", KEY, "base_url", "http://127.0.0.1:" + port));
    }

    @Override
    public String provider() {
        return "deepgram";
    }

    @Override
    public String sourceOf(String key) {
        return "benchmark";
    }
}
