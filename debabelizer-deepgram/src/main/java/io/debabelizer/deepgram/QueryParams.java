package io.debabelizer.deepgram;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An ordered query string where a name may repeat (Deepgram's array parameters such as {@code keyterm}). */
final class QueryParams {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    /** Sets {@code name} to one value, replacing earlier ones. */
    QueryParams set(String name, Object value) {
        List<String> list = new ArrayList<>();
        list.add(format(value));
        values.put(name, list);
        return this;
    }

    /** Adds one more value for {@code name}. */
    QueryParams add(String name, Object value) {
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(format(value));
        return this;
    }

    /**
     * Passes provider options through as they are: a collection or array becomes a repeated parameter, anything
     * else one value. They replace what the common options set, so the caller has the last word.
     */
    QueryParams putAll(Map<String, Object> options) {
        options.forEach((name, value) -> {
            values.remove(name);
            if (value instanceof Collection<?> c) {
                c.forEach(v -> add(name, v));
            } else if (value instanceof Object[] a) {
                for (Object v : a) {
                    add(name, v);
                }
            } else {
                set(name, value);
            }
        });
        return this;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    void remove(String name) {
        values.remove(name);
    }

    private static String format(Object value) {
        return value instanceof Boolean b ? b.toString() : String.valueOf(value);
    }

    /** {@code ?a=1&b=2}, or the empty string. */
    String toQuery() {
        StringBuilder sb = new StringBuilder();
        values.forEach((name, list) -> {
            for (String v : list) {
                sb.append(sb.isEmpty() ? '?' : '&').append(encode(name)).append('=').append(encode(v));
            }
        });
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return toQuery();
    }
}
