package io.debabelizer.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.ConfigurationException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.testkit.ProviderSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hosts derived from a region (public and sovereign clouds) or one endpoint URL; configuration checks. */
class AzureConfigurationTest {

    private static AzureSettings settings(Map<String, String> values) {
        HttpClient client = HttpClient.newHttpClient();
        return AzureSettings.from(new ProviderSettings(Secret.of("k"), Duration.ofSeconds(5), Duration.ofSeconds(5),
                client).context("azure", values));
    }

    @Test
    void regionDerivesTheSpeechAndApiHosts() {
        AzureEndpoints e = AzureEndpoints.forRegion("westeurope");
        assertThat(e.stt(ShortAudioRecognition.PATH)).hasToString(
                "https://westeurope.stt.speech.microsoft.com/speech/recognition/conversation/cognitiveservices/v1");
        assertThat(e.sttWebSocket(AzureSttProvider.LIVE_PATH + "?language=en-US")).hasToString(
                "wss://westeurope.stt.speech.microsoft.com/speech/recognition/conversation/cognitiveservices/v1"
                        + "?language=en-US");
        assertThat(e.tts(AzureTtsProvider.SYNTHESIZE)).hasToString(
                "https://westeurope.tts.speech.microsoft.com/cognitiveservices/v1");
        assertThat(e.tts(AzureTtsProvider.VOICES)).hasToString(
                "https://westeurope.tts.speech.microsoft.com/cognitiveservices/voices/list");
        assertThat(e.api(AzureCredentials.ISSUE_TOKEN)).hasToString(
                "https://westeurope.api.cognitive.microsoft.com/sts/v1.0/issueToken");
        assertThat(e.api(FastTranscription.PATH)).hasToString(
                "https://westeurope.api.cognitive.microsoft.com/speechtotext/transcriptions:transcribe");
    }

    @Test
    void sovereignRegionsUseTheirCloudsSuffix() {
        assertThat(AzureEndpoints.forRegion("usgovvirginia").stt("")).hasToString(
                "https://usgovvirginia.stt.speech.azure.us");
        assertThat(AzureEndpoints.forRegion("usgovarizona").api()).hasToString(
                "https://usgovarizona.api.cognitive.azure.us");
        assertThat(AzureEndpoints.forRegion("chinaeast2").tts()).hasToString("https://chinaeast2.tts.speech.azure.cn");
        assertThat(AzureEndpoints.forRegion("ChinaNorth3").sttWebSocket("")).hasToString(
                "wss://chinanorth3.stt.speech.azure.cn");
    }

    @Test
    void oneEndpointServesEveryApiAndTheWebSocketOnTheSameHost() {
        AzureEndpoints http = settings(Map.of("endpoint", "http://localhost:5000/")).endpoints();
        assertThat(http.stt("/x")).hasToString("http://localhost:5000/x");
        assertThat(http.tts("/x")).hasToString("http://localhost:5000/x");
        assertThat(http.api("/x")).hasToString("http://localhost:5000/x");
        assertThat(http.sttWebSocket("/x")).hasToString("ws://localhost:5000/x");
        AzureEndpoints https = settings(Map.of("api_key", "k", "endpoint",
                "https://my-speech.cognitiveservices.azure.com")).endpoints();
        assertThat(https.sttWebSocket(AzureSttProvider.LIVE_PATH)).hasToString(
                "wss://my-speech.cognitiveservices.azure.com/speech/recognition/conversation/cognitiveservices/v1");
        assertThatThrownBy(() -> settings(Map.of("api_key", "k", "endpoint", "ftp://host")))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void endpointWinsOverRegion() {
        AzureSettings s = settings(Map.of("api_key", "k", "region", "westus", "endpoint", "http://127.0.0.1:9"));
        assertThat(s.endpoints().stt("")).hasToString("http://127.0.0.1:9");
    }

    @Test
    void missingOrInvalidSettingsAreConfigurationErrors() {
        assertThatThrownBy(() -> settings(Map.of("api_key", "k"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("AZURE_SPEECH_REGION");
        assertThatThrownBy(() -> settings(Map.of("region", "westus"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("AZURE_SPEECH_KEY");
        assertThatThrownBy(() -> settings(Map.of("api_key", "k", "region", "west us")))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> settings(Map.of("api_key", "k", "region", "westus", "auth", "magic")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("key or token");
        assertThatThrownBy(() -> settings(Map.of("api_key", "k", "region", "westus", "profanity", "loud")))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void aContainerEndpointNeedsNoKey() {
        AzureSettings s = settings(Map.of("endpoint", "http://localhost:5000"));
        assertThat(s.credentials().header()).isNull();
    }

    @Test
    void availabilityExplainsWhatIsMissing() {
        AzureProviderFactory f = new AzureProviderFactory();
        assertThat(f.availability(config(Map.of())).reason()).contains("AZURE_SPEECH_KEY");
        assertThat(f.availability(config(Map.of("api_key", "k"))).reason()).contains("AZURE_SPEECH_REGION");
        assertThat(f.availability(config(Map.of("api_key", "k", "region", "westus"))).available()).isTrue();
        assertThat(f.descriptor().configKeys()).extracting(k -> k.envVarFor("azure"))
                .contains("AZURE_SPEECH_KEY", "AZURE_SPEECH_REGION", "AZURE_SPEECH_ENDPOINT");
    }

    @Test
    void settingsAndHeadersNeverShowTheKey() {
        AzureSettings s = settings(Map.of("api_key", "super-secret-key", "region", "westus"));
        assertThat(s.toString()).doesNotContain("super-secret-key");
        assertThat(s.credentials().header().toString()).doesNotContain("super-secret-key");
    }

    private static ProviderConfig config(Map<String, String> values) {
        return new ProviderSettings.MapProviderConfig("azure", values);
    }
}
