package io.debabelizer.spi;

import io.debabelizer.ConfigurationException;
import io.debabelizer.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One provider's section of the effective configuration (e.g. {@code [providers.deepgram]} merged with
 * {@code DEEPGRAM_*} environment variables). Typed getters fail with a {@link ConfigurationException} naming the key
 * and where its value came from.
 */
public interface ProviderConfig {

    /** The provider this section belongs to. */
    String provider();

    /** All raw values of the section (secrets included, so never print this map). */
    Map<String, String> values();

    /** Where a key's value came from (e.g. "environment variable DEEPGRAM_API_KEY", "file /x/debabelizer.toml"). */
    String sourceOf(String key);

    default Optional<String> string(String key) {
        String v = values().get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    default Optional<Secret> secret(String key) {
        return string(key).map(Secret::of);
    }

    default Optional<URI> uri(String key) {
        return string(key).map(v -> {
            try {
                URI u = new URI(v);
                if (u.getScheme() == null || u.getHost() == null) {
                    throw new IllegalArgumentException("no scheme or host");
                }
                return u;
            } catch (Exception e) {
                throw invalid(key, "'" + v + "' is not an absolute URL");
            }
        });
    }

    default Optional<Boolean> bool(String key) {
        return string(key).map(v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw invalid(key, "'" + v + "' is not a boolean (true/false)");
        });
    }

    default Optional<Integer> integer(String key) {
        return string(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw invalid(key, "'" + v + "' is not an integer");
            }
        });
    }

    default Optional<Duration> duration(String key) {
        return string(key).map(v -> io.debabelizer.config.Durations.parse(v, () -> invalid(key,
                "'" + v + "' is not a duration (e.g. 30s, 500ms, 2m, PT30S)")));
    }

    /** A configuration error naming the key and its source. */
    default ConfigurationException invalid(String key, String problem) {
        return new ConfigurationException("invalid value for " + provider() + "." + key + " (from " + sourceOf(key)
                + "): " + problem);
    }
}
