package io.debabelizer.testkit.loopback;

import io.debabelizer.stt.SttProvider;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.SttProviderCompatibilityKit;
import java.util.Map;

/** The loopback provider passes the STT compatibility kit: what every provider module's test looks like. */
class LoopbackSttCompatibilityTest extends SttProviderCompatibilityKit<LoopbackFake> {

    @Override
    protected LoopbackFake startFake() {
        return LoopbackFake.start(ProviderSettings.KIT_API_KEY);
    }

    @Override
    protected SttProvider createProvider(LoopbackFake fake, ProviderSettings settings) {
        return new LoopbackProviderFactory().createStt(settings.context("loopback", Map.of(
                "api_key", settings.apiKey().reveal(),
                "base_url", fake.httpUri().toString(),
                "stream_url", fake.wsUri().toString())));
    }
}
