package io.debabelizer.elevenlabs;

import io.debabelizer.InvalidInputException;
import io.debabelizer.tts.SynthesisRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A synthesis request in ElevenLabs' terms: model, language, voice settings and the other provider options, split
 * into the JSON body (REST), the query (REST and stream-input) and the first stream-input message.
 *
 * <p>Provider options: {@code stability}, {@code similarity_boost}, {@code style}, {@code use_speaker_boost},
 * {@code speed} go into {@code voice_settings} (the request's speed fills {@code speed} when not 1.0);
 * {@code output_format}, {@code enable_logging}, {@code optimize_streaming_latency} are query parameters; on a text
 * stream also {@code auto_mode}, {@code sync_alignment}, {@code inactivity_timeout}, {@code enable_ssml_parsing},
 * {@code apply_text_normalization}, {@code seed}, and {@code chunk_length_schedule} / {@code flush_on_sentence_end}
 * shape the stream. Everything else ({@code previous_text}, {@code next_text}, {@code seed},
 * {@code previous_request_ids}, {@code pronunciation_dictionary_locators}, ...) goes into the REST body as given.
 */
final class SpeechOptions {

    static final Set<String> VOICE_SETTINGS = Set.of("stability", "similarity_boost", "style", "use_speaker_boost",
            "speed");
    static final Set<String> REST_QUERY = Set.of("enable_logging", "optimize_streaming_latency");
    static final Set<String> STREAM_QUERY = Set.of("enable_logging", "enable_ssml_parsing", "inactivity_timeout",
            "sync_alignment", "auto_mode", "apply_text_normalization", "seed");
    static final Set<String> STREAM_INIT = Set.of("pronunciation_dictionary_locators");
    static final Set<String> STREAM_CONTROL = Set.of("chunk_length_schedule", "flush_on_sentence_end");

    private SpeechOptions() {
    }

    static String model(SynthesisRequest request, ElevenLabsSettings settings) {
        return request.model().orElse(settings.model());
    }

    /** ISO 639-1 from a BCP-47 tag ({@code en-US} → {@code en}); the {@code language_code} option wins. */
    static String languageCode(SynthesisRequest request) {
        Object explicit = request.providerOptions().get("language_code");
        if (explicit != null) {
            return explicit.toString();
        }
        return request.language().map(l -> l.split("[-_]", 2)[0].toLowerCase(Locale.ROOT)).orElse(null);
    }

    /** The {@code voice_settings} object, empty when nothing overrides the voice's stored settings. */
    static Map<String, Object> voiceSettings(SynthesisRequest request) {
        Map<String, Object> vs = new LinkedHashMap<>();
        for (String key : List.of("stability", "similarity_boost", "style", "use_speaker_boost", "speed")) {
            Object v = request.providerOptions().get(key);
            if (v != null) {
                vs.put(key, key.equals("use_speaker_boost") ? bool(key, v) : number(key, v));
            }
        }
        if (!vs.containsKey("speed") && request.speed() != 1.0) {
            vs.put("speed", request.speed());
        }
        for (String key : List.of("stability", "similarity_boost", "style")) {
            if (vs.get(key) instanceof Double d && (d < 0 || d > 1)) {
                throw invalid(key + " must be between 0 and 1, not " + d);
            }
        }
        if (vs.get("speed") instanceof Double s && (s < 0.7 || s > 1.2)) {
            throw invalid("ElevenLabs speaks at speed 0.7 to 1.2, not " + s);
        }
        return vs;
    }

    /** The REST body: text, model, language, voice settings and the pass-through options. */
    static Map<String, Object> restBody(SynthesisRequest request, ElevenLabsSettings settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", request.text());
        body.put("model_id", model(request, settings));
        String language = languageCode(request);
        if (language != null) {
            body.put("language_code", language);
        }
        Map<String, Object> vs = voiceSettings(request);
        if (!vs.isEmpty()) {
            body.put("voice_settings", vs);
        }
        request.providerOptions().forEach((k, v) -> {
            if (!VOICE_SETTINGS.contains(k) && !REST_QUERY.contains(k) && !STREAM_CONTROL.contains(k)
                    && !k.equals("output_format") && !k.equals("language_code")) {
                body.put(k, v);
            }
        });
        return body;
    }

    /** REST query parameters besides {@code output_format}. */
    static Map<String, String> restQuery(SynthesisRequest request) {
        Map<String, String> q = new LinkedHashMap<>();
        request.providerOptions().forEach((k, v) -> {
            if (REST_QUERY.contains(k)) {
                q.put(k, v.toString());
            }
        });
        return q;
    }

    /** stream-input query parameters besides {@code output_format}; unknown options are refused. */
    static Map<String, String> streamQuery(SynthesisRequest request, ElevenLabsSettings settings) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("model_id", model(request, settings));
        String language = languageCode(request);
        if (language != null) {
            q.put("language_code", language);
        }
        if (request.isSsml()) {
            q.put("enable_ssml_parsing", "true");
        }
        request.providerOptions().forEach((k, v) -> {
            if (STREAM_QUERY.contains(k)) {
                q.put(k, v.toString());
            } else if (!VOICE_SETTINGS.contains(k) && !STREAM_INIT.contains(k) && !STREAM_CONTROL.contains(k)
                    && !k.equals("output_format") && !k.equals("language_code")) {
                throw invalid("option '" + k + "' does not apply to an ElevenLabs text stream");
            }
        });
        return q;
    }

    /** The chunk length schedule for a text stream: the request's option, else the configured one, else none. */
    static List<Integer> chunkSchedule(SynthesisRequest request, ElevenLabsSettings settings) {
        Object v = request.providerOptions().get("chunk_length_schedule");
        if (v == null) {
            return settings.chunkSchedule();
        }
        return ElevenLabsSettings.parseSchedule(v, SpeechOptions::invalid);
    }

    static boolean flushOnSentenceEnd(SynthesisRequest request) {
        Object v = request.providerOptions().get("flush_on_sentence_end");
        return v == null || bool("flush_on_sentence_end", v);
    }

    /** The first stream-input message: a single space, voice settings, generation config. */
    static Map<String, Object> streamInit(SynthesisRequest request, ElevenLabsSettings settings) {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("text", " ");
        Map<String, Object> vs = voiceSettings(request);
        if (!vs.isEmpty()) {
            init.put("voice_settings", vs);
        }
        List<Integer> schedule = chunkSchedule(request, settings);
        if (!schedule.isEmpty()) {
            init.put("generation_config", Map.of("chunk_length_schedule", schedule));
        }
        Object dictionaries = request.providerOptions().get("pronunciation_dictionary_locators");
        if (dictionaries != null) {
            init.put("pronunciation_dictionary_locators", dictionaries);
        }
        return init;
    }

    private static double number(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw invalid(key + " must be a number, not '" + v + "'");
        }
    }

    private static boolean bool(String key, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        return switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key + " must be true or false, not '" + v + "'");
        };
    }

    static InvalidInputException invalid(String message) {
        return new InvalidInputException(message, ElevenLabsSettings.PROVIDER, null, null);
    }

    /** {@code ?a=b&c=d} with the values URL-encoded; empty for no parameters. */
    static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.isEmpty() ? '?' : '&').append(encode(k)).append('=').append(encode(v)));
        return sb.toString();
    }

    static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
