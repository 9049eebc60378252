package io.debabelizer.azure;

import io.debabelizer.audio.AudioFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies a live stream sends, shaped as the Speech SDK sends them: {@code speech.config} once per
 * connection (who is calling, what audio comes) and {@code speech.context} once per turn (detailed output with word
 * timings, the phrase list as a dynamic grammar {@code dgi}, candidate languages for language identification).
 */
final class UspBodies {

    static final String CLIENT_NAME = "Debabelizer";
    static final String CLIENT_VERSION = "0.1.0";

    private UspBodies() {
    }

    static String speechConfig(AudioFormat format) {
        Map<String, Object> system = Map.of("name", CLIENT_NAME, "version", CLIENT_VERSION, "build", "Java",
                "lang", "Java");
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("samplerate", format.sampleRate());
        source.put("bitspersample", format.bitsPerSample());
        source.put("channelcount", format.channels());
        source.put("connectivity", "Unknown");
        source.put("type", "Stream");
        return AzureJson.write(Map.of("context", Map.of("system", system, "audio", Map.of("source", source))));
    }

    /**
     * @param wordTimings        ask for word offsets and durations in {@code speech.phrase}
     * @param phrases            words and phrases to favour (empty: none)
     * @param candidateLanguages locales to identify the spoken one among (empty: the URL's language is used)
     */
    static String speechContext(boolean wordTimings, List<String> phrases, List<String> candidateLanguages) {
        Map<String, Object> context = new LinkedHashMap<>();
        Map<String, Object> detailed = wordTimings ? Map.of("options", List.of("WordTimings")) : Map.of();
        context.put("phraseOutput", Map.of("format", "Detailed", "detailed", detailed));
        if (!phrases.isEmpty()) {
            List<Map<String, String>> items = phrases.stream().map(p -> Map.of("Text", p)).toList();
            context.put("dgi", Map.of("Groups", List.of(Map.of("Type", "Generic", "Items", items))));
        }
        if (!candidateLanguages.isEmpty()) {
            Map<String, Object> languageId = new LinkedHashMap<>();
            languageId.put("languages", candidateLanguages);
            languageId.put("onSuccess", Map.of("action", "Recognize"));
            languageId.put("onUnknown", Map.of("action", "None"));
            languageId.put("mode", "DetectAtAudioStart");
            context.put("languageId", languageId);
        }
        return AzureJson.write(context);
    }
}
