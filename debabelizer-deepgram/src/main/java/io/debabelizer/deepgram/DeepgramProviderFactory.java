package io.debabelizer.deepgram;

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
import io.debabelizer.tts.TtsProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * Deepgram: batch and live speech-to-text (Nova) and Aura text-to-speech. Found by {@link java.util.ServiceLoader}.
 */
public final class DeepgramProviderFactory implements ProviderFactory {

    /**
     * Prices are Deepgram's public pay-as-you-go list prices as of 2025 (not in the protocol notes, so an estimate
     * for selection only): Nova-3 streaming about $0.0077 per audio minute, Aura-2 about $0.030 per 1,000
     * characters. Languages are the main Nova-3/Nova-2 ones; {@code multi} is Nova's code-switching mode.
     */
    static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(DeepgramSettings.PROVIDER)
            .displayName("Deepgram")
            .capabilities(Capability.STT, Capability.STT_STREAMING, Capability.TTS, Capability.TTS_STREAMING)
            .languages(Set.of("multi", "en", "es", "fr", "de", "it", "pt", "nl", "ja", "ko", "zh", "hi", "ru", "sv",
                    "da", "no", "fi", "pl", "tr", "uk", "cs", "el", "bg", "ro", "hu", "sk", "id", "ms", "vi", "ta"))
            .inputContainers(EnumSet.allOf(Container.class))
            .wordTimestamps(true)
            .diarization(true)
            .sttPricePerMinute(0.0077)
            .ttsPricePerMillionChars(30.0)
            .typicalLatencyMs(300)
            .quality(QualityTier.PREMIUM)
            .local(false)
            .configKeys(
                    new ConfigKey("api_key", "Deepgram API key, sent as 'Authorization: Token <key>'", true,
                            "DEEPGRAM_API_KEY"),
                    new ConfigKey("base_url", "REST base URL (default https://api.deepgram.com); the WebSocket URL "
                            + "is derived from it (https->wss, http->ws), e.g. for self-hosted Deepgram", false,
                            "DEEPGRAM_BASE_URL"),
                    ConfigKey.of("model", "speech-to-text model (default " + DeepgramSettings.DEFAULT_MODEL + ")"),
                    ConfigKey.of("tts_model", "default Aura voice model (default "
                            + DeepgramSettings.DEFAULT_TTS_MODEL + ")"),
                    ConfigKey.of("keep_alive", "silence after which a live stream sends KeepAlive (default 5s)"))
            .build();

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        if (config.secret("api_key").isEmpty()) {
            return Availability.unavailable("DEEPGRAM_API_KEY not set");
        }
        config.uri("base_url"); // a malformed URL fails here, naming the key and its source
        return Availability.ok();
    }

    @Override
    public SttProvider createStt(ProviderContext context) {
        return new DeepgramSttProvider(DeepgramSettings.from(context));
    }

    @Override
    public TtsProvider createTts(ProviderContext context) {
        return new DeepgramTtsProvider(DeepgramSettings.from(context));
    }
}
