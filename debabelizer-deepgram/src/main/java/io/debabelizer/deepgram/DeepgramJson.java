package io.debabelizer.deepgram;

import io.debabelizer.ProtocolException;
import io.debabelizer.spi.json.ProviderJson;
import io.debabelizer.stt.Word;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON reading shared by the REST and WebSocket sides: parse, and map Deepgram's word objects. */
final class DeepgramJson {

    static final JsonMapper MAPPER = ProviderJson.MAPPER;
    private static final ProviderJson JSON = new ProviderJson(DeepgramSettings.PROVIDER, "Deepgram");

    private DeepgramJson() {
    }

    static JsonNode parse(byte[] body, String requestId) {
        return parse(new String(body, StandardCharsets.UTF_8), requestId);
    }

    static JsonNode parse(String text, String requestId) {
        return JSON.object(text, requestId);
    }

    static String write(Object value) {
        return JSON.write(value);
    }

    /**
     * Words of an alternative: {@code word} (lower case, bare), {@code punctuated_word} when punctuating,
     * {@code start}/{@code end} in seconds, {@code confidence}, {@code speaker} (from 0) when diarizing.
     */
    static List<Word> words(JsonNode array, String requestId) {
        if (array == null || array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new ProtocolException("'words' is not an array", DeepgramSettings.PROVIDER, requestId, null);
        }
        List<Word> words = new ArrayList<>(array.size());
        for (JsonNode w : array) {
            if (!w.path("word").isString() || !w.path("start").isNumber() || !w.path("end").isNumber()) {
                throw new ProtocolException("malformed word " + w, DeepgramSettings.PROVIDER, requestId, null);
            }
            JsonNode speaker = w.path("speaker");
            try {
                words.add(new Word(w.path("word").asString(), w.path("punctuated_word").asString(null),
                        w.path("start").asDouble(), w.path("end").asDouble(),
                        w.path("confidence").isNumber() ? w.path("confidence").asDouble() : Double.NaN,
                        speaker.isNumber() || speaker.isString() ? speaker.asString() : null));
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("malformed word " + w + ": " + e.getMessage(),
                        DeepgramSettings.PROVIDER, requestId, e);
            }
        }
        return words;
    }

    /** The text a result carries: its punctuated words joined by spaces, or the transcript when it has none. */
    static String text(String transcript, List<Word> words) {
        if (words.isEmpty()) {
            return transcript == null ? "" : transcript;
        }
        return words.stream().map(Word::punctuated).collect(Collectors.joining(" "));
    }

    static double number(JsonNode n, double fallback) {
        return ProviderJson.number(n, fallback);
    }
}
