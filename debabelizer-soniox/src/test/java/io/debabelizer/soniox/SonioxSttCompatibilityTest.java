package io.debabelizer.soniox;

import io.debabelizer.stt.SttProvider;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.SttProviderCompatibilityKit;
import java.util.Map;

/** Soniox passes the STT compatibility kit against {@link SonioxFake}. */
class SonioxSttCompatibilityTest extends SttProviderCompatibilityKit<SonioxFake> {

    @Override
    protected SonioxFake startFake() {
        return SonioxFake.start(ProviderSettings.KIT_API_KEY);
    }

    @Override
    protected SttProvider createProvider(SonioxFake fake, ProviderSettings settings) {
        return new SonioxProviderFactory().createStt(settings.context("soniox", Map.of(
                "api_key", settings.apiKey().reveal(),
                "base_url", fake.restUri().toString(),
                "ws_url", fake.wsUri().toString())));
    }
}
