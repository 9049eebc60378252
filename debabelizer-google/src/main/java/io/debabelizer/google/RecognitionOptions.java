package io.debabelizer.google;

import com.google.cloud.speech.v1.RecognitionConfig;
import com.google.cloud.speech.v1.SpeakerDiarizationConfig;
import com.google.cloud.speech.v1.SpeechContext;
import io.debabelizer.InvalidInputException;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.TranscriptionRequest;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The recognition settings shared by batch (REST JSON) and live (gRPC proto) requests, taken from the common request
 * and its provider options: {@code alternative_languages} (up to 3, list or comma-separated), {@code profanity_filter},
 * {@code min_speakers}/{@code max_speakers}, {@code use_enhanced}, {@code phrases} (a speech context).
 */
record RecognitionOptions(String languageCode, List<String> alternativeLanguages, String model, boolean punctuate,
                          boolean wordTimeOffsets, boolean diarize, int minSpeakers, int maxSpeakers,
                          boolean profanityFilter, boolean useEnhanced, List<String> phrases) {

    static final int MAX_ALTERNATIVE_LANGUAGES = 3;

    static RecognitionOptions of(TranscriptionRequest r, GoogleSettings settings) {
        return of(r.language().orElse(null), r.model().orElse(settings.model()), r.punctuate(), r.wordTimestamps(),
                r.diarize(), r.providerOptions(), settings);
    }

    static RecognitionOptions of(StreamRequest r, GoogleSettings settings) {
        return of(r.language().orElse(null), r.model().orElse(settings.model()), r.punctuate(), r.wordTimestamps(),
                r.diarize(), r.providerOptions(), settings);
    }

    private static RecognitionOptions of(String language, String model, boolean punctuate, boolean words,
                                         boolean diarize, Map<String, Object> options, GoogleSettings settings) {
        String code = language == null || language.isBlank() || language.equalsIgnoreCase("auto")
                ? settings.language() : language;
        List<String> alternatives = strings(options.get("alternative_languages"));
        if (alternatives.size() > MAX_ALTERNATIVE_LANGUAGES) {
            throw new InvalidInputException("Google accepts at most " + MAX_ALTERNATIVE_LANGUAGES
                    + " alternative_languages, got " + alternatives, GoogleSettings.PROVIDER, null, null);
        }
        return new RecognitionOptions(code, alternatives, model, punctuate, words, diarize,
                integer(options.get("min_speakers")), integer(options.get("max_speakers")),
                bool(options.get("profanity_filter")), bool(options.get("use_enhanced")),
                strings(options.get("phrases")));
    }

    /** {@code RecognitionConfig} in the REST JSON mapping. */
    Map<String, Object> toJson(SpeechEncoding encoding) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("encoding", encoding.encoding());
        if (encoding.sampleRate() > 0) {
            c.put("sampleRateHertz", encoding.sampleRate());
        }
        c.put("languageCode", languageCode);
        if (!alternativeLanguages.isEmpty()) {
            c.put("alternativeLanguageCodes", alternativeLanguages);
        }
        if (model != null) {
            c.put("model", model);
        }
        c.put("enableAutomaticPunctuation", punctuate);
        c.put("enableWordTimeOffsets", wordTimeOffsets);
        c.put("enableWordConfidence", wordTimeOffsets);
        if (profanityFilter) {
            c.put("profanityFilter", true);
        }
        if (useEnhanced) {
            c.put("useEnhanced", true);
        }
        if (!phrases.isEmpty()) {
            c.put("speechContexts", List.of(Map.of("phrases", phrases)));
        }
        if (diarize) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("enableSpeakerDiarization", true);
            if (minSpeakers > 0) {
                d.put("minSpeakerCount", minSpeakers);
            }
            if (maxSpeakers > 0) {
                d.put("maxSpeakerCount", maxSpeakers);
            }
            c.put("diarizationConfig", d);
        }
        return c;
    }

    /** The same {@code RecognitionConfig} as the gRPC message. */
    RecognitionConfig toProto(String encoding, int sampleRate) {
        RecognitionConfig.Builder b = RecognitionConfig.newBuilder()
                .setEncoding(RecognitionConfig.AudioEncoding.valueOf(encoding))
                .setLanguageCode(languageCode)
                .addAllAlternativeLanguageCodes(alternativeLanguages)
                .setEnableAutomaticPunctuation(punctuate)
                .setEnableWordTimeOffsets(wordTimeOffsets)
                .setEnableWordConfidence(wordTimeOffsets)
                .setProfanityFilter(profanityFilter)
                .setUseEnhanced(useEnhanced);
        if (sampleRate > 0) {
            b.setSampleRateHertz(sampleRate);
        }
        if (model != null) {
            b.setModel(model);
        }
        if (!phrases.isEmpty()) {
            b.addSpeechContexts(SpeechContext.newBuilder().addAllPhrases(phrases));
        }
        if (diarize) {
            b.setDiarizationConfig(SpeakerDiarizationConfig.newBuilder().setEnableSpeakerDiarization(true)
                    .setMinSpeakerCount(minSpeakers).setMaxSpeakerCount(maxSpeakers));
        }
        return b.build();
    }

    static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        Collection<?> items = value instanceof Collection<?> c ? c : Arrays.asList(value.toString().split(","));
        return items.stream().map(o -> o.toString().strip()).filter(s -> !s.isEmpty()).toList();
    }

    static boolean bool(Object value) {
        return value != null && (value instanceof Boolean b ? b
                : Boolean.parseBoolean(value.toString().strip().toLowerCase(Locale.ROOT)));
    }

    private static int integer(Object value) {
        if (value == null) {
            return 0;
        }
        try {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("'" + value + "' is not a whole number", GoogleSettings.PROVIDER, null,
                    null);
        }
    }
}
