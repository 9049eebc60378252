package io.debabelizer.whisper;

import io.debabelizer.InvalidInputException;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.stt.TranscriptionRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The options of one transcription, resolved from (first wins) the request's own fields, its
 * {@code providerOptions}, the {@code whisper} configuration section, and the defaults.
 *
 * @param model          model name (e.g. {@code base.en}), or null for the default/installed one
 * @param modelPath      a model file the user already has, or null
 * @param language       ISO 639-1 code whisper.cpp understands, or null to detect it
 * @param translate      translate the speech to English instead of transcribing it
 * @param threads        CPU threads for whisper.cpp
 * @param temperature    initial sampling temperature (0 = deterministic; whisper.cpp raises it on failures)
 * @param beamSize       beam width; 1 decodes greedily
 * @param bestOf         candidates sampled per greedy step when the temperature is above 0
 * @param initialPrompt  text that conditions the decoder (spellings, names, style), or null
 * @param wordTimestamps whether to return words with times
 */
record WhisperSettings(String model, String modelPath, String language, boolean translate, int threads,
                       float temperature, int beamSize, int bestOf, String initialPrompt, boolean wordTimestamps) {

    static final int DEFAULT_BEAM_SIZE = 1;
    static final int DEFAULT_BEST_OF = 5;

    static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    static WhisperSettings resolve(TranscriptionRequest request, ProviderConfig config) {
        Lookup in = new Lookup(request.providerOptions(), config);
        String language = request.language().or(() -> in.string("language")).map(WhisperSettings::whisperLanguage)
                .orElse(null);
        int threads = in.integer("threads").orElse(defaultThreads());
        int beamSize = in.integer("beam_size").orElse(DEFAULT_BEAM_SIZE);
        int bestOf = in.integer("best_of").orElse(DEFAULT_BEST_OF);
        float temperature = in.decimal("temperature").orElse(0.0).floatValue();
        require(threads >= 1 && threads <= 64, "threads must be between 1 and 64, not " + threads);
        require(beamSize >= 1 && beamSize <= 16, "beam_size must be between 1 and 16, not " + beamSize);
        require(bestOf >= 1 && bestOf <= 16, "best_of must be between 1 and 16, not " + bestOf);
        require(temperature >= 0 && temperature <= 1, "temperature must be between 0 and 1, not " + temperature);
        return new WhisperSettings(
                request.model().or(() -> in.string("model")).orElse(null),
                in.string("model_path").orElse(null),
                language,
                in.bool("translate").orElse(false),
                threads, temperature, beamSize, bestOf,
                in.string("initial_prompt").orElse(null),
                in.bool("word_timestamps").orElse(request.wordTimestamps()));
    }

    /** BCP-47 ({@code en-US}) to the code whisper.cpp takes ({@code en}); {@code auto} (or blank) means detect. */
    static String whisperLanguage(String bcp47) {
        String primary = bcp47.trim().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        if (primary.isEmpty() || primary.equals("auto")) {
            return null;
        }
        require(primary.matches("[a-z]{2,3}|haw"), "'" + bcp47 + "' is not a language code");
        return primary;
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new InvalidInputException("whisper: " + problem, "whisper", null, null);
        }
    }

    /** Reads a key from the request's provider options, else from configuration. */
    private record Lookup(Map<String, Object> options, ProviderConfig config) {

        Optional<String> string(String key) {
            Object v = options.get(key);
            if (v != null) {
                String s = v.toString().trim();
                return s.isEmpty() ? Optional.empty() : Optional.of(s);
            }
            return config == null ? Optional.empty() : config.string(key);
        }

        Optional<Boolean> bool(String key) {
            Object v = options.get(key);
            if (v instanceof Boolean b) {
                return Optional.of(b);
            }
            if (v != null) {
                return Optional.of(switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1", "on" -> true;
                    case "false", "no", "0", "off" -> false;
                    default -> throw bad(key, v, "a boolean");
                });
            }
            return config == null ? Optional.empty() : config.bool(key);
        }

        Optional<Integer> integer(String key) {
            Object v = options.get(key);
            if (v instanceof Integer || v instanceof Long || v instanceof Short) {
                return Optional.of(((Number) v).intValue());
            }
            if (v != null) {
                try {
                    return Optional.of(Integer.parseInt(v.toString().trim()));
                } catch (NumberFormatException e) {
                    throw bad(key, v, "an integer");
                }
            }
            return config == null ? Optional.empty() : config.integer(key);
        }

        Optional<Double> decimal(String key) {
            Object v = options.get(key);
            String text = v != null ? v.toString().trim() : config == null ? null : config.string(key).orElse(null);
            if (v instanceof Number n) {
                return Optional.of(n.doubleValue());
            }
            if (text == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Double.parseDouble(text));
            } catch (NumberFormatException e) {
                if (v == null) {
                    throw config.invalid(key, "'" + text + "' is not a number");
                }
                throw bad(key, v, "a number");
            }
        }

        private static InvalidInputException bad(String key, Object value, String what) {
            return new InvalidInputException("whisper: option " + key + " = '" + value + "' is not " + what,
                    "whisper", null, null);
        }
    }
}
