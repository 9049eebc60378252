package io.debabelizer.config;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses human durations as configuration files write them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, ISO-8601. */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    public static <E extends RuntimeException> Duration parse(String text, Supplier<E> onError) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
            } catch (Exception e) {
                throw onError.get();
            }
        }
        Matcher m = SIMPLE.matcher(t);
        if (!m.matches()) {
            throw onError.get();
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
