package io.debabelizer.soniox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.ConfigurationException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.testkit.ProviderSettings.MapProviderConfig;
import io.debabelizer.testkit.fake.Json;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Descriptor, configuration keys, availability, URL overrides, languages, and the real-time config message. */
class SonioxConfigurationTest {

    private final SonioxProviderFactory factory = new SonioxProviderFactory();

    @Test
    void descriptorDeclaresWhatSonioxDoes() {
        ProviderDescriptor d = factory.descriptor();
        assertThat(d.name()).isEqualTo("soniox");
        assertThat(d.capabilities()).containsExactlyInAnyOrder(Capability.STT, Capability.STT_STREAMING);
        assertThat(d.wordTimestamps()).isTrue();
        assertThat(d.diarization()).isTrue();
        assertThat(d.typicalLatencyMs()).isEqualTo(250);
        assertThat(d.sttPricePerMinute()).isPositive();
        assertThat(d.supportsLanguage("pt-BR")).isTrue();
        assertThat(d.supportsLanguage("en-US")).isTrue();
        assertThat(d.languages()).hasSize(60);
        assertThat(d.configKeys()).extracting(ConfigKey::name).contains("api_key", "base_url", "ws_url", "model",
                "keep_files");
        assertThat(d.configKeys()).filteredOn(ConfigKey::secret).extracting(ConfigKey::name).containsExactly("api_key");
        assertThat(d.configKeys()).extracting(k -> k.envVarFor("soniox")).contains("SONIOX_API_KEY",
                "SONIOX_BASE_URL", "SONIOX_WS_URL");
    }

    @Test
    void foundByTheServiceLoader() {
        assertThat(io.debabelizer.spi.ProviderRegistry.discoverFactories())
                .anyMatch(f -> f instanceof SonioxProviderFactory);
    }

    @Test
    void unavailableWithoutAKey() {
        assertThat(factory.availability(new MapProviderConfig("soniox", Map.of())).reason())
                .isEqualTo("SONIOX_API_KEY not set");
        assertThat(factory.availability(new MapProviderConfig("soniox", Map.of("api_key", "k"))).available())
                .isTrue();
    }

    @Test
    void defaultsAndOverridesOfTheEndpoints() {
        SonioxSettings defaults = SonioxSettings.from(new MapProviderConfig("soniox", Map.of("api_key", "k")),
                Duration.ofSeconds(60));
        assertThat(defaults.rest("/v1/files")).isEqualTo(URI.create("https://api.soniox.com/v1/files"));
        assertThat(defaults.webSocketUri()).isEqualTo(URI.create("wss://stt-rt.soniox.com/transcribe-websocket"));
        assertThat(defaults.model()).isEqualTo("stt-rt-v5");
        assertThat(defaults.asyncModel()).isEqualTo("stt-async-v5");
        assertThat(defaults.maxWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.keepFiles()).isFalse();

        SonioxSettings eu = SonioxSettings.from(new MapProviderConfig("soniox", Map.of("api_key", "k",
                "base_url", "https://api.eu.soniox.com/", "ws_url", "wss://stt-rt.eu.soniox.com/transcribe-websocket",
                "model", "stt-rt-v4", "keep_files", "true", "max_wait", "10m")), Duration.ofSeconds(60));
        assertThat(eu.rest("/v1/files")).isEqualTo(URI.create("https://api.eu.soniox.com/v1/files"));
        assertThat(eu.webSocketUri().getHost()).isEqualTo("stt-rt.eu.soniox.com");
        assertThat(eu.model()).isEqualTo("stt-rt-v4");
        assertThat(eu.keepFiles()).isTrue();
        assertThat(eu.maxWait()).isEqualTo(Duration.ofMinutes(10));
        assertThat(eu.toString()).doesNotContain("k,");
    }

