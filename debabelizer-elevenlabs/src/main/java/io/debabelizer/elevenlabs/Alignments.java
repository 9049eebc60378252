package io.debabelizer.elevenlabs;

import io.debabelizer.ProtocolException;
import io.debabelizer.tts.SpeechTiming;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reading ElevenLabs' character alignment: REST's snake_case {@code alignment} (seconds) and the stream-input
 * socket's camelCase {@code alignment} (milliseconds relative to the chunk, durations under
 * {@code charDurationsMs} or, in the spec's spelling, {@code charsDurationsMs}). The original-text
 * {@code alignment} is preferred over {@code normalized_alignment}, whose characters may differ from the text sent.
 */
final class Alignments {

    /** One piece of alignment: characters with start and end in seconds from the start of the piece. */
    record Piece(List<String> chars, double[] starts, double[] ends) {
        static final Piece EMPTY = new Piece(List.of(), new double[0], new double[0]);

        double lastEnd() {
            double max = 0;
            for (double e : ends) {
                max = Math.max(max, e);
            }
            return max;
        }
    }

    private Alignments() {
    }

    /** Word timings of a whole {@code /with-timestamps} response for {@code text}. */
    static List<SpeechTiming> restWords(JsonNode response, String text, String requestId) {
        JsonNode a = response.path("alignment");
        if (!a.isObject()) {
            a = response.path("normalized_alignment");
        }
        if (!a.isObject()) {
            return List.of();
        }
        List<String> chars = strings(a.path("characters"), requestId);
        double[] starts = numbers(a.path("character_start_times_seconds"), chars.size(), 1.0, requestId);
        double[] ends = numbers(a.path("character_end_times_seconds"), chars.size(), 1.0, requestId);
        WordAligner aligner = new WordAligner();
        aligner.sentText(text);
        List<SpeechTiming> words = new ArrayList<>(aligner.feed(chars, starts, ends, 0));
        words.addAll(aligner.finish());
        return words;
    }

    /** The alignment of one stream-input audio message (times converted to seconds), or an empty piece. */
    static Piece socketPiece(JsonNode message, String requestId) {
        JsonNode a = message.path("alignment");
        if (!a.isObject()) {
            a = message.path("normalizedAlignment");
        }
        if (!a.isObject()) {
            return Piece.EMPTY;
        }
        List<String> chars = strings(a.path("chars"), requestId);
        double[] starts = numbers(a.path("charStartTimesMs"), chars.size(), 0.001, requestId);
        JsonNode durations = a.has("charDurationsMs") ? a.path("charDurationsMs") : a.path("charsDurationsMs");
        double[] lengths = numbers(durations, chars.size(), 0.001, requestId);
        double[] ends = new double[chars.size()];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = starts[i] + Math.max(0, lengths[i]);
        }
        return new Piece(chars, starts, ends);
    }

    private static List<String> strings(JsonNode array, String requestId) {
        if (!array.isArray()) {
            throw malformed("characters are not an array", requestId);
        }
        List<String> out = new ArrayList<>(array.size());
        for (JsonNode c : array) {
            if (!c.isString()) {
                throw malformed("a character that is not a string: " + c, requestId);
            }
            out.add(c.asString());
        }
        return out;
    }

    private static double[] numbers(JsonNode array, int size, double scale, String requestId) {
        if (!array.isArray() || array.size() != size) {
            throw malformed("character times missing or not one per character", requestId);
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            JsonNode n = array.get(i);
            if (!n.isNumber()) {
                throw malformed("a character time that is not a number: " + n, requestId);
            }
            out[i] = n.asDouble() * scale;
        }
        return out;
    }

    private static ProtocolException malformed(String problem, String requestId) {
        return new ProtocolException("malformed alignment from ElevenLabs: " + problem, ElevenLabsSettings.PROVIDER,
                requestId, null);
    }
}
