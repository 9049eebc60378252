package io.debabelizer.cli.format;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the effective configuration ({@code DebabelizerConfig.toRedactedMap()}, which has already replaced every
 * secret): as JSON, or as {@code dotted.key = value   (source)} lines with nested maps flattened.
 */
public final class ConfigWriter {

    private ConfigWriter() {
    }

    public static String render(Map<String, Object> redacted, ListFormat format) {
        return switch (format) {
            case TEXT -> text(redacted);
            case JSON -> Json.pretty(Json.tree(redacted)) + "\n";
        };
    }

    static String text(Map<String, Object> redacted) {
        Map<String, String> flat = new TreeMap<>();
        flatten("", redacted, flat);
        StringBuilder sb = new StringBuilder();
        flat.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }

    private static void flatten(String prefix, Object value, Map<String, String> into) {
        if (value instanceof Map<?, ?> map && map.size() == 2 && map.containsKey("value") && map.containsKey("source")) {
            // a setting with its origin: one line, "key = value   (source)"
            Object v = map.get("value");
            into.put(prefix, (v == null ? "(not set)" : String.valueOf(v)) + "   (" + map.get("source") + ")");
        } else if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, into));
        } else if (value instanceof List<?> list) {
            into.put(prefix, list.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b)
                    .map(s -> "[" + s + "]").orElse("[]"));
        } else if (value instanceof Map<?, ?>) {
            into.put(prefix, "{}");
        } else {
            into.put(prefix, value == null ? "(not set)" : String.valueOf(value));
        }
    }
}
