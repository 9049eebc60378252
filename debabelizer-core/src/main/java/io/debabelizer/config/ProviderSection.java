package io.debabelizer.config;

import io.debabelizer.spi.ProviderConfig;
import java.util.Map;
import java.util.TreeMap;

/** One provider's merged section; immutable. Its {@code toString()} lists keys only, never values. */
final class ProviderSection implements ProviderConfig {

    private final String provider;
    private final Map<String, String> values;
    private final Map<String, String> sources;

    ProviderSection(String provider, Map<String, String> values, Map<String, String> sources) {
        this.provider = provider;
        this.values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
        this.sources = Map.copyOf(sources);
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public Map<String, String> values() {
        return values;
    }

    @Override
    public String sourceOf(String key) {
        return sources.getOrDefault(key, "not set");
    }

    @Override
    public String toString() {
        return "ProviderConfig[" + provider + ", keys=" + values.keySet() + "]";
    }
}
