package io.debabelizer.spi;

import java.util.Objects;

/**
 * A configuration key a provider understands, e.g. {@code api_key}. The environment variable is derived from it
 * ({@code DEEPGRAM_API_KEY} for provider {@code deepgram}) unless one is given explicitly.
 *
 * @param name        key inside the provider's section, lower_snake_case
 * @param description one line for `debabelizer config` and docs
 * @param secret      whether the value must be redacted wherever it is shown
 * @param envVar      explicit environment variable, or {@code null} for {@code <PROVIDER>_<NAME>}
 */
public record ConfigKey(String name, String description, boolean secret, String envVar) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("config key must be lower_snake_case: " + name);
        }
    }

    public static ConfigKey of(String name, String description) {
        return new ConfigKey(name, description, false, null);
    }

    public static ConfigKey secret(String name, String description) {
        return new ConfigKey(name, description, true, null);
    }

    /** The environment variable that sets this key for {@code provider}. */
    public String envVarFor(String provider) {
        if (envVar != null) {
            return envVar;
        }
        return (provider + "_" + name).toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
