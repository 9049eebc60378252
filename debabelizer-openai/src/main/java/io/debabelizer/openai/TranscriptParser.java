package io.debabelizer.openai;

import io.debabelizer.ProtocolException;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.Usage;
import io.debabelizer.stt.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Turns the bodies of {@code /audio/transcriptions} and {@code /audio/translations} into the common transcript. */
final class TranscriptParser {

    private static final Pattern CUE_TIME = Pattern.compile(
            "(?:(\\d+):)?(\\d{1,2}):(\\d{2})[.,](\\d{3})\\s*-->\\s*(?:(\\d+):)?(\\d{1,2}):(\\d{2})[.,](\\d{3})");

    private TranscriptParser() {
    }

    /**
     * The transcript of a JSON body ({@code json}, {@code verbose_json}, {@code diarized_json} or a stream's
     * {@code transcript.text.done} event): {@code text}, and where present {@code language}, {@code duration},
     * {@code words} and {@code usage}.
     */
    static Transcript fromJson(JsonNode n, String model, String requestId, double knownDuration) {
        if (!n.path("text").isString()) {
            throw new ProtocolException("the transcription has no 'text'", OpenAiSettings.PROVIDER, requestId, null);
        }
        String text = n.path("text").asString().strip();
        List<Word> words = words(n.path("words"), text, requestId);
        double duration = OpenAiJson.number(n.path("duration"), knownDuration);
        JsonNode usage = n.path("usage");
        double billedSeconds = "duration".equals(usage.path("type").asString(null))
                ? OpenAiJson.number(usage.path("seconds"), Math.max(0, duration)) : Math.max(0, duration);
        return new Transcript(text, OpenAiLanguages.fromResponse(n.path("language").asString(null)), duration,
                Double.NaN, words, OpenAiSettings.PROVIDER, model, requestId, new Usage(billedSeconds));
    }

    /**
     * Whisper's words ({@code word}, {@code start}, {@code end}) come without punctuation; the punctuated form is
     * found by walking the text, each word taking the punctuation that follows it there.
     */
    static List<Word> words(JsonNode array, String text, String requestId) {
        if (array == null || array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new ProtocolException("'words' is not an array", OpenAiSettings.PROVIDER, requestId, null);
        }
        List<Word> words = new ArrayList<>(array.size());
        int cursor = 0;
        String lower = text.toLowerCase(Locale.ROOT);
        String haystack = lower.length() == text.length() ? lower : text; // case folding must keep offsets
        for (JsonNode w : array) {
            if (!w.path("word").isString() || !w.path("start").isNumber() || !w.path("end").isNumber()) {
                throw new ProtocolException("malformed word " + w, OpenAiSettings.PROVIDER, requestId, null);
            }
            String bare = w.path("word").asString().strip();
            String punctuated = bare;
            int at = bare.isEmpty() ? -1
                    : haystack.indexOf(haystack == lower ? bare.toLowerCase(Locale.ROOT) : bare, cursor);
            // Accept the match only if nothing but spaces and punctuation was skipped to reach it.
            if (at >= 0 && text.substring(cursor, at).codePoints().noneMatch(Character::isLetterOrDigit)) {
                int end = at + bare.length();
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                punctuated = text.substring(at, end);
                cursor = end;
            }
            double start = w.path("start").asDouble();
            double end = Math.max(start, w.path("end").asDouble());
            words.add(new Word(bare, punctuated, start, end, Double.NaN, null));
        }
        return words;
    }

    /** The transcript of a {@code text}, {@code srt} or {@code vtt} body: the cue texts joined (times dropped). */
    static Transcript fromText(String body, String format, String model, String requestId, double knownDuration) {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("srt") && !f.equals("vtt")) {
            return new Transcript(body.strip(), null, knownDuration, Double.NaN, List.of(), OpenAiSettings.PROVIDER,
                    model, requestId, new Usage(Math.max(0, knownDuration)));
        }
        StringBuilder text = new StringBuilder();
        double lastEnd = knownDuration;
        boolean inCue = false;
        for (String line : body.replace("\r\n", "\n").split("\n")) {
            String l = line.strip();
            Matcher m = CUE_TIME.matcher(l);
            if (m.find()) {
                inCue = true;
                lastEnd = Math.max(lastEnd, seconds(m, 5));
            } else if (l.isEmpty()) {
                inCue = false;
            } else if (inCue) {
                text.append(text.isEmpty() ? "" : " ").append(l);
            }
        }
        return new Transcript(text.toString(), null, lastEnd, Double.NaN, List.of(), OpenAiSettings.PROVIDER, model,
                requestId, new Usage(Math.max(0, lastEnd)));
    }

    private static double seconds(Matcher m, int first) {
        String h = m.group(first);
        return (h == null ? 0 : Integer.parseInt(h)) * 3600 + Integer.parseInt(m.group(first + 1)) * 60
                + Integer.parseInt(m.group(first + 2)) + Integer.parseInt(m.group(first + 3)) / 1000.0;
    }
}
