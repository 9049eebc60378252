package io.debabelizer.spi.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.ProtocolException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderJsonTest {

    private final ProviderJson json = new ProviderJson("acme", "Acme");

    @Test
    void readsObjectsAndWritesValues() {
        assertThat(json.object("{\"a\":1}", "r1").path("a").asInt()).isEqualTo(1);
        assertThat(json.objectOrArray("[1,2]", "r1").size()).isEqualTo(2);
        assertThat(json.write(Map.of("k", "v"))).isEqualTo("{\"k\":\"v\"}");
        assertThat(ProviderJson.number(json.object("{\"n\":2.5}", null).path("n"), -1)).isEqualTo(2.5);
        assertThat(ProviderJson.number(json.object("{\"n\":\"x\"}", null).path("n"), -1)).isEqualTo(-1);
    }

    @Test
    void anythingElseIsAProtocolErrorNamingTheProviderAndRequest() {
        assertThatThrownBy(() -> json.object("[1]", "r2")).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("expected a JSON object from Acme")
                .satisfies(e -> assertThat(((ProtocolException) e).requestId()).contains("r2"))
                .satisfies(e -> assertThat(((ProtocolException) e).provider()).contains("acme"));
        assertThatThrownBy(() -> json.object("<html>oops</html>", "r3")).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("Acme sent JSON that does not parse");
        assertThatThrownBy(() -> json.object("", null)).isInstanceOf(ProtocolException.class);
        assertThat(ProviderJson.excerpt("x".repeat(500))).hasSize(201);
    }
}
