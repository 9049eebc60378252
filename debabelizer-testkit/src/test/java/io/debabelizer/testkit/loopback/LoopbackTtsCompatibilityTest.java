package io.debabelizer.testkit.loopback;

import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.TtsProviderCompatibilityKit;
import io.debabelizer.tts.TtsProvider;
import java.util.Map;

/** The loopback provider passes the TTS compatibility kit. */
class LoopbackTtsCompatibilityTest extends TtsProviderCompatibilityKit<LoopbackFake> {

    @Override
    protected LoopbackFake startFake() {
        return LoopbackFake.start(ProviderSettings.KIT_API_KEY);
    }

    @Override
    protected TtsProvider createProvider(LoopbackFake fake, ProviderSettings settings) {
        return new LoopbackProviderFactory().createTts(settings.context("loopback", Map.of(
                "api_key", settings.apiKey().reveal(),
                "base_url", fake.httpUri().toString())));
    }
}
