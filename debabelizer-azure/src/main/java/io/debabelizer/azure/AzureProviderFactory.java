package io.debabelizer.azure;

import io.debabelizer.ConfigurationException;
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

/**
 * Azure AI Speech: batch (short audio, fast transcription) and live speech-to-text, neural text-to-speech. Found
 * by {@link java.util.ServiceLoader}.
 */
public final class AzureProviderFactory implements ProviderFactory {

    /**
     * Prices are Azure's public pay-as-you-go list prices (not in the protocol notes, so an estimate for selection
     * only): standard speech-to-text about $1 per audio hour, neural text-to-speech about $15 per million
     * characters.
     */
    static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(AzureSettings.PROVIDER)
            .displayName("Azure AI Speech")
            .capabilities(Capability.STT, Capability.STT_STREAMING, Capability.TTS, Capability.TTS_STREAMING)
            .languages(AzureLocales.LANGUAGES)
            .inputContainers(EnumSet.allOf(Container.class))
            .wordTimestamps(true)
            .diarization(true)
            .sttPricePerMinute(1.0 / 60)
            .ttsPricePerMillionChars(15.0)
            .typicalLatencyMs(400)
            .quality(QualityTier.PREMIUM)
            .local(false)
            .configKeys(
                    new ConfigKey("api_key", "Speech resource key: sent as 'Ocp-Apim-Subscription-Key', or "
                            + "exchanged for bearer tokens with auth=token", true, "AZURE_SPEECH_KEY"),
                    new ConfigKey("region", "resource region (e.g. westeurope; usgov*/china* use the sovereign "
                            + "clouds); derives every host", false, "AZURE_SPEECH_REGION"),
                    new ConfigKey("endpoint", "one base URL (https:// or http://) for a custom endpoint or an "
                            + "on-premises container; every REST path and the WebSocket URL derive from it (wins "
                            + "over region)", false, "AZURE_SPEECH_ENDPOINT"),
                    new ConfigKey("auth", "key (default) or token: a bearer token from /sts/v1.0/issueToken, "
                            + "renewed every 9 minutes", false, "AZURE_SPEECH_AUTH"),
                    new ConfigKey("voice", "default voice (default " + AzureSettings.DEFAULT_VOICE + ")", false,
                            "AZURE_SPEECH_VOICE"),
                    new ConfigKey("candidate_languages", "locales to detect among when a request names no "
                            + "language (comma-separated)", false, "AZURE_SPEECH_CANDIDATE_LANGUAGES"),
                    new ConfigKey("profanity", "masked (default), removed or raw", false, "AZURE_SPEECH_PROFANITY"),
                    ConfigKey.of("fast_transcription_after", "recordings longer than this use fast transcription "
                            + "(default 60s, the short-audio limit)"),
                    ConfigKey.of("user_agent", "User-Agent sent with synthesis requests (default "
                            + AzureSettings.DEFAULT_USER_AGENT + ")"))
            .build();

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        boolean hasEndpoint = config.uri("endpoint").isPresent();
        if (config.secret("api_key").isEmpty() && !hasEndpoint) {
            return Availability.unavailable("AZURE_SPEECH_KEY not set");
        }
        try {
            AzureSettings.endpoints(config); // a missing region or malformed endpoint fails here, naming the key
        } catch (ConfigurationException e) {
            return Availability.unavailable(e.getMessage());
        }
        return Availability.ok();
    }

    @Override
    public SttProvider createStt(ProviderContext context) {
        return new AzureSttProvider(AzureSettings.from(context));
    }

    @Override
    public TtsProvider createTts(ProviderContext context) {
        return new AzureTtsProvider(AzureSettings.from(context));
    }
}
