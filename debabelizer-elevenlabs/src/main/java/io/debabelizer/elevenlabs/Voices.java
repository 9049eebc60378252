package io.debabelizer.elevenlabs;

import io.debabelizer.ProtocolException;
import io.debabelizer.tts.Voice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** ElevenLabs voice objects as {@link Voice}s. */
final class Voices {

    private Voices() {
    }

    /**
     * {@code voice_id}, {@code name}; gender from {@code labels.gender}; languages from {@code verified_languages}
     * (locale, else language) and {@code labels.language}; description from {@code description} or
     * {@code labels.description}; attributes: the labels, {@code category}, {@code preview_url}.
     */
    static Voice fromJson(JsonNode v, String requestId) {
        String id = v.path("voice_id").asString(null);
        if (id == null || id.isBlank()) {
            throw new ProtocolException("a voice without voice_id: " + v, ElevenLabsSettings.PROVIDER, requestId,
                    null);
        }
        JsonNode labels = v.path("labels");
        Map<String, String> attributes = new LinkedHashMap<>();
        labels.properties().forEach(e -> {
            if (e.getValue().isString()) {
                attributes.put(e.getKey(), e.getValue().asString());
            }
        });
        for (String key : List.of("category", "preview_url")) {
            if (v.path(key).isString()) {
                attributes.put(key, v.path(key).asString());
            }
        }
        List<String> languages = new ArrayList<>();
        for (JsonNode l : v.path("verified_languages")) {
            String tag = l.path("locale").isString() ? l.path("locale").asString() : l.path("language").asString(null);
            if (tag != null && !tag.isBlank() && !languages.contains(tag)) {
                languages.add(tag);
            }
        }
        String labelLanguage = labels.path("language").asString(null);
        if (labelLanguage != null && !labelLanguage.isBlank() && languages.stream()
                .noneMatch(t -> t.equals(labelLanguage) || t.startsWith(labelLanguage + "-"))) {
            languages.add(labelLanguage);
        }
        String description = v.path("description").isString() ? v.path("description").asString()
                : labels.path("description").asString(null);
        return new Voice(id, v.path("name").asString(id), languages,
                Voice.Gender.parse(labels.path("gender").asString(null)), description, ElevenLabsSettings.PROVIDER,
                attributes);
    }
}
