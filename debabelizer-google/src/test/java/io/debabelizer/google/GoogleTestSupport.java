package io.debabelizer.google;

import io.debabelizer.testkit.ProviderSettings;
import java.util.HashMap;
import java.util.Map;

/** Provider configuration pointing every endpoint at a {@link GoogleFake}. */
final class GoogleTestSupport {

    private GoogleTestSupport() {
    }

    static Map<String, String> endpoints(GoogleFake fake) {
        Map<String, String> m = new HashMap<>();
        m.put("speech_endpoint", fake.baseUri().toString());
        m.put("tts_endpoint", fake.baseUri().toString());
        m.put("speech_grpc_endpoint", fake.grpcTarget());
        m.put("speech_grpc_plaintext", "true");
        m.put("operation_poll_interval", "10ms");
        return m;
    }

    static Map<String, String> withApiKey(GoogleFake fake, String key, Map<String, String> extra) {
        Map<String, String> m = endpoints(fake);
        m.put("api_key", key);
        m.putAll(extra);
        return m;
    }

    static GoogleSttProvider stt(GoogleFake fake, ProviderSettings settings, Map<String, String> extra) {
        return (GoogleSttProvider) new GoogleProviderFactory().createStt(settings.context("google",
                withApiKey(fake, settings.apiKey().reveal(), extra)));
    }

    static GoogleTtsProvider tts(GoogleFake fake, ProviderSettings settings, Map<String, String> extra) {
        return (GoogleTtsProvider) new GoogleProviderFactory().createTts(settings.context("google",
                withApiKey(fake, settings.apiKey().reveal(), extra)));
    }
}
