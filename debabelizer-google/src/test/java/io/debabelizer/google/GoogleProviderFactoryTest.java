package io.debabelizer.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.ConfigurationException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.testkit.ProviderSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class GoogleProviderFactoryTest {

    private final GoogleProviderFactory factory = new GoogleProviderFactory();

    @Test
    void isFoundByServiceLoaderAndDeclaresItsCapabilities() {
        assertThat(ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::type))
                .contains(GoogleProviderFactory.class);
        assertThat(factory.descriptor().capabilities()).contains(Capability.STT, Capability.STT_STREAMING,
                Capability.TTS, Capability.TTS_STREAMING);
    }

    @Test
    void configKeysReadTheDocumentedEnvironmentVariables() {
        assertThat(factory.descriptor().configKeys()).extracting(k -> k.envVarFor("google")).contains(
                "GOOGLE_API_KEY", "GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_SPEECH_ENDPOINT", "GOOGLE_TTS_ENDPOINT",
                "GOOGLE_SPEECH_GRPC_ENDPOINT", "GOOGLE_SPEECH_GRPC_PLAINTEXT", "GOOGLE_STREAM_RESTART_AFTER",
                "GOOGLE_CLOUD_QUOTA_PROJECT");
        assertThat(factory.descriptor().configKeys()).filteredOn(ConfigKey::secret).extracting(ConfigKey::name)
                .containsExactly("api_key");
    }

    @Test
    void availabilityNeedsAKeyOrAReadableKeyFile() {
        assertThat(factory.availability(config(Map.of())).available()).isFalse();
        assertThat(factory.availability(config(Map.of("credentials_file", "/nonexistent/key.json"))).reason())
                .contains("/nonexistent/key.json");
        assertThat(factory.availability(config(Map.of("api_key", "k"))).available()).isTrue();
    }

    @Test
    void endpointsAreValidatedAndNeverShowTheKey() {
        try (HttpClient http = HttpClient.newHttpClient()) {
            ProviderSettings s = new ProviderSettings(Secret.of("secret-key-value"), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), http);
            assertThatThrownBy(() -> factory.createStt(s.context("google", Map.of("api_key", "secret-key-value",
                    "speech_grpc_endpoint", "https://speech.example"))))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("host:port");
            var stt = factory.createStt(s.context("google", Map.of("api_key", "secret-key-value",
                    "speech_endpoint", "https://eu-speech.googleapis.com/", "speech_grpc_endpoint", "[::1]:8443")));
            assertThat(stt.toString()).contains("https://eu-speech.googleapis.com,").contains("[::1]:8443")
                    .doesNotContain("secret-key-value");
            stt.close();
        }
    }

    private static ProviderSettings.MapProviderConfig config(Map<String, String> values) {
        return new ProviderSettings.MapProviderConfig("google", values);
    }
}
