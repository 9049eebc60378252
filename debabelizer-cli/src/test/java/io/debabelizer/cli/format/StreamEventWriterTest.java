package io.debabelizer.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.RateLimitedException;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.Word;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StreamEventWriterTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static JsonNode line(StreamEvent event) {
        String line = StreamEventWriter.jsonLine(event);
        assertThat(line).doesNotContain("\n");
        return MAPPER.readTree(line);
    }

    @Test
    void everyEventTypeHasItsOwnTypeName() {
        assertThat(line(new StreamEvent.Interim("hel", List.of(), 0, 0.4, 0.5)).get("type").asString())
                .isEqualTo("interim");
        assertThat(line(new StreamEvent.Final("Hello.", List.of(), 0, 0.5, 0.9, true, "en")).get("type").asString())
                .isEqualTo("final");
        assertThat(line(new StreamEvent.SpeechStarted(0.25)).get("type").asString()).isEqualTo("speech_started");
        assertThat(line(new StreamEvent.UtteranceEnd(1.5)).get("type").asString()).isEqualTo("utterance_end");
        assertThat(line(new StreamEvent.Closed(StreamEvent.CloseReason.COMPLETED, 3)).get("type").asString())
                .isEqualTo("closed");
    }

    @Test
    void finalCarriesTextTimesAndWords() {
        JsonNode json = line(new StreamEvent.Final("Hello there.",
                List.of(new Word("hello", "Hello", 0.1, 0.4, 0.9, null), new Word("there", "there.", 0.5, 0.9, 0.8,
                        null)), 0.1, 0.9, 0.85, true, "en"));

        assertThat(json.get("text").asString()).isEqualTo("Hello there.");
        assertThat(json.get("start").asDouble()).isEqualTo(0.1);
        assertThat(json.get("end").asDouble()).isEqualTo(0.9);
        assertThat(json.get("confidence").asDouble()).isEqualTo(0.85);
        assertThat(json.get("speech_final").asBoolean()).isTrue();
        assertThat(json.get("language").asString()).isEqualTo("en");
        assertThat(json.get("words")).hasSize(2);
        assertThat(json.get("words").get(1).get("punctuated").asString()).isEqualTo("there.");
    }

    @Test
    void errorNamesTheKindAndProviderButNoStackTrace() {
        JsonNode json = line(new StreamEvent.Error(
                new RateLimitedException("too many requests", "deepgram", "r-9", Duration.ofSeconds(2)), true));

        assertThat(json.get("type").asString()).isEqualTo("error");
        assertThat(json.get("error").asString()).isEqualTo("RateLimitedException");
        assertThat(json.get("message").asString()).contains("too many requests");
        assertThat(json.get("fatal").asBoolean()).isTrue();
        assertThat(json.get("retryable").asBoolean()).isTrue();
        assertThat(json.get("provider").asString()).isEqualTo("deepgram");
        assertThat(json.get("request_id").asString()).isEqualTo("r-9");
    }

    @Test
    void closedSaysWhyAndHowMuchAudio() {
        JsonNode json = line(new StreamEvent.Closed(StreamEvent.CloseReason.IDLE_TIMEOUT, 12.3456));

        assertThat(json.get("reason").asString()).isEqualTo("idle_timeout");
        assertThat(json.get("audio_seconds").asDouble()).isEqualTo(12.346);
    }

    @Test
    void finalLineHasOptionalTimes() {
        StreamEvent.Final f = new StreamEvent.Final(" Hello. ", List.of(), 1.234, 2.5, 0.9, true, null);

        assertThat(StreamEventWriter.finalLine(f, false)).isEqualTo("Hello.");
        assertThat(StreamEventWriter.finalLine(f, true)).isEqualTo("[1.23-2.50] Hello.");
    }
}
