package io.debabelizer.testkit.fake;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One shared Jackson 3 mapper for fakes and tests: parse, write, build nodes. Jackson 3 errors are unchecked. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** Parses JSON text; throws {@link tools.jackson.core.JacksonException} when it is not JSON. */
    public static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }

    public static JsonNode parse(byte[] json) {
        return MAPPER.readTree(json);
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }
}
