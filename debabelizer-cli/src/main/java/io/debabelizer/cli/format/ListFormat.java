package io.debabelizer.cli.format;

import java.util.Locale;

/** Output of the listing commands ({@code voices}, {@code providers}, {@code config}). */
public enum ListFormat {
    TEXT, JSON;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
