package io.debabelizer.google;

import io.debabelizer.stt.SttProvider;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.SttProviderCompatibilityKit;
import java.util.Map;

class GoogleSttCompatibilityTest extends SttProviderCompatibilityKit<GoogleFake> {

    @Override
    protected GoogleFake startFake() {
        return GoogleFake.start(ProviderSettings.KIT_API_KEY);
    }

    @Override
    protected SttProvider createProvider(GoogleFake fake, ProviderSettings settings) {
        return GoogleTestSupport.stt(fake, settings, Map.of());
    }
}
