package io.debabelizer.openai;

import io.debabelizer.stt.SttProvider;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.SttProviderCompatibilityKit;
import java.util.Map;

/**
 * OpenAI speech-to-text passes the compatibility kit against {@link OpenAiFake}: batch through
 * {@code /audio/transcriptions} (whisper-1, verbose_json with word times), live through the Realtime API.
 */
class OpenAiSttCompatibilityTest extends SttProviderCompatibilityKit<OpenAiFake> {

    @Override
    protected OpenAiFake startFake() {
        return OpenAiFake.start(ProviderSettings.KIT_API_KEY);
    }

    @Override
    protected SttProvider createProvider(OpenAiFake fake, ProviderSettings settings) {
        return new OpenAiProviderFactory().createStt(settings.context("openai", Map.of(
                "api_key", settings.apiKey().reveal(),
                "base_url", fake.baseUri().toString())));
    }

    /** The Realtime API takes PCM at 24 kHz only; at that rate the sent audio reaches the server unchanged. */
    @Override
    protected String speechFile() {
        return OpenAiTestSupport.jfk24k();
    }
}
