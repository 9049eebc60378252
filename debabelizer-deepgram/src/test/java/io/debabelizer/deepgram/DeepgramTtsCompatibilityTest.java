package io.debabelizer.deepgram;

import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.TtsProviderCompatibilityKit;
import io.debabelizer.tts.TtsProvider;
import java.util.Map;

/** Deepgram Aura passes the TTS compatibility kit against {@link DeepgramFake}. */
class DeepgramTtsCompatibilityTest extends TtsProviderCompatibilityKit<DeepgramFake> {

    @Override
    protected DeepgramFake startFake() {
        return DeepgramFake.start(ProviderSettings.KIT_API_KEY);
    }

    @Override
    protected TtsProvider createProvider(DeepgramFake fake, ProviderSettings settings) {
        return new DeepgramProviderFactory().createTts(settings.context("deepgram", Map.of(
                "api_key", settings.apiKey().reveal(),
                "base_url", fake.baseUri().toString())));
    }
}
