package io.debabelizer.soniox;

import io.debabelizer.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One token of a Soniox result: a sub-word piece of text ({@code "Hel"}, {@code "lo"}, {@code " world"},
 * {@code ","}) with its time span in milliseconds from the start of the audio. A piece that starts with whitespace
 * starts a new word; one that does not continues the word before it.
 *
 * @param text              the piece, spaces included
 * @param startMs           start in ms (0 when the token has no timing, e.g. a translation)
 * @param endMs             end in ms
 * @param confidence        0..1, or NaN when absent
 * @param isFinal           whether it will never change (always true in async transcripts)
 * @param speaker           speaker label ("1", "2", ...) with diarization, else null
 * @param language          ISO 639-1 language with language identification, else null
 * @param audioEvent        whether it marks a non-speech audio event rather than words
 * @param translationStatus {@code none}, {@code original} or {@code translation}; null when absent
 */
record SonioxToken(String text, long startMs, long endMs, double confidence, boolean isFinal, String speaker,
                   String language, boolean audioEvent, String translationStatus) {

    /** Endpoint detected (with {@code enable_endpoint_detection}): the utterance is over. */
    static final String END = "<end>";
    /** The manual finalization asked for with {@code {"type":"finalize"}} is done. */
    static final String FIN = "<fin>";

    boolean isEndpoint() {
        return END.equals(text);
    }

    boolean isFinalizeDone() {
        return FIN.equals(text);
    }

    boolean isMarker() {
        return isEndpoint() || isFinalizeDone();
    }

    /** Whether this piece begins a new word (leading whitespace), rather than continuing the previous one. */
    boolean startsWord() {
        return !text.isEmpty() && Character.isWhitespace(text.charAt(0));
    }

    /** Tokens that are spoken words of the original audio (not markers, audio events or translations). */
    boolean isSpeech() {
        return !isMarker() && !audioEvent && !"translation".equals(translationStatus);
    }

    /** The {@code tokens} array of a result or transcript; anything that is not a token is a protocol error. */
    static List<SonioxToken> parseAll(JsonNode tokens, boolean finalByDefault, String provider) {
        if (tokens.isMissingNode() || tokens.isNull()) {
            return List.of();
        }
        if (!tokens.isArray()) {
            throw new ProtocolException("'tokens' is not an array", provider, null, null);
        }
        List<SonioxToken> out = new ArrayList<>(tokens.size());
        for (JsonNode t : tokens) {
            out.add(parse(t, finalByDefault, provider));
        }
        return out;
    }

    static SonioxToken parse(JsonNode t, boolean finalByDefault, String provider) {
        if (!t.isObject() || !t.path("text").isString()) {
            throw new ProtocolException("malformed token " + abbreviate(t), provider, null, null);
        }
        JsonNode start = t.path("start_ms");
        JsonNode end = t.path("end_ms");
        if ((!start.isMissingNode() && !start.isNull() && !start.isNumber())
                || (!end.isMissingNode() && !end.isNull() && !end.isNumber())) {
            throw new ProtocolException("token with non-numeric times " + abbreviate(t), provider, null, null);
        }
        long s = start.asLong(0);
        long e = end.asLong(s);
        if (s < 0 || e < s) {
            throw new ProtocolException("token with impossible times " + abbreviate(t), provider, null, null);
        }
        JsonNode conf = t.path("confidence");
        return new SonioxToken(t.path("text").asString(), s, e, conf.isNumber() ? conf.asDouble() : Double.NaN,
                t.path("is_final").asBoolean(finalByDefault), text(t, "speaker"), text(t, "language"),
                t.path("is_audio_event").asBoolean(false), text(t, "translation_status"));
    }

    private static String text(JsonNode t, String field) {
        JsonNode v = t.path(field);
        if (v.isString()) {
            return v.asString().isEmpty() ? null : v.asString();
        }
        return v.isNumber() ? v.asString() : null;
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
