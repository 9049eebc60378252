package io.debabelizer.tts;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A voice a TTS provider offers.
 *
 * @param id          what to pass as {@link SynthesisRequest#voice()}
 * @param name        human-readable name
 * @param languages   BCP-47 languages it speaks (empty if unknown or any)
 * @param gender      its gender, if the provider says
 * @param description free text from the provider, or {@code null}
 * @param provider    provider name
 * @param attributes  other provider facts (styles, voice type, preview URL, ...)
 */
public record Voice(String id, String name, List<String> languages, Gender gender, String description,
                    String provider, Map<String, String> attributes) {

    public Voice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        name = name == null ? id : name;
        languages = List.copyOf(languages);
        gender = gender == null ? Gender.UNKNOWN : gender;
        attributes = Map.copyOf(attributes);
    }

    public enum Gender {
        FEMALE, MALE, NEUTRAL, UNKNOWN;

        /** Parses provider spellings such as "Female", "MALE", "neutral"; anything else is UNKNOWN. */
        public static Gender parse(String s) {
            if (s == null) {
                return UNKNOWN;
            }
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "female", "f", "woman" -> FEMALE;
                case "male", "m", "man" -> MALE;
                case "neutral" -> NEUTRAL;
                default -> UNKNOWN;
            };
        }
    }
}
