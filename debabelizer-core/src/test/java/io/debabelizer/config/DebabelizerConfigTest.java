package io.debabelizer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DebabelizerConfigTest {

    @Test
    void emptyHasDefaults() {
        DebabelizerConfig c = DebabelizerConfig.empty();
        assertThat(c.sttProvider()).isEmpty();
        assertThat(c.autoSelect()).isFalse();
        assertThat(c.optimizeFor()).isEqualTo(OptimizeFor.BALANCED);
        assertThat(c.configuredProviders()).isEmpty();
        assertThat(c.provider("anything").values()).isEmpty();
        assertThat(c.provider("anything").sourceOf("api_key")).isEqualTo("not set");
    }

    @Test
    void builderSetsEverythingWithSourceBuilder() {
        DebabelizerConfig c = DebabelizerConfig.builder().sttProvider("Deepgram").ttsProvider("azure")
                .autoSelect(true).optimizeFor(OptimizeFor.LATENCY).sessionIdleTimeout(Duration.ofSeconds(7))
                .requestTimeout(Duration.ofSeconds(8)).connectTimeout(Duration.ofSeconds(9))
                .providerSetting("deepgram", "api_key", "k").build();
        assertThat(c.sttProvider()).contains("deepgram");
        assertThat(c.ttsProvider()).contains("azure");
        assertThat(c.autoSelect()).isTrue();
        assertThat(c.optimizeFor()).isEqualTo(OptimizeFor.LATENCY);
        assertThat(c.sessionIdleTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(8));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(c.provider("DEEPGRAM").string("api_key")).contains("k");
        assertThat(c.sourceOf("auto_select")).isEqualTo("builder");
        assertThat(c.toRedactedMap().get("session_idle_timeout")).isEqualTo(
                java.util.Map.of("value", "7s", "source", "builder"));
    }

    @Test
    void builderRejectsBadInput() {
        assertThatThrownBy(() -> DebabelizerConfig.builder().sttProvider("not a name"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("stt_provider");
        assertThatThrownBy(() -> DebabelizerConfig.builder().sessionIdleTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DebabelizerConfig.builder().providerSetting("x", "Bad-Key", "v"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretsAreRecognisedByDeclarationOrName() {
        DebabelizerConfig c = DebabelizerConfig.empty();
        assertThat(c.isSecret("x", "api_key")).isTrue();
        assertThat(c.isSecret("x", "access_token")).isTrue();
        assertThat(c.isSecret("x", "client_secret")).isTrue();
        assertThat(c.isSecret("x", "password")).isTrue();
        assertThat(c.isSecret("x", "region")).isFalse();
    }
}
