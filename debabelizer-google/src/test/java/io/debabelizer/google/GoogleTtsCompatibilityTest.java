package io.debabelizer.google;

import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.TtsProviderCompatibilityKit;
import io.debabelizer.tts.TtsProvider;
import java.util.Map;

class GoogleTtsCompatibilityTest extends TtsProviderCompatibilityKit<GoogleFake> {

    @Override
    protected GoogleFake startFake() {
        return GoogleFake.start(ProviderSettings.KIT_API_KEY);
    }

    @Override
    protected TtsProvider createProvider(GoogleFake fake, ProviderSettings settings) {
        return GoogleTestSupport.tts(fake, settings, Map.of());
    }
}
