package io.debabelizer.azure;

import io.debabelizer.tts.TtsProvider;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.TtsProviderCompatibilityKit;
import java.util.Map;

/** Azure text-to-speech passes the compatibility kit against {@link AzureFake}, reached through an endpoint URL. */
class AzureTtsCompatibilityTest extends TtsProviderCompatibilityKit<AzureFake> {

    @Override
    protected AzureFake startFake() {
        return AzureFake.start(ProviderSettings.KIT_API_KEY);
    }

    @Override
    protected TtsProvider createProvider(AzureFake fake, ProviderSettings settings) {
        return new AzureProviderFactory().createTts(settings.context("azure", Map.of(
                "api_key", settings.apiKey().reveal(),
                "endpoint", fake.endpoint().toString())));
    }
}
