package io.debabelizer.azure;

import io.debabelizer.ProtocolException;
import io.debabelizer.tts.Voice;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The voice list ({@code GET /cognitiveservices/voices/list}): a JSON array of voices with {@code ShortName} (the id
 * to synthesise with), {@code Locale}, {@code Gender}, {@code VoiceType}, optional {@code StyleList},
 * {@code RolePlayList}, {@code SecondaryLocaleList}; numbers such as {@code SampleRateHertz} come as strings.
 */
final class AzureVoices {

    private AzureVoices() {
    }

    static List<Voice> parse(byte[] body, String requestId) {
        JsonNode root;
        try {
            root = AzureJson.MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new ProtocolException("the voice list does not parse: " + e.getOriginalMessage(),
                    AzureSettings.PROVIDER, requestId, e);
        }
        if (root == null || !root.isArray()) {
            throw new ProtocolException("the voice list is not a JSON array", AzureSettings.PROVIDER, requestId, null);
        }
        List<Voice> voices = new ArrayList<>(root.size());
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode v : root) {
            String id = v.path("ShortName").asString(null);
            if (id == null || id.isBlank()) {
                throw new ProtocolException("a voice without ShortName", AzureSettings.PROVIDER, requestId, null);
            }
            if (seen.add(id)) {
                voices.add(voice(id, v));
            }
        }
        return voices;
    }

    private static Voice voice(String id, JsonNode v) {
        List<String> languages = new ArrayList<>();
        String locale = v.path("Locale").asString(null);
        if (locale != null) {
            languages.add(locale);
        }
        for (JsonNode l : v.path("SecondaryLocaleList")) {
            String tag = l.asString("");
            if (!tag.isEmpty() && !languages.contains(tag)) {
                languages.add(tag);
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String key : List.of("VoiceType", "Status", "SampleRateHertz", "WordsPerMinute", "LocaleName",
                "LocalName")) {
            JsonNode value = v.path(key);
            if (value.isString() || value.isNumber()) {
                attributes.put(lowerFirst(key), value.asString());
            }
        }
        joined(v.path("StyleList")).ifPresent(s -> attributes.put("styles", s));
        joined(v.path("RolePlayList")).ifPresent(s -> attributes.put("roles", s));
        String name = v.path("DisplayName").asString(id);
        String description = v.path("LocaleName").isString()
                ? v.path("VoiceType").asString("") + " voice, " + v.path("LocaleName").asString() : null;
        return new Voice(id, name, languages, Voice.Gender.parse(v.path("Gender").asString(null)),
                description == null ? null : description.strip(), AzureSettings.PROVIDER, attributes);
    }

    private static java.util.Optional<String> joined(JsonNode list) {
        if (!list.isArray() || list.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> items = new ArrayList<>();
        list.forEach(i -> items.add(i.asString("")));
        return java.util.Optional.of(String.join(",", items));
    }

    private static String lowerFirst(String key) {
        return Character.toLowerCase(key.charAt(0)) + key.substring(1);
    }
}
