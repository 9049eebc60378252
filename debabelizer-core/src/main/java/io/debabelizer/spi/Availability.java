package io.debabelizer.spi;

import java.util.Objects;

/**
 * Whether a provider can be used with the current configuration and machine, and if not, why
 * (e.g. "DEEPGRAM_API_KEY not set", "libpocketsphinx3 not installed").
 */
public record Availability(boolean available, String reason) {

    public Availability {
        if (!available) {
            Objects.requireNonNull(reason, "an unavailable provider must say why");
        }
    }

    public static Availability ok() {
        return new Availability(true, null);
    }

    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
