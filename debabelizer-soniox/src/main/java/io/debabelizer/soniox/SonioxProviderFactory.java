package io.debabelizer.soniox;

import io.debabelizer.audio.Container;
import io.debabelizer.spi.Availability;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.spi.QualityTier;
import io.debabelizer.stt.SttProvider;
import java.util.Set;

/**
 * Soniox speech-to-text: live over the real-time WebSocket API, batch through the async REST API. Found by
 * {@link java.util.ServiceLoader}; cheap to create, touches no network until a provider is built and used.
 */
public final class SonioxProviderFactory implements ProviderFactory {

    public static final String NAME = "soniox";

    static final ConfigKey API_KEY = new ConfigKey("api_key", "Soniox API key (console.soniox.com)", true,
            "SONIOX_API_KEY");
    static final ConfigKey BASE_URL = new ConfigKey("base_url", "REST base URL (default " + SonioxSettings.DEFAULT_REST
            + "; EU: https://api.eu.soniox.com)", false, "SONIOX_BASE_URL");
    static final ConfigKey WS_URL = new ConfigKey("ws_url", "full real-time WebSocket URL (default "
            + SonioxSettings.DEFAULT_WS + ")", false, "SONIOX_WS_URL");
    static final ConfigKey MODEL = ConfigKey.of("model", "real-time model (default " + SonioxSettings.DEFAULT_RT_MODEL
            + ")");
    static final ConfigKey ASYNC_MODEL = ConfigKey.of("async_model", "batch (async) model (default "
            + SonioxSettings.DEFAULT_ASYNC_MODEL + ")");
    static final ConfigKey KEEP_FILES = ConfigKey.of("keep_files",
            "keep uploaded files and transcriptions on Soniox after a batch transcription (default false)");
    static final ConfigKey MAX_WAIT = ConfigKey.of("max_wait",
            "longest wait for a batch transcription to complete (default: the request timeout)");
    static final ConfigKey POLL_INTERVAL = ConfigKey.of("poll_interval",
            "first interval between batch status polls; doubles up to 5 s (default 250ms)");

    /**
     * The 60 languages of Soniox's supported-languages page (ISO 639-1). Price: about USD 0.12 per hour of
     * real-time audio (soniox.com/pricing, token-based billing; async is cheaper), i.e. 0.002 per minute.
     */
    static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(NAME)
            .displayName("Soniox")
            .capabilities(Capability.STT, Capability.STT_STREAMING)
            .languages(Set.of("af", "sq", "ar", "az", "eu", "be", "bn", "bs", "bg", "ca", "zh", "hr", "cs", "da",
                    "nl", "en", "et", "fi", "fr", "gl", "de", "el", "gu", "he", "hi", "hu", "id", "it", "ja", "kn",
                    "kk", "ko", "lv", "lt", "mk", "ms", "ml", "mr", "no", "fa", "pl", "pt", "pa", "ro", "ru", "sr",
                    "sk", "sl", "es", "sw", "sv", "tl", "ta", "te", "th", "tr", "uk", "ur", "vi", "cy"))
            .inputContainers(Set.of(Container.RAW, Container.WAV, Container.MP3, Container.OGG, Container.WEBM,
                    Container.FLAC, Container.ADTS))
            .wordTimestamps(true)
            .diarization(true)
            .sttPricePerMinute(0.002)
            .typicalLatencyMs(250)
            .quality(QualityTier.PREMIUM)
            .configKeys(API_KEY, BASE_URL, WS_URL, MODEL, ASYNC_MODEL, KEEP_FILES, MAX_WAIT, POLL_INTERVAL)
            .build();

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        if (config.secret(API_KEY.name()).isEmpty()) {
            return Availability.unavailable(API_KEY.envVarFor(NAME) + " not set");
        }
        SonioxSettings.from(config, java.time.Duration.ofSeconds(60)); // malformed URLs fail here, with the key named
        return Availability.ok();
    }

    @Override
    public SttProvider createStt(ProviderContext context) {
        return new SonioxSttProvider(SonioxSettings.from(context.config(), context.requestTimeout()),
                context.httpClient(), context.requestTimeout(), context.connectTimeout());
    }
}
