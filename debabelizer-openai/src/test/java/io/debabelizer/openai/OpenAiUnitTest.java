package io.debabelizer.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.AuthenticationException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.ProviderSettings;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Pure pieces: descriptor and configuration, parsing, SSE framing, splitting, languages, error mapping. */
class OpenAiUnitTest {

    private static ProviderContext context(Map<String, String> values) {
        return new ProviderContext(new ProviderSettings.MapProviderConfig("openai", values),
                HttpClient.newHttpClient(), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void descriptorAndAvailability() {
        OpenAiProviderFactory f = new OpenAiProviderFactory();
        assertThat(f.descriptor().name()).isEqualTo("openai");
        assertThat(f.descriptor().capabilities()).containsExactlyInAnyOrder(Capability.STT,
                Capability.STT_STREAMING, Capability.TTS, Capability.TTS_STREAMING);
        assertThat(f.descriptor().configKeys()).extracting(ConfigKey::name).contains("api_key", "base_url",
                "organization", "project", "model", "tts_model", "voice");
        assertThat(f.descriptor().configKeys()).filteredOn(k -> k.name().equals("api_key")).singleElement()
                .satisfies(k -> {
                    assertThat(k.secret()).isTrue();
                    assertThat(k.envVar()).isEqualTo("OPENAI_API_KEY");
                });
        assertThat(f.availability(new ProviderSettings.MapProviderConfig("openai", Map.of())).reason())
                .isEqualTo("OPENAI_API_KEY not set");
        assertThat(f.availability(new ProviderSettings.MapProviderConfig("openai", Map.of("api_key", "k")))
                .available()).isTrue();
    }

    @Test
    void theRealtimeBaseIsDerivedFromTheRestBaseAndSecretsStayHidden() {
        OpenAiSettings s = OpenAiSettings.from(context(Map.of("api_key", "sk-secret-1",
                "base_url", "https://example.test/openai/v1/")));
        assertThat(s.httpBase()).isEqualTo(URI.create("https://example.test/openai/v1"));
        assertThat(s.ws(RealtimeSpeechStream.PATH)).isEqualTo(
                URI.create("wss://example.test/openai/v1/realtime?intent=transcription"));
        OpenAiSettings local = OpenAiSettings.from(context(Map.of("api_key", "k", "base_url",
                "http://127.0.0.1:8000/v1")));
        assertThat(local.wsBase()).isEqualTo(URI.create("ws://127.0.0.1:8000/v1"));
        OpenAiSettings defaults = OpenAiSettings.from(context(Map.of("api_key", "sk-secret-1")));
        assertThat(defaults.httpBase()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(defaults.toString()).doesNotContain("sk-secret-1");
        assertThat(new OpenAiSttProvider(defaults).toString()).doesNotContain("sk-secret-1");
    }

    @Test
    void wordsTakeThePunctuationThatFollowsThemInTheText() {
        JsonNode words = OpenAiJson.parse("{\"w\":[{\"word\":\"Hello\",\"start\":0,\"end\":0.4},"
                + "{\"word\":\"world\",\"start\":0.5,\"end\":0.9},{\"word\":\"it's\",\"start\":1,\"end\":1.2},"
                + "{\"word\":\"zzz\",\"start\":1.2,\"end\":1.2},"
                + "{\"word\":\"me\",\"start\":1.2,\"end\":1.1}]}", null).path("w");
        List<Word> w = TranscriptParser.words(words, "Hello, world! It's... me.", null);
        // Case differs in the text; a word the text lacks stays bare and does not derail the rest.
        assertThat(w).extracting(Word::punctuated).containsExactly("Hello,", "world!", "It's...", "zzz", "me.");
        assertThat(w.get(2).word()).isEqualTo("it's");
        assertThat(w.get(4).end()).isEqualTo(w.get(4).start()); // a server's end < start is clamped
    }

    @Test
    void subtitlesBecomeText() {
        Transcript t = TranscriptParser.fromText("1\n00:00:00,000 --> 00:00:02,500\nHello there.\n\n2\n"
                + "00:00:02,600 --> 00:00:04,000\nGeneral Kenobi.\n", "srt", "whisper-1", "r", -1);
        assertThat(t.text()).isEqualTo("Hello there. General Kenobi.");
        assertThat(t.durationSeconds()).isEqualTo(4.0);
        Transcript v = TranscriptParser.fromText("WEBVTT\n\n00:00.000 --> 00:01.000\nOne\ntwo\n", "vtt", "m",
                null, -1);
        assertThat(v.text()).isEqualTo("One two");
    }

    @Test
    void sseEventsAreFramedByBlankLines() throws Exception {
        String body = ": comment\nevent: x\ndata: {\"a\":1}\n\ndata: line1\ndata: line2\n\ndata: last";
        List<String> events = new ArrayList<>();
        SseEvents.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), events::add);
        assertThat(events).containsExactly("{\"a\":1}", "line1\nline2", "last");
    }

    @Test
    void splitsAtTheQuietestFrameBeforeTheLimit() {
        short[] s = new short[16_000];
        java.util.Arrays.fill(s, (short) 8000);
        for (int i = 10_000; i < 11_600; i++) {
            s[i] = 0; // a 100 ms silence
        }
        assertThat(LongAudio.quietestCut(s, 8_000, 12_000)).isBetween(10_000, 11_600);
        assertThat(LongAudio.quietestCut(s, 4_000, 9_000)).as("no silence: the latest frame wins").isEqualTo(8_640);
    }

    @Test
    void languages() {
        assertThat(OpenAiLanguages.toIso639_1("en-US")).isEqualTo("en");
        assertThat(OpenAiLanguages.toIso639_1("deu")).isEqualTo("de");
        assertThat(OpenAiLanguages.toIso639_1("pt_BR")).isEqualTo("pt");
        assertThat(OpenAiLanguages.isDetect("auto")).isTrue();
        assertThat(OpenAiLanguages.fromResponse("english")).isEqualTo("en");
        assertThat(OpenAiLanguages.fromResponse("german")).isEqualTo("de");
        assertThat(OpenAiLanguages.fromResponse("fr")).isEqualTo("fr");
    }

    @Test
    void realtimeErrorsMapByTypeAndCode() {
        Secret key = Secret.of("sk-x");
        JsonNode server = OpenAiJson.parse("{\"type\":\"server_error\",\"message\":\"boom\"}", null);
        JsonNode invalid = OpenAiJson.parse("{\"type\":\"invalid_request_error\",\"code\":\"invalid_event\","
                + "\"message\":\"The 'type' field is missing.\",\"param\":null}", null);
        JsonNode auth = OpenAiJson.parse("{\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\","
                + "\"message\":\"bad key sk-x\"}", null);
        JsonNode rate = OpenAiJson.parse("{\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}", null);
        assertThat(OpenAiErrors.forRealtimeError(server, "sess_1", key)).isInstanceOf(
                ProviderUnavailableException.class).satisfies(e -> assertThat(OpenAiErrors.isFatal(e)).isTrue());
        assertThat(OpenAiErrors.forRealtimeError(invalid, "sess_1", key)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    assertThat(OpenAiErrors.isFatal(e)).isFalse();
                    assertThat(e.getMessage()).contains("invalid_event");
                    assertThat(e.requestId()).contains("sess_1");
                });
        assertThat(OpenAiErrors.forRealtimeError(auth, null, key)).isInstanceOf(AuthenticationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-x"));
        assertThat(OpenAiErrors.forRealtimeError(rate, null, key)).isInstanceOf(RateLimitedException.class);
        assertThat(OpenAiErrors.detail("<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("<html>bad gateway</html>");
    }
}
