package io.debabelizer.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.Usage;
import io.debabelizer.stt.Word;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TranscriptWriterTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final TranscriptWriter writer = new TranscriptWriter();

    private static Transcript sample() {
        return new Transcript("Hello world.", "en-US", 1.5, 0.93,
                List.of(new Word("hello", "Hello", 0.1, 0.5, 0.99, null),
                        new Word("world", "world.", 0.1 + 0.5, 1.2, Double.NaN, null)),
                "deepgram", "nova-3", "req-1", new Usage(1.5));
    }

    @Test
    void jsonHasEveryDocumentedKey() {
        JsonNode json = MAPPER.readTree(writer.render(sample(), TranscriptFormat.JSON));

        assertThat(json.propertyNames()).containsExactly("text", "provider", "model", "language", "duration",
                "confidence", "request_id", "words", "usage");
        assertThat(json.get("text").asString()).isEqualTo("Hello world.");
        assertThat(json.get("provider").asString()).isEqualTo("deepgram");
        assertThat(json.get("model").asString()).isEqualTo("nova-3");
        assertThat(json.get("language").asString()).isEqualTo("en-US");
        assertThat(json.get("duration").asDouble()).isEqualTo(1.5);
        assertThat(json.get("confidence").asDouble()).isEqualTo(0.93);
        assertThat(json.get("request_id").asString()).isEqualTo("req-1");
        assertThat(json.get("usage").get("audio_seconds").asDouble()).isEqualTo(1.5);
    }

    @Test
    void jsonWordsCarryTimesConfidenceAndSpeaker() {
        JsonNode words = MAPPER.readTree(writer.render(sample(), TranscriptFormat.JSON)).get("words");

        assertThat(words).hasSize(2);
        JsonNode first = words.get(0);
        assertThat(first.propertyNames()).containsExactly("word", "punctuated", "start", "end", "confidence",
                "speaker");
        assertThat(first.get("word").asString()).isEqualTo("hello");
        assertThat(first.get("punctuated").asString()).isEqualTo("Hello");
        assertThat(first.get("start").asDouble()).isEqualTo(0.1);
        assertThat(first.get("end").asDouble()).isEqualTo(0.5);
        assertThat(first.get("confidence").asDouble()).isEqualTo(0.99);
        assertThat(first.get("speaker").isNull()).isTrue();
        assertThat(words.get(1).get("start").asDouble()).as("rounded to ms").isEqualTo(0.6);
        assertThat(words.get(1).get("confidence").isNull()).as("NaN confidence").isTrue();
    }

    @Test
    void jsonIsIndentedWithOneWordPerLine() {
        Transcript t = new Transcript("Hi", "en", 0.5, 0.9, List.of(new Word("hi", "Hi", 0, 0.4, 0.9, "0")), "p",
                null, null, null);

        assertThat(writer.render(t, TranscriptFormat.JSON)).isEqualTo("""
                {
                  "text": "Hi",
                  "provider": "p",
                  "model": null,
                  "language": "en",
                  "duration": 0.5,
                  "confidence": 0.9,
                  "request_id": null,
                  "words": [
                    {
                      "word": "hi",
                      "punctuated": "Hi",
                      "start": 0.0,
                      "end": 0.4,
                      "confidence": 0.9,
                      "speaker": "0"
                    }
                  ],
                  "usage": {
                    "audio_seconds": 0.0
                  }
                }
                """);
    }

    @Test
    void unknownValuesAreNullNotMissing() {
        Transcript t = new Transcript("hi", null, -1, Double.NaN, List.of(), "local", null, null, null);

        JsonNode json = MAPPER.readTree(writer.render(t, TranscriptFormat.JSON));

        assertThat(json.get("language").isNull()).isTrue();
        assertThat(json.get("duration").isNull()).isTrue();
        assertThat(json.get("confidence").isNull()).isTrue();
        assertThat(json.get("model").isNull()).isTrue();
        assertThat(json.get("request_id").isNull()).isTrue();
        assertThat(json.get("words").isArray()).isTrue();
        assertThat(json.get("usage").get("audio_seconds").asDouble()).isZero();
    }

    @Test
    void textIsTheTranscriptOnOneLine() {
        assertThat(writer.render(sample(), TranscriptFormat.TEXT)).isEqualTo("Hello world.\n");
    }

    @Test
    void diarizedTextHasOneLinePerSpeakerTurn() {
        Transcript t = new Transcript("Hi. Hello.", "en", 2, 0.9, List.of(
                new Word("hi", "Hi.", 0, 0.3, 0.9, "0"),
                new Word("hello", "Hello.", 0.5, 0.9, 0.9, "1")), "p", null, null, null);

        assertThat(writer.render(t, TranscriptFormat.TEXT)).isEqualTo("[0] Hi.\n[1] Hello.\n");
    }

    @Test
    void subtitlesComeFromTheWords() {
        assertThat(writer.render(sample(), TranscriptFormat.SRT))
                .isEqualTo("1\n00:00:00,100 --> 00:00:01,200\nHello world.\n\n");
        assertThat(writer.render(sample(), TranscriptFormat.VTT))
                .isEqualTo("WEBVTT\n\n00:00:00.100 --> 00:00:01.200\nHello world.\n\n");
    }
}
