package io.debabelizer.deepgram;

import io.debabelizer.stt.SttProvider;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.SttProviderCompatibilityKit;
import java.util.Map;

/** Deepgram speech-to-text passes the compatibility kit against {@link DeepgramFake}. */
class DeepgramSttCompatibilityTest extends SttProviderCompatibilityKit<DeepgramFake> {

    @Override
    protected DeepgramFake startFake() {
        return DeepgramFake.start(ProviderSettings.KIT_API_KEY);
    }

    @Override
    protected SttProvider createProvider(DeepgramFake fake, ProviderSettings settings) {
        return new DeepgramProviderFactory().createStt(settings.context("deepgram", Map.of(
                "api_key", settings.apiKey().reveal(),
                "base_url", fake.baseUri().toString())));
    }
}
