package io.debabelizer.azure;

import io.debabelizer.ProtocolException;
import io.debabelizer.stt.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * One recognition result in Azure's speech format, shared by the short-audio REST API and the live
 * {@code speech.phrase} message: {@code RecognitionStatus}, {@code Offset}/{@code Duration} in ticks, and either
 * {@code DisplayText} (simple format) or {@code NBest} (detailed: {@code Lexical}, {@code ITN}, {@code MaskedITN},
 * {@code Display}, {@code Confidence}, {@code Words} with tick times, optionally {@code DisplayWords}).
 *
 * <p>Azure's words are lexical ({@code "five"}, no punctuation); their punctuated form is taken from
 * {@code DisplayWords} where given, else matched against the display text token by token.
 *
 * @param status     {@code RecognitionStatus}, e.g. {@code Success}, {@code NoMatch}
 * @param display    the display text (punctuated, ITN applied); empty when nothing was recognised
 * @param lexical    the lexical form, or the display text when the result has none
 * @param words      words in seconds of stream time
 * @param start      seconds of stream time
 * @param end        seconds of stream time
 * @param confidence 0..1 of the best alternative, or NaN
 * @param language   the language Azure identified ({@code PrimaryLanguage}), or null
 */
record RecognizedPhrase(String status, String display, String lexical, List<Word> words, double start, double end,
                        double confidence, String language) {

    static final String SUCCESS = "Success";

    /** Statuses that mean "nothing recognised in this audio", not a failure. */
    static boolean isNothingRecognised(String status) {
        return switch (status) {
            case "NoMatch", "InitialSilenceTimeout", "BabbleTimeout", "EndOfDictation" -> true;
            default -> false;
        };
    }

    boolean isSuccess() {
        return SUCCESS.equals(status);
    }

    /** The punctuated words joined by spaces, or the display text when there are no words. */
    String wordText() {
        return words.isEmpty() ? display : words.stream().map(Word::punctuated).collect(Collectors.joining(" "));
    }

    /**
     * Reads a result whose times count from {@code baseSeconds} of stream time (0 for a whole recording; the start
     * of the turn on a live stream).
     */
    static RecognizedPhrase parse(JsonNode n, double baseSeconds, String requestId) {
        JsonNode statusNode = n.path("RecognitionStatus");
        if (!statusNode.isString()) {
            throw new ProtocolException("a result without RecognitionStatus", AzureSettings.PROVIDER, requestId, null);
        }
        String status = statusNode.asString();
        double start = baseSeconds + AzureJson.ticksToSeconds(n.path("Offset"), requestId);
        double end = start + AzureJson.ticksToSeconds(n.path("Duration"), requestId);
        String language = n.path("PrimaryLanguage").path("Language").asString(null);
        JsonNode nBest = n.path("NBest");
        if (!nBest.isArray() || nBest.isEmpty()) {
            String display = n.path("DisplayText").asString("");
            return new RecognizedPhrase(status, display, display, List.of(), start, end, Double.NaN, language);
        }
        JsonNode best = nBest.get(0);
        String display = best.path("Display").asString(n.path("DisplayText").asString(""));
        List<Word> words = words(best.path("Words"), best.path("DisplayWords"), display, baseSeconds, requestId);
        return new RecognizedPhrase(status, display, best.path("Lexical").asString(display), words, start, end,
                AzureJson.number(best.path("Confidence"), Double.NaN), language);
    }

    private static List<Word> words(JsonNode lexicalWords, JsonNode displayWords, String display, double base,
                                    String requestId) {
        if (!lexicalWords.isArray() || lexicalWords.isEmpty()) {
            return List.of();
        }
        List<String> punctuated = displayWords.isArray() && displayWords.size() == lexicalWords.size()
                ? textsOf(displayWords) : align(textsOf(lexicalWords), List.of(display.strip().split("\\s+")));
        List<Word> words = new ArrayList<>(lexicalWords.size());
        int i = 0;
        for (JsonNode w : lexicalWords) {
            if (!w.path("Word").isString()) {
                throw new ProtocolException("a word without 'Word': " + w, AzureSettings.PROVIDER, requestId, null);
            }
            double start = base + AzureJson.ticksToSeconds(w.path("Offset"), requestId);
            double end = start + AzureJson.ticksToSeconds(w.path("Duration"), requestId);
            words.add(new Word(w.path("Word").asString(), punctuated.get(i++), start, end,
                    AzureJson.number(w.path("Confidence"), Double.NaN), null));
        }
        return words;
    }

    private static List<String> textsOf(JsonNode words) {
        List<String> out = new ArrayList<>(words.size());
        words.forEach(w -> out.add(w.path("Word").asString("")));
        return out;
    }

    /**
     * The display form of each lexical word: the next display token that reads the same once case and punctuation
     * are ignored (looking a few tokens ahead, as inverse text normalisation can merge or drop some), else the
     * lexical word itself.
     */
    static List<String> align(List<String> lexical, List<String> displayTokens) {
        List<String> out = new ArrayList<>(lexical.size());
        int next = 0;
        for (String word : lexical) {
            String key = normalise(word);
            String match = word;
            for (int j = next; j < Math.min(displayTokens.size(), next + 3); j++) {
                if (!key.isEmpty() && normalise(displayTokens.get(j)).equals(key)) {
                    match = displayTokens.get(j);
                    next = j + 1;
                    break;
                }
            }
            out.add(match);
        }
        return out;
    }

    private static String normalise(String token) {
        return token.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}']", "");
    }
}
