package io.debabelizer.elevenlabs;

import io.debabelizer.stt.SttProvider;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.SttProviderCompatibilityKit;
import java.util.Map;

/** Scribe passes the STT compatibility kit against {@link ElevenLabsFake} (batch only: live tests are skipped). */
class ElevenLabsSttCompatibilityTest extends SttProviderCompatibilityKit<ElevenLabsFake> {

    @Override
    protected ElevenLabsFake startFake() {
        return ElevenLabsFake.start(ProviderSettings.KIT_API_KEY);
    }

    @Override
    protected SttProvider createProvider(ElevenLabsFake fake, ProviderSettings settings) {
        return new ElevenLabsProviderFactory().createStt(settings.context("elevenlabs", Map.of(
                "api_key", settings.apiKey().reveal(),
                "base_url", fake.baseUri().toString())));
    }
}
