package io.debabelizer.cli.format;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of the CLI, and the helpers that keep the output stable: unknown numbers (NaN, negative
 * "unknown" durations) become {@code null}, times are rounded to milliseconds so 0.1 + 0.2 prints as 0.3.
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** Two-space indent, {@code "key": value}, one array element per line, {@code \n} on every platform. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Converts plain Java values (maps, lists, strings, numbers) to a tree. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Indented, for documents a person may read (transcripts, provider lists). */
    public static String pretty(JsonNode node) {
        return MAPPER.writer().with(PRETTY).writeValueAsString(node);
    }

    /** One line, for JSON Lines output. */
    public static String compact(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** Puts {@code value} or null when it is NaN or infinite. */
    public static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    /** Puts a time in seconds rounded to milliseconds, or null when it is unknown (negative, NaN). */
    public static void putSeconds(ObjectNode node, String field, double seconds) {
        if (Double.isFinite(seconds) && seconds >= 0) {
            node.put(field, Math.round(seconds * 1000) / 1000.0);
        } else {
            node.putNull(field);
        }
    }
}
