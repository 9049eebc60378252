package io.debabelizer.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Loads the effective configuration from files and the environment, in one documented precedence order.
 * TODO(config work item): implement.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** From the process environment and the default file search path. */
    public static DebabelizerConfig load() {
        return load(System.getenv(), null);
    }

    /**
     * From {@code env} (a map so tests need not touch the process environment) and {@code explicitFile} (e.g. the
     * CLI's {@code --config}; null for none, then {@code DEBABELIZER_CONFIG} and the search path apply).
     */
    public static DebabelizerConfig load(Map<String, String> env, Path explicitFile) {
        throw new UnsupportedOperationException("TODO");
    }
}
