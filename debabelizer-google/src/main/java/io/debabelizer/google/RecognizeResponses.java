package io.debabelizer.google;

import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.Usage;
import io.debabelizer.stt.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Maps a {@code RecognizeResponse} / {@code LongRunningRecognizeResponse} (REST JSON) to the common transcript:
 * the top alternative of each result, joined; words with times parsed from {@code "1.500s"} strings; with
 * diarization the last result, which carries the speaker-labelled words of the whole audio, supplies the words.
 */
final class RecognizeResponses {

    private RecognizeResponses() {
    }

    static Transcript transcript(JsonNode response, String model, double audioSeconds) {
        String requestId = response.path("requestId").asString(null);
        List<String> texts = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        List<Word> lastWords = List.of();
        double confidenceSum = 0;
        int confidenceCount = 0;
        String language = null;
        double end = -1;
        boolean speakerLabels = false;
        for (JsonNode result : response.path("results")) {
            JsonNode best = result.path("alternatives").path(0);
            String text = best.path("transcript").asString("").strip();
            List<Word> resultWords = words(best.path("words"), 0);
            speakerLabels |= resultWords.stream().anyMatch(w -> w.speaker() != null);
            lastWords = resultWords;
            if (!text.isEmpty()) {
                texts.add(text);
                words.addAll(resultWords);
            }
            if (best.has("confidence")) {
                confidenceSum += best.path("confidence").asDouble();
                confidenceCount++;
            }
            if (language == null) {
                language = GoogleJson.languageTag(result.path("languageCode").asString(null));
            }
            end = Math.max(end, GoogleJson.seconds(result.get("resultEndTime"), -1));
        }
        if (speakerLabels && !lastWords.isEmpty()) {
            words = new ArrayList<>(lastWords); // the whole audio again, with speakers; earlier results lack them
        }
        double billed = GoogleJson.seconds(response.get("totalBilledTime"), 0);
        double duration = audioSeconds >= 0 ? audioSeconds : end;
        return new Transcript(String.join(" ", texts), language, duration,
                confidenceCount == 0 ? Double.NaN : confidenceSum / confidenceCount, words,
                GoogleSettings.PROVIDER, model, requestId, new Usage(billed));
    }

    /** {@code WordInfo}s moved by {@code offset} seconds; {@code speakerLabel} (or {@code speakerTag}) kept. */
    static List<Word> words(JsonNode words, double offset) {
        List<Word> out = new ArrayList<>();
        for (JsonNode w : words) {
            String punctuated = w.path("word").asString("");
            if (punctuated.isEmpty()) {
                continue;
            }
            double start = GoogleJson.seconds(w.get("startTime"), 0) + offset;
            double end = Math.max(start, GoogleJson.seconds(w.get("endTime"), 0) + offset);
            double confidence = w.has("confidence") ? w.path("confidence").asDouble() : Double.NaN;
            String speaker = w.path("speakerLabel").asString(null);
            if (speaker == null && w.path("speakerTag").asInt(0) > 0) {
                speaker = Integer.toString(w.path("speakerTag").asInt());
            }
            out.add(new Word(lexical(punctuated), punctuated, start, end, confidence, speaker));
        }
        return out;
    }

    /** Google has one spelling per word, punctuated when asked; the lexical form drops edge punctuation. */
    static String lexical(String punctuated) {
        String s = punctuated.replaceAll("^\\p{Punct}+|\\p{Punct}+$", "");
        return s.isEmpty() ? punctuated : s;
    }

    static String join(List<Word> words) {
        return words.stream().map(Word::punctuated).collect(Collectors.joining(" "));
    }
}
