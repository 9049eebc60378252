package io.debabelizer.testkit.loopback;

import io.debabelizer.ConfigurationException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.Availability;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.spi.QualityTier;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.tts.TtsProvider;
import java.net.URI;
import java.util.Set;

/**
 * A small but complete provider for the testkit's own tests: configuration keys, availability, STT (batch and
 * live) and TTS (whole and streamed), all against {@link LoopbackFake}.
 */
public final class LoopbackProviderFactory implements ProviderFactory {

    static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder("loopback")
            .displayName("Loopback (test)")
            .capabilities(Capability.STT, Capability.STT_STREAMING, Capability.TTS, Capability.TTS_STREAMING)
            .languages(Set.of("en"))
            .wordTimestamps(true)
            .sttPricePerMinute(0)
            .ttsPricePerMillionChars(0)
            .typicalLatencyMs(10)
            .quality(QualityTier.BASIC)
            .local(true)
            .configKeys(ConfigKey.secret("api_key", "key sent as Bearer token"),
                    ConfigKey.of("base_url", "HTTP base URL"), ConfigKey.of("stream_url", "WebSocket base URL"))
            .build();

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        if (config.secret("api_key").isEmpty()) {
            return Availability.unavailable(ConfigKey.secret("api_key", "").envVarFor("loopback") + " not set");
        }
        if (config.string("base_url").isEmpty()) {
            return Availability.unavailable("loopback.base_url not set");
        }
        return Availability.ok();
    }

    @Override
    public SttProvider createStt(ProviderContext context) {
        ProviderConfig c = context.config();
        URI http = require(c, "base_url");
        URI ws = c.uri("stream_url").orElseThrow(() -> c.invalid("stream_url", "missing"));
        return new LoopbackSttProvider(DESCRIPTOR, key(c), http, ws, context.httpClient(), context.requestTimeout(),
                context.connectTimeout());
    }

    @Override
    public TtsProvider createTts(ProviderContext context) {
        ProviderConfig c = context.config();
        return new LoopbackTtsProvider(DESCRIPTOR, key(c), require(c, "base_url"), context.httpClient(),
                context.requestTimeout());
    }

    private static Secret key(ProviderConfig c) {
        return c.secret("api_key").orElseThrow(() -> new ConfigurationException("loopback.api_key is not set"));
    }

    private static URI require(ProviderConfig c, String key) {
        return c.uri(key).orElseThrow(() -> c.invalid(key, "missing"));
    }
}
