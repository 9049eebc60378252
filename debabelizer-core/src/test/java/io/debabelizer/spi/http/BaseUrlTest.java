package io.debabelizer.spi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.ConfigurationException;
import io.debabelizer.spi.ProviderConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaseUrlTest {

    private static final URI DEFAULT = URI.create("https://api.example.com");

    private record Config(Map<String, String> values) implements ProviderConfig {
        @Override
        public String provider() {
            return "example";
        }

        @Override
        public String sourceOf(String key) {
            return "test";
        }
    }

    @Test
    void theDefaultAndItsWebSocketTwin() {
        BaseUrl b = BaseUrl.from(new Config(Map.of()), "base_url", DEFAULT);

        assertThat(b.http()).isEqualTo(DEFAULT);
        assertThat(b.ws()).isEqualTo(URI.create("wss://api.example.com"));
        assertThat(b.http("/v1/listen?x=1")).isEqualTo(URI.create("https://api.example.com/v1/listen?x=1"));
        assertThat(b.ws("/v1/listen")).isEqualTo(URI.create("wss://api.example.com/v1/listen"));
    }

    @Test
    void aSelfHostedPlainHttpServerWithAPrefixAndTrailingSlashes() {
        BaseUrl b = BaseUrl.from(new Config(Map.of("base_url", "http://127.0.0.1:8080/speech//")), "base_url",
                DEFAULT);

        assertThat(b.http()).isEqualTo(URI.create("http://127.0.0.1:8080/speech"));
        assertThat(b.ws()).isEqualTo(URI.create("ws://127.0.0.1:8080/speech"));
    }

    @Test
    void aWebSocketUrlGivesItsHttpTwin() {
        BaseUrl b = BaseUrl.from(new Config(Map.of("base_url", "wss://gw.example.com")), "base_url", DEFAULT);

        assertThat(b.http()).isEqualTo(URI.create("https://gw.example.com"));
        assertThat(b.ws()).isEqualTo(URI.create("wss://gw.example.com"));
    }

    @Test
    void anotherSchemeIsAConfigurationErrorNamingTheKey() {
        assertThatThrownBy(() -> BaseUrl.from(new Config(Map.of("base_url", "ftp://x")), "base_url", DEFAULT))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("base_url")
                .hasMessageContaining("ftp");
    }
}
