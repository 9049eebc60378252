package io.debabelizer.google;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/** Google Cloud Speech-to-Text v1 and Text-to-Speech v1. Found by {@link java.util.ServiceLoader}. */
public final class GoogleProviderFactory implements ProviderFactory {

    /**
     * Prices are Google's public list prices as of 2025, for selection only: Speech-to-Text v1 about $0.016 per
     * audio minute, Neural2/WaveNet voices about $16 per million characters.
     */
    static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(GoogleSettings.PROVIDER)
            .displayName("Google Cloud")
            .capabilities(Capability.STT, Capability.STT_STREAMING, Capability.TTS, Capability.TTS_STREAMING)
            .languages(Set.of("en", "es", "fr", "de", "it", "pt", "nl", "ja", "ko", "zh", "hi", "ru", "sv", "da", "no",
                    "fi", "pl", "tr", "uk", "cs", "el", "ar", "he", "id", "ms", "th", "vi", "ta", "bn", "ro", "hu"))
            .inputContainers(EnumSet.allOf(Container.class))
            .wordTimestamps(true)
            .diarization(true)
            .sttPricePerMinute(0.016)
            .ttsPricePerMillionChars(16.0)
            .typicalLatencyMs(400)
            .quality(QualityTier.PREMIUM)
            .local(false)
            .configKeys(
                    new ConfigKey("api_key", "API key, sent as X-Goog-Api-Key (REST) / x-goog-api-key (gRPC)", true,
                            "GOOGLE_API_KEY"),
                    new ConfigKey("credentials_file", "service-account JSON key file; used for OAuth access tokens "
                            + "when no API key is set", false, "GOOGLE_APPLICATION_CREDENTIALS"),
                    new ConfigKey("quota_project", "project billed for quota (x-goog-user-project)", false,
                            "GOOGLE_CLOUD_QUOTA_PROJECT"),
                    ConfigKey.of("speech_endpoint", "Speech-to-Text REST base URL (default "
                            + GoogleSettings.DEFAULT_SPEECH_BASE + "), e.g. a regional endpoint"),
                    ConfigKey.of("tts_endpoint", "Text-to-Speech REST base URL (default "
                            + GoogleSettings.DEFAULT_TTS_BASE + ")"),
                    ConfigKey.of("speech_grpc_endpoint", "StreamingRecognize host:port (default "
                            + GoogleSettings.DEFAULT_SPEECH_GRPC + ")"),
                    ConfigKey.of("speech_grpc_plaintext", "true for a plaintext gRPC channel (emulators, tests)"),
                    ConfigKey.of("tts_grpc_endpoint", "StreamingSynthesize host:port (default "
                            + GoogleSettings.DEFAULT_TTS_GRPC + ")"),
                    ConfigKey.of("tts_grpc_plaintext", "true for a plaintext StreamingSynthesize channel (emulators, "
                            + "tests)"),
                    ConfigKey.of("model", "recognition model, e.g. latest_long (default: Google's)"),
                    ConfigKey.of("language", "language when a request names none (default "
                            + GoogleSettings.DEFAULT_LANGUAGE + ")"),
                    ConfigKey.of("tts_voice", "default voice, e.g. en-US-Neural2-F (default: Google's for the language)"),
                    ConfigKey.of("voices_language", "only list voices of this language (languageCode filter)"),
                    ConfigKey.of("stream_restart_after", "audio one StreamingRecognize call carries before the "
                            + "stream moves to a new one (default 290s; Google's limit is about 305s)"),
                    ConfigKey.of("operation_poll_interval", "first wait between long-running recognition polls "
                            + "(default 1s, doubling up to 5s)"),
                    ConfigKey.of("operation_timeout", "give a long-running recognition up after this (default 30m)"))
            .build();

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        if (config.secret("api_key").isEmpty()) {
            var file = config.string("credentials_file");
            if (file.isEmpty()) {
                return Availability.unavailable("GOOGLE_API_KEY and GOOGLE_APPLICATION_CREDENTIALS not set");
            }
            if (!Files.isReadable(Path.of(file.get()))) {
                return Availability.unavailable("GOOGLE_APPLICATION_CREDENTIALS names " + file.get()
                        + ", which is not a readable file");
            }
        }
        config.uri("speech_endpoint"); // a malformed URL fails here, naming the key and its source
        config.uri("tts_endpoint");
        return Availability.ok();
    }

    @Override
    public SttProvider createStt(ProviderContext context) {
        return new GoogleSttProvider(GoogleSettings.from(context));
    }

    @Override
    public TtsProvider createTts(ProviderContext context) {
        return new GoogleTtsProvider(GoogleSettings.from(context));
    }
}
