package io.debabelizer.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.spi.Availability;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderStatus;
import io.debabelizer.spi.QualityTier;
import io.debabelizer.tts.Voice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ListingWritersTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final ProviderStatus DEEPGRAM = new ProviderStatus(ProviderDescriptor.builder("deepgram")
            .displayName("Deepgram").capabilities(Capability.STT_STREAMING, Capability.STT, Capability.TTS)
            .sttPricePerMinute(0.0043).typicalLatencyMs(300).quality(QualityTier.PREMIUM).languages(Set.of("en"))
            .build(), Availability.unavailable("DEEPGRAM_API_KEY not set"));
    private static final ProviderStatus LOCAL = new ProviderStatus(ProviderDescriptor.builder("piper")
            .capabilities(Capability.TTS, Capability.TTS_STREAMING).ttsPricePerMillionChars(0).local(true)
            .quality(QualityTier.BASIC).build(), Availability.ok());

    private static final List<Voice> VOICES = List.of(
            new Voice("alice", "Alice", List.of("en-US"), Voice.Gender.FEMALE, "calm", "p", Map.of("style", "x")),
            new Voice("bruno", null, List.of("de-DE"), null, null, "p", Map.of()),
            new Voice("chloe", "Chloe", List.of("en-GB"), Voice.Gender.FEMALE, null, "p", Map.of()),
            new Voice("omni", "Omni", List.of(), Voice.Gender.NEUTRAL, null, "p", Map.of()));

    @Test
    void providersJsonIsAnArrayWithTheDocumentedKeys() {
        JsonNode json = MAPPER.readTree(ProvidersWriter.render(List.of(DEEPGRAM, LOCAL), ListFormat.JSON));

        assertThat(json.isArray()).isTrue();
        JsonNode dg = json.get(0);
        assertThat(dg.propertyNames()).contains("name", "display_name", "capabilities", "available", "reason",
                "local", "price", "latency_ms", "quality");
        assertThat(dg.get("name").asString()).isEqualTo("deepgram");
        assertThat(dg.get("display_name").asString()).isEqualTo("Deepgram");
        assertThat(dg.get("capabilities").valueStream().map(JsonNode::asString).toList())
                .containsExactly("stt", "stt-streaming", "tts");
        assertThat(dg.get("available").asBoolean()).isFalse();
        assertThat(dg.get("reason").asString()).isEqualTo("DEEPGRAM_API_KEY not set");
        assertThat(dg.get("local").asBoolean()).isFalse();
        assertThat(dg.get("price").get("stt_per_minute").asDouble()).isEqualTo(0.0043);
        assertThat(dg.get("price").get("tts_per_million_chars").isNull()).isTrue();
        assertThat(dg.get("latency_ms").asInt()).isEqualTo(300);
        assertThat(dg.get("quality").asString()).isEqualTo("premium");

        JsonNode piper = json.get(1);
        assertThat(piper.get("available").asBoolean()).isTrue();
        assertThat(piper.get("reason").isNull()).isTrue();
        assertThat(piper.get("local").asBoolean()).isTrue();
        assertThat(piper.get("capabilities").valueStream().map(JsonNode::asString).toList())
                .containsExactly("tts", "tts-streaming");
    }

    @Test
    void providersTextShowsStatusAndReason() {
        String text = ProvidersWriter.render(List.of(DEEPGRAM, LOCAL), ListFormat.TEXT);

        assertThat(text.lines().toList()).hasSize(3);
        assertThat(text).startsWith("NAME").contains("unavailable: DEEPGRAM_API_KEY not set")
                .contains("stt,stt-streaming,tts").contains("$0.0043/min");
        assertThat(text.lines().filter(l -> l.startsWith("piper")).findFirst().orElseThrow())
                .contains("available").contains("yes").contains("basic");
    }

    @Test
    void noProvidersSaysWhatToDo() {
        assertThat(ProvidersWriter.render(List.of(), ListFormat.TEXT)).contains("no providers found");
        assertThat(ProvidersWriter.render(List.of(), ListFormat.JSON)).isEqualTo("[]\n");
    }

    @Test
    void voiceLanguageFilterMatchesPrimarySubtagBothWays() {
        assertThat(VOICES.stream().filter(v -> VoicesWriter.speaks(v, "en")).map(Voice::id))
                .containsExactly("alice", "chloe", "omni");
        assertThat(VOICES.stream().filter(v -> VoicesWriter.speaks(v, "en-GB")).map(Voice::id))
                .containsExactly("chloe", "omni");
        assertThat(VOICES.stream().filter(v -> VoicesWriter.speaks(v, "de_de")).map(Voice::id))
                .containsExactly("bruno", "omni");
        assertThat(VOICES.stream().filter(v -> VoicesWriter.speaks(v, null))).hasSize(4);
    }

    @Test
    void voicesJsonAndText() {
        JsonNode json = MAPPER.readTree(VoicesWriter.render(VOICES, ListFormat.JSON));

        assertThat(json).hasSize(4);
        assertThat(json.get(0).propertyNames()).containsExactly("id", "name", "languages", "gender", "description",
                "provider", "attributes");
        assertThat(json.get(0).get("gender").asString()).isEqualTo("female");
        assertThat(json.get(0).get("attributes").get("style").asString()).isEqualTo("x");
        assertThat(json.get(1).get("gender").asString()).isEqualTo("unknown");

        String text = VoicesWriter.render(VOICES, ListFormat.TEXT);
        assertThat(text).startsWith("ID").contains("alice").contains("en-US").contains("female");
        assertThat(VoicesWriter.render(List.of(), ListFormat.TEXT)).isEqualTo("no voices found\n");
    }

    @Test
    void configTextFlattensNestedSections() {
        Map<String, Object> deepgram = new LinkedHashMap<>();
        deepgram.put("api_key", "****abcd");
        deepgram.put("model", null);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("stt_provider", "deepgram");
        config.put("auto_select", false);
        config.put("providers", Map.of("deepgram", deepgram, "empty", Map.of()));
        config.put("languages", List.of("en", "de"));

        assertThat(ConfigWriter.render(config, ListFormat.TEXT)).isEqualTo("""
                auto_select = false
                languages = [en, de]
                providers.deepgram.api_key = ****abcd
                providers.deepgram.model = (not set)
                providers.empty = {}
                stt_provider = deepgram
                """);
        JsonNode json = MAPPER.readTree(ConfigWriter.render(config, ListFormat.JSON));
        assertThat(json.get("providers").get("deepgram").get("api_key").asString()).isEqualTo("****abcd");
    }

    @Test
    void configTextShowsEachValueWithItsSourceOnOneLine() {
        Map<String, Object> setting = new LinkedHashMap<>();
        setting.put("value", "whisper");
        setting.put("source", "environment variable DEBABELIZER_STT_PROVIDER");
        Map<String, Object> unset = new LinkedHashMap<>();
        unset.put("value", null);
        unset.put("source", "default");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("stt_provider", setting);
        config.put("tts_provider", unset);

        assertThat(ConfigWriter.render(config, ListFormat.TEXT)).isEqualTo("""
                stt_provider = whisper   (environment variable DEBABELIZER_STT_PROVIDER)
                tts_provider = (not set)   (default)
                """);
    }
}
