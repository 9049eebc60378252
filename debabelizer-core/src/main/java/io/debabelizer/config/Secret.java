package io.debabelizer.config;

import java.util.Objects;

/**
 * A credential. Its {@code toString()}, {@code equals} and {@code hashCode} never reveal the value, so it can sit in
 * records, logs and exceptions without leaking; only {@link #reveal()} gives it out, at the point of use.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The clear-text value, for building an auth header. Never log or format the result. */
    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    /** A redacted form for display, e.g. {@code ****abcd} for long values, {@code ****} for short ones. */
    public String redacted() {
        return value.length() >= 16 ? "****" + value.substring(value.length() - 4) : "****";
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
