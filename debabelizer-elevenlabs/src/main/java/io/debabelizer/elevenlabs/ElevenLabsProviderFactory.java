package io.debabelizer.elevenlabs;

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
 * ElevenLabs: text-to-speech (REST and the stream-input WebSocket) and Scribe batch speech-to-text. Found by
 * {@link java.util.ServiceLoader}.
 */
public final class ElevenLabsProviderFactory implements ProviderFactory {

    /**
     * Prices are not in the protocol notes: they are ElevenLabs' public API list prices as remembered from
     * elevenlabs.io/pricing/api (2025), an estimate for selection only: Multilingual v2 about $0.10 per 1,000
     * characters (Flash/Turbo half that), Scribe about $0.40 per audio hour. Languages are left open (Multilingual
     * v2 speaks 29, Flash v2.5 32, Scribe recognises 99).
     */
    static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(ElevenLabsSettings.PROVIDER)
            .displayName("ElevenLabs")
            .capabilities(Capability.TTS, Capability.TTS_STREAMING, Capability.STT)
            .languages(Set.of())
            .inputContainers(EnumSet.allOf(Container.class))
            .wordTimestamps(true)
            .diarization(true)
            .sttPricePerMinute(0.40 / 60)
            .ttsPricePerMillionChars(100.0)
            .typicalLatencyMs(400)
            .quality(QualityTier.PREMIUM)
            .local(false)
            .configKeys(
                    new ConfigKey("api_key", "ElevenLabs API key, sent as the xi-api-key header", true,
                            "ELEVENLABS_API_KEY"),
                    new ConfigKey("base_url", "REST base URL (default https://api.elevenlabs.io); the WebSocket URL "
                            + "is derived from it (https->wss, http->ws), e.g. a residency host", false,
                            "ELEVENLABS_BASE_URL"),
                    ConfigKey.of("model", "default TTS model, e.g. eleven_multilingual_v2 (default) or "
                            + "eleven_flash_v2_5"),
                    ConfigKey.of("voice", "default voice, an id or a name from the voice list (default Rachel, "
                            + ElevenLabsSettings.DEFAULT_VOICE + ")"),
                    ConfigKey.of("stt_model", "Scribe model (default " + ElevenLabsSettings.DEFAULT_STT_MODEL + ")"),
                    ConfigKey.of("chunk_length_schedule", "text streams' generation_config.chunk_length_schedule, "
                            + "e.g. 120,160,250,290 (default: the server's)"),
                    ConfigKey.of("keep_alive", "a text stream with no text for this long sends a single space to "
                            + "stay open (default 15s; the server ends idle streams after 20 s)"))
            .build();

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        if (config.secret("api_key").isEmpty()) {
            return Availability.unavailable("ELEVENLABS_API_KEY not set");
        }
        config.uri("base_url"); // a malformed URL fails here, naming the key and its source
        return Availability.ok();
    }

    @Override
    public SttProvider createStt(ProviderContext context) {
        return new ElevenLabsSttProvider(ElevenLabsSettings.from(context));
    }

    @Override
    public TtsProvider createTts(ProviderContext context) {
        return new ElevenLabsTtsProvider(ElevenLabsSettings.from(context));
    }
}
