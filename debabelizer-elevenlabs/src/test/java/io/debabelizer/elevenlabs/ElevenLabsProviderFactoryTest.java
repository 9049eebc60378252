package io.debabelizer.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.ConfigurationException;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.testkit.ProviderSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Descriptor, configuration and availability. */
class ElevenLabsProviderFactoryTest {

    private static final ProviderSettings SETTINGS = new ProviderSettings(io.debabelizer.config.Secret.of("k"),
            Duration.ofSeconds(5), Duration.ofSeconds(5), HttpClient.newHttpClient());

    private static ElevenLabsSettings settings(Map<String, String> values) {
        return ElevenLabsSettings.from(SETTINGS.context("elevenlabs", values));
    }

    @Test
    void foundByServiceLoaderWithItsCapabilitiesAndKeys() {
        ProviderFactory f = ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.descriptor().name().equals("elevenlabs")).findFirst().orElseThrow();
        assertThat(f.descriptor().capabilities()).containsExactlyInAnyOrder(Capability.TTS, Capability.TTS_STREAMING,
                Capability.STT);
        assertThat(f.descriptor().configKeys()).extracting(ConfigKey::name).contains("api_key", "base_url", "model",
                "voice");
        ConfigKey key = f.descriptor().configKeys().getFirst();
        assertThat(key.secret()).isTrue();
        assertThat(key.envVar()).isEqualTo("ELEVENLABS_API_KEY");
        assertThat(f.descriptor().configKeys().get(1).envVar()).isEqualTo("ELEVENLABS_BASE_URL");
    }

    @Test
    void unavailableWithoutAKey() {
        ElevenLabsProviderFactory f = new ElevenLabsProviderFactory();
        assertThat(f.availability(new ProviderSettings.MapProviderConfig("elevenlabs", Map.of())).reason())
                .isEqualTo("ELEVENLABS_API_KEY not set");
        assertThat(f.availability(new ProviderSettings.MapProviderConfig("elevenlabs", Map.of("api_key", "x")))
                .available()).isTrue();
        assertThat(catchThrowableOfType(ConfigurationException.class, () -> f.createTts(SETTINGS.context(
                "elevenlabs", Map.of())))).hasMessageContaining("ELEVENLABS_API_KEY");
    }

    @Test
    void theWebSocketUrlIsDerivedFromTheBaseUrl() {
        ElevenLabsSettings defaults = settings(Map.of("api_key", "secret-value-1"));
        assertThat(defaults.httpBase()).isEqualTo(URI.create("https://api.elevenlabs.io"));
        assertThat(defaults.wsBase()).isEqualTo(URI.create("wss://api.elevenlabs.io"));
        assertThat(defaults.model()).isEqualTo("eleven_multilingual_v2");
        assertThat(defaults.toString()).doesNotContain("secret-value-1");
        ElevenLabsSettings eu = settings(Map.of("api_key", "k", "base_url",
                "https://api.eu.residency.elevenlabs.io/"));
        assertThat(eu.ws("/v1/x")).isEqualTo(URI.create("wss://api.eu.residency.elevenlabs.io/v1/x"));
        ElevenLabsSettings local = settings(Map.of("api_key", "k", "base_url", "http://127.0.0.1:8080/proxy"));
        assertThat(local.wsBase()).isEqualTo(URI.create("ws://127.0.0.1:8080/proxy"));
        assertThat(catchThrowableOfType(ConfigurationException.class, () -> settings(Map.of("api_key", "k",
                "base_url", "ftp://example.com")))).hasMessageContaining("base_url");
    }

    @Test
    void theChunkScheduleIsValidated() {
        assertThat(settings(Map.of("api_key", "k", "chunk_length_schedule", "[120, 160,250]")).chunkSchedule())
                .isEqualTo(List.of(120, 160, 250));
        assertThat(catchThrowableOfType(ConfigurationException.class, () -> settings(Map.of("api_key", "k",
                "chunk_length_schedule", "20,600")))).hasMessageContaining("50 to 500");
        assertThat(catchThrowableOfType(ConfigurationException.class, () -> settings(Map.of("api_key", "k",
                "chunk_length_schedule", "soon")))).hasMessageContaining("chunk_length_schedule");
    }
}
