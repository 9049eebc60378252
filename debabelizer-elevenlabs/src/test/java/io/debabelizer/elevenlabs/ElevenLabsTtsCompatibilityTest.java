package io.debabelizer.elevenlabs;

import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.TtsProviderCompatibilityKit;
import io.debabelizer.tts.TtsProvider;
import java.util.Map;

/** ElevenLabs text-to-speech passes the TTS compatibility kit against {@link ElevenLabsFake}. */
class ElevenLabsTtsCompatibilityTest extends TtsProviderCompatibilityKit<ElevenLabsFake> {

    @Override
    protected ElevenLabsFake startFake() {
        return ElevenLabsFake.start(ProviderSettings.KIT_API_KEY);
    }

    @Override
    protected TtsProvider createProvider(ElevenLabsFake fake, ProviderSettings settings) {
        return new ElevenLabsProviderFactory().createTts(settings.context("elevenlabs", Map.of(
                "api_key", settings.apiKey().reveal(),
                "base_url", fake.baseUri().toString())));
    }
}
