package io.debabelizer.openai;

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
 * OpenAI: transcription (Whisper and the GPT-4o transcribe models, batch and Realtime) and speech (tts-1, tts-1-hd,
 * gpt-4o-mini-tts). Also any OpenAI-compatible server, through {@code OPENAI_BASE_URL}. Found by
 * {@link java.util.ServiceLoader}.
 */
public final class OpenAiProviderFactory implements ProviderFactory {

    /**
     * Prices are OpenAI's documented public list prices (platform.openai.com/docs/pricing, 2025; not in the
     * protocol notes, so an estimate for selection only): whisper-1 and gpt-4o-transcribe $0.006 per audio minute
     * (gpt-4o-mini-transcribe $0.003), tts-1 $15 per million characters (tts-1-hd $30; gpt-4o-mini-tts is billed
     * by tokens, about $15 per million characters). Languages: Whisper's are many, so the set is left open.
     * Containers are those the transcription endpoint accepts; raw PCM/G.711 is wrapped in WAV.
     */
    static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(OpenAiSettings.PROVIDER)
            .displayName("OpenAI")
            .capabilities(Capability.STT, Capability.STT_STREAMING, Capability.TTS, Capability.TTS_STREAMING)
            .languages(Set.of())
            .inputContainers(EnumSet.of(Container.RAW, Container.WAV, Container.MP3, Container.FLAC, Container.OGG,
                    Container.WEBM, Container.MP4))
            .wordTimestamps(true)
            .diarization(false)
            .sttPricePerMinute(0.006)
            .ttsPricePerMillionChars(15.0)
            .typicalLatencyMs(800)
            .quality(QualityTier.PREMIUM)
            .local(false)
            .configKeys(
                    new ConfigKey("api_key", "OpenAI API key, sent as 'Authorization: Bearer <key>'", true,
                            "OPENAI_API_KEY"),
                    new ConfigKey("base_url", "API base URL including the version (default "
                            + OpenAiSettings.DEFAULT_BASE + "); the Realtime WebSocket URL is derived from it "
                            + "(https->wss, http->ws). Point it at any OpenAI-compatible server", false,
                            "OPENAI_BASE_URL"),
                    ConfigKey.of("organization", "organization id, sent as the OpenAI-Organization header"),
                    ConfigKey.of("project", "project id, sent as the OpenAI-Project header"),
                    ConfigKey.of("model", "batch transcription model (default " + OpenAiSettings.DEFAULT_MODEL
                            + "; gpt-4o-transcribe, gpt-4o-mini-transcribe and newer names are passed through)"),
                    ConfigKey.of("realtime_model", "live transcription model on the Realtime API (default "
                            + OpenAiSettings.DEFAULT_REALTIME_MODEL + ")"),
                    ConfigKey.of("tts_model", "speech model (default " + OpenAiSettings.DEFAULT_TTS_MODEL
                            + "; tts-1, tts-1-hd)"),
                    ConfigKey.of("voice", "default voice (default " + OpenAiSettings.DEFAULT_VOICE + ")"))
            .build();

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        if (config.secret("api_key").isEmpty()) {
            return Availability.unavailable("OPENAI_API_KEY not set");
        }
        config.uri("base_url"); // a malformed URL fails here, naming the key and its source
        return Availability.ok();
    }

    @Override
    public SttProvider createStt(ProviderContext context) {
        return new OpenAiSttProvider(OpenAiSettings.from(context));
    }

    @Override
    public TtsProvider createTts(ProviderContext context) {
        return new OpenAiTtsProvider(OpenAiSettings.from(context));
    }
}
