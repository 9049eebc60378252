package io.debabelizer.openai;

import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.TtsProviderCompatibilityKit;
import io.debabelizer.tts.TtsProvider;
import java.util.Map;

/** OpenAI speech passes the TTS compatibility kit against {@link OpenAiFake}. */
class OpenAiTtsCompatibilityTest extends TtsProviderCompatibilityKit<OpenAiFake> {

    @Override
    protected OpenAiFake startFake() {
        return OpenAiFake.start(ProviderSettings.KIT_API_KEY);
    }

    @Override
    protected TtsProvider createProvider(OpenAiFake fake, ProviderSettings settings) {
        return new OpenAiProviderFactory().createTts(settings.context("openai", Map.of(
                "api_key", settings.apiKey().reveal(),
                "base_url", fake.baseUri().toString())));
    }

    /** OpenAI has no voice-list endpoint; the documented voices come without a request. */
    @Override
    protected boolean voicesComeFromTheServer() {
        return false;
    }
}
