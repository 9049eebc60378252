package io.debabelizer.cli.format;

import io.debabelizer.tts.Voice;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders {@code debabelizer voices} and filters voices by language. */
public final class VoicesWriter {

    private VoicesWriter() {
    }

    public static String render(List<Voice> voices, ListFormat format) {
        return switch (format) {
            case TEXT -> text(voices);
            case JSON -> Json.pretty(json(voices)) + "\n";
        };
    }

    /**
     * Whether {@code voice} speaks {@code language}: an exact tag or the same primary subtag ({@code en} matches
     * {@code en-GB} both ways). A voice that lists no languages is taken to speak any.
     */
    public static boolean speaks(Voice voice, String language) {
        if (language == null || voice.languages().isEmpty()) {
            return true;
        }
        String wanted = normalise(language);
        String wantedPrimary = wanted.split("-", 2)[0];
        for (String l : voice.languages()) {
            String have = normalise(l);
            if (have.equals(wanted) || have.split("-", 2)[0].equals(wantedPrimary)
                    && (!wanted.contains("-") || !have.contains("-"))) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String tag) {
        return tag.strip().replace('_', '-').toLowerCase(Locale.ROOT);
    }

    static String text(List<Voice> voices) {
        if (voices.isEmpty()) {
            return "no voices found\n";
        }
        Table table = new Table("ID", "NAME", "LANGUAGES", "GENDER", "PROVIDER");
        for (Voice v : voices) {
            table.row(v.id(), v.id().equals(v.name()) ? "" : v.name(), String.join(",", v.languages()),
                    v.gender().name().toLowerCase(Locale.ROOT), v.provider());
        }
        return table.render();
    }

    /** An array of {@code id, name, languages[], gender, description, provider, attributes{}}. */
    public static ArrayNode json(List<Voice> voices) {
        ArrayNode array = Json.array();
        for (Voice v : voices) {
            ObjectNode o = array.addObject();
            o.put("id", v.id());
            o.put("name", v.name());
            ArrayNode languages = o.putArray("languages");
            v.languages().forEach(languages::add);
            o.put("gender", v.gender().name().toLowerCase(Locale.ROOT));
            o.put("description", v.description());
            o.put("provider", v.provider());
            ObjectNode attributes = o.putObject("attributes");
            v.attributes().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> attributes.put(e.getKey(), e.getValue()));
        }
        return array;
    }
}
