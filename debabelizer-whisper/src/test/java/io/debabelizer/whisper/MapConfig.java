package io.debabelizer.whisper;

import io.debabelizer.spi.ProviderConfig;
import java.util.Map;

/** A configuration section made of plain values, for tests. */
record MapConfig(Map<String, String> values) implements ProviderConfig {

    @Override
    public String provider() {
        return "whisper";
    }

    @Override
    public String sourceOf(String key) {
        return "test";
    }
}
