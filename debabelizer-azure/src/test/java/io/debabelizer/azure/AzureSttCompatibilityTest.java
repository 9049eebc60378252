package io.debabelizer.azure;

import io.debabelizer.stt.SttProvider;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.SttProviderCompatibilityKit;
import java.util.Map;

/** Azure speech-to-text passes the compatibility kit against {@link AzureFake}, reached through an endpoint URL. */
class AzureSttCompatibilityTest extends SttProviderCompatibilityKit<AzureFake> {

    @Override
    protected AzureFake startFake() {
        return AzureFake.start(ProviderSettings.KIT_API_KEY);
    }

    @Override
    protected SttProvider createProvider(AzureFake fake, ProviderSettings settings) {
        return new AzureProviderFactory().createStt(settings.context("azure", Map.of(
                "api_key", settings.apiKey().reveal(),
                "endpoint", fake.endpoint().toString())));
    }
}
