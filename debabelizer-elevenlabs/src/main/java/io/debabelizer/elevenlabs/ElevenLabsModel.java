package io.debabelizer.elevenlabs;

import java.util.List;

/**
 * A model from {@code GET /v1/models}.
 *
 * @param id                  what to pass as the request's model ({@code model_id})
 * @param name                display name
 * @param description         free text, or null
 * @param textToSpeech        whether it speaks text ({@code can_do_text_to_speech})
 * @param languages           language ids it speaks (e.g. {@code en}, {@code es})
 * @param maxCharacters       longest text one request may carry ({@code maximum_text_length_per_request}), or -1
 * @param costMultiplier      {@code model_rates.character_cost_multiplier}, or NaN when not given
 */
public record ElevenLabsModel(String id, String name, String description, boolean textToSpeech,
                              List<String> languages, int maxCharacters, double costMultiplier) {

    public ElevenLabsModel {
        languages = List.copyOf(languages);
    }
}
