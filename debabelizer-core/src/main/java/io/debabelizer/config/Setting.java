package io.debabelizer.config;

import io.debabelizer.ConfigurationException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The top-level configuration keys: their file key, environment variable, default and parser. One table, so files,
 * the environment, the builder and the documentation cannot disagree.
 */
enum Setting {
    STT_PROVIDER("stt_provider", null) {
        @Override
        Object parse(String raw) {
            return providerName(raw);
        }
    },
    TTS_PROVIDER("tts_provider", null) {
        @Override
        Object parse(String raw) {
            return providerName(raw);
        }
    },
    AUTO_SELECT("auto_select", Boolean.FALSE) {
        @Override
        Object parse(String raw) {
            return switch (raw.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new IllegalArgumentException("'" + raw + "' is not a boolean (true or false)");
            };
        }
    },
    OPTIMIZE_FOR("optimize_for", OptimizeFor.BALANCED) {
        @Override
        Object parse(String raw) {
            String v = raw.trim().toLowerCase(Locale.ROOT);
            for (OptimizeFor o : OptimizeFor.values()) {
                if (o.id().equals(v)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("'" + raw + "' is not one of " + Arrays.stream(OptimizeFor.values())
                    .map(OptimizeFor::id).collect(Collectors.joining(", ")));
        }
    },
    SESSION_IDLE_TIMEOUT("session_idle_timeout", Duration.ofMinutes(5)) {
        @Override
        Object parse(String raw) {
            return positiveDuration(raw);
        }
    },
    REQUEST_TIMEOUT("request_timeout", Duration.ofSeconds(60)) {
        @Override
        Object parse(String raw) {
            return positiveDuration(raw);
        }
    },
    CONNECT_TIMEOUT("connect_timeout", Duration.ofSeconds(10)) {
        @Override
        Object parse(String raw) {
            return positiveDuration(raw);
        }
    };

    /** Prefix of every Debabelizer environment variable. */
    static final String ENV_PREFIX = "DEBABELIZER_";

    private final String key;
    private final Object defaultValue;

    Setting(String key, Object defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
    }

    String key() {
        return key;
    }

    String envVar() {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT);
    }

    /** The built-in default, or null for "not set". */
    Object defaultValue() {
        return defaultValue;
    }

    /** Parses a textual value; throws IllegalArgumentException with the problem (without key or source). */
    abstract Object parse(String raw);

    /** Parses {@code raw}, naming the key and where the value came from if it is bad. */
    Object parse(String raw, String source) {
        try {
            return parse(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("invalid value for " + key + " (from " + source + "): "
                    + e.getMessage());
        }
    }

    static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    static Optional<Setting> byEnvVar(String envVar) {
        return Arrays.stream(values()).filter(s -> s.envVar().equals(envVar)).findFirst();
    }

    static String knownKeys() {
        return Arrays.stream(values()).map(Setting::key).collect(Collectors.joining(", ")) + ", providers";
    }

    static String providerName(String raw) {
        String v = raw.trim().toLowerCase(Locale.ROOT);
        if (!v.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("'" + raw + "' is not a provider name (lower-case letters, digits, -)");
        }
        return v;
    }

    private static Duration positiveDuration(String raw) {
        Duration d = Durations.parse(raw, () -> new IllegalArgumentException("'" + raw
                + "' is not a duration (e.g. 30s, 500ms, 2m, 1h, PT30S)"));
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + raw + "' must be longer than zero");
        }
        return d;
    }
}