    @Test
    void wrongUrlsAreConfigurationErrorsNamingTheKey() {
        assertThatThrownBy(() -> SonioxSettings.from(new MapProviderConfig("soniox", Map.of("api_key", "k",
                "ws_url", "https://stt-rt.soniox.com/transcribe-websocket")), Duration.ofSeconds(1)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("soniox.ws_url");
        assertThatThrownBy(() -> SonioxSettings.from(new MapProviderConfig("soniox", Map.of("api_key", "k",
                "base_url", "not a url")), Duration.ofSeconds(1)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("soniox.base_url");
    }

    @Test
    void bcp47TagsBecomeSonioxHintsAndBack() {
        assertThat(SonioxLanguages.toHint("en-US", "soniox")).isEqualTo("en");
        assertThat(SonioxLanguages.toHint("pt_BR", "soniox")).isEqualTo("pt");
        assertThat(SonioxLanguages.toHint("zh-Hant-TW", "soniox")).isEqualTo("zh");
        assertThat(SonioxLanguages.toHint("DE", "soniox")).isEqualTo("de");
        assertThatThrownBy(() -> SonioxLanguages.toHint("english please", "soniox"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(SonioxLanguages.toBcp47("es")).isEqualTo("es");
        assertThat(SonioxLanguages.toBcp47(null)).isNull();
    }

    private static JsonNode config(StreamRequest r) {
        return Json.parse(SonioxStreamConfig.json(r, "stt-rt-v5", "session-1", "soniox"));
    }

    @Test
    void configMessageForPcmWithLanguage() {
        JsonNode c = config(StreamRequest.builder(AudioFormat.pcm16(16000, 1)).language("en-GB").diarize(true)
                .endpointing(Duration.ofMillis(100)).build());
        assertThat(c.path("model").asString()).isEqualTo("stt-rt-v5");
        assertThat(c.path("audio_format").asString()).isEqualTo("pcm_s16le");
        assertThat(c.path("sample_rate").asInt()).isEqualTo(16000);
        assertThat(c.path("num_channels").asInt()).isEqualTo(1);
        assertThat(c.path("language_hints").toString()).isEqualTo("[\"en\"]");
        assertThat(c.has("enable_language_identification")).isFalse();
        assertThat(c.path("enable_speaker_diarization").asBoolean()).isTrue();
        assertThat(c.path("enable_endpoint_detection").asBoolean()).isTrue();
        assertThat(c.path("max_endpoint_delay_ms").asInt()).as("clamped to Soniox's range").isEqualTo(500);
        assertThat(c.path("client_reference_id").asString()).isEqualTo("session-1");
        assertThat(c.has("api_key")).as("the key travels in the upgrade header, not the config").isFalse();
    }

    @Test
    void configMessageForTelephonyAndContainersAndOptions() {
        assertThat(config(StreamRequest.builder(AudioFormat.mulaw(8000)).build()).path("audio_format").asString())
                .isEqualTo("mulaw");
        assertThat(config(StreamRequest.builder(AudioFormat.alaw(8000)).build()).path("sample_rate").asInt())
                .isEqualTo(8000);
        JsonNode wav = config(StreamRequest.builder(AudioFormat.wav16(16000, 1)).build());
        assertThat(wav.path("audio_format").asString()).isEqualTo("auto");
        assertThat(wav.has("sample_rate")).isFalse();
        assertThat(wav.path("enable_language_identification").asBoolean()).as("no language: identify it").isTrue();
        AudioFormat floatBe = new AudioFormat(Container.RAW, Encoding.PCM_FLOAT, 48000, 2, 32, true);
        assertThat(config(StreamRequest.builder(floatBe).build()).path("audio_format").asString())
                .isEqualTo("pcm_f32be");

        JsonNode withOptions = config(StreamRequest.builder(AudioFormat.pcm16(16000, 1)).model("stt-rt-v4")
                .providerOption("context", Map.of("terms", List.of("Debabelizer")))
                .providerOption("language_hints", "en-US, es-MX")
                .providerOption("enable_endpoint_detection", false)
                .providerOption("keepalive_interval", "5s").build());
        assertThat(withOptions.path("model").asString()).isEqualTo("stt-rt-v4");
        assertThat(withOptions.path("context").path("terms").get(0).asString()).isEqualTo("Debabelizer");
        assertThat(withOptions.path("language_hints").toString()).isEqualTo("[\"en\",\"es\"]");
        assertThat(withOptions.path("enable_endpoint_detection").asBoolean()).isFalse();
        assertThat(withOptions.has("keepalive_interval")).as("our own option stays ours").isFalse();
    }

    @Test
    void unsupportedLiveFormatsAndKeepaliveValuesAreRejected() {
        assertThatThrownBy(() -> config(StreamRequest.builder(AudioFormat.of(Container.MP4, Encoding.AAC)).build()))
                .isInstanceOf(UnsupportedFormatException.class);
        assertThatThrownBy(() -> config(StreamRequest.builder(new AudioFormat(Container.RAW, Encoding.PCM_SIGNED,
                16000, 1, 12)).build())).isInstanceOf(UnsupportedFormatException.class);
        assertThat(SonioxStreamConfig.keepAlive(StreamRequest.builder(AudioFormat.pcm16(8000, 1))
                .providerOption("keepalive_interval", 1500).build(), "soniox")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> SonioxStreamConfig.keepAlive(StreamRequest.builder(AudioFormat.pcm16(8000, 1))
                .providerOption("keepalive_interval", "30s").build(), "soniox"))
                .isInstanceOf(InvalidInputException.class);
    }
}
