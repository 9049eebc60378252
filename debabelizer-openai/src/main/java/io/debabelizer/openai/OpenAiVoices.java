package io.debabelizer.openai;

import io.debabelizer.tts.Voice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI's built-in voices. There is no endpoint that lists them, so this is the documented set (OpenAPI
 * {@code VoiceIdsShared} plus the voices its description names). tts-1 and tts-1-hd speak nine of them; ballad,
 * verse, marin and cedar need gpt-4o-mini-tts. All are multilingual (they speak the language of the text).
 */
final class OpenAiVoices {

    static final List<String> ALL = List.of("alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova",
            "sage", "shimmer", "verse", "marin", "cedar");
    static final Set<String> TTS1 = Set.of("alloy", "ash", "coral", "echo", "fable", "onyx", "nova", "sage",
            "shimmer");

    private OpenAiVoices() {
    }

    static List<Voice> list() {
        List<Voice> voices = new ArrayList<>();
        for (String id : ALL) {
            String models = TTS1.contains(id) ? "tts-1,tts-1-hd,gpt-4o-mini-tts" : "gpt-4o-mini-tts";
            voices.add(new Voice(id, Character.toUpperCase(id.charAt(0)) + id.substring(1), List.of(),
                    Voice.Gender.UNKNOWN, "OpenAI built-in voice", OpenAiSettings.PROVIDER, Map.of("models", models)));
        }
        return voices;
    }

    /** Whether {@code model} (a tts-1 family name) can speak {@code voice}; unknown models and voices pass. */
    static boolean supports(String model, String voice) {
        boolean tts1 = model.equals("tts-1") || model.equals("tts-1-hd");
        return !tts1 || !ALL.contains(voice) || TTS1.contains(voice);
    }
}
