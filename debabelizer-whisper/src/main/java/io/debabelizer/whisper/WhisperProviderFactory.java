package io.debabelizer.whisper;

import io.debabelizer.DebabelizerException;
import io.debabelizer.spi.Availability;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.spi.QualityTier;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.whisper.models.ModelCache;
import io.debabelizer.whisper.models.WhisperModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code whisper} provider: OpenAI Whisper run locally by whisper.cpp, found through ServiceLoader.
 *
 * <p><b>Default model: {@code base}</b> (multilingual, 142 MiB). With it, language detection and translation work
 * out of the box, which an English-only model cannot offer; on English it is close to {@code base.en} (OpenAI
 * reports about 5.0% vs 4.3% WER on LibriSpeech test-clean) and far ahead of {@code tiny.en}, while still running
 * faster than real time on two CPU cores. English-only users who want the last bit of accuracy set
 * {@code model = "base.en"}; users with more CPU set {@code small} or {@code large-v3-turbo}. When no model is
 * configured and {@code base} is not installed, any installed model is used (see
 * {@link WhisperModels#defaultInstalled()}).
 *
 * <p><b>Availability</b> needs a model on disk and a native library that loads; it never touches the network. With
 * no model, it says which command installs one. {@code auto_download = true} makes the provider available without a
 * model and downloads the default on first use (failing fast, after the connect timeout, when offline).
 */
public final class WhisperProviderFactory implements ProviderFactory {

    static final String NAME = "whisper";

    private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(NAME)
            .displayName("Whisper (whisper.cpp, local)")
            .capabilities(Capability.STT)
            .wordTimestamps(true)
            .sttPricePerMinute(0)
            .typicalLatencyMs(2000)
            // Better than the other offline engines, so quality-first selection prefers it when it has a model
            .quality(QualityTier.STANDARD)
            .local(true)
            .configKeys(
                    ConfigKey.of("model", "model name: tiny, base (default), small, medium, large-v3, "
                            + "large-v3-turbo, or a .en variant"),
                    ConfigKey.of("model_path", "a ggml model file you already have (instead of model)"),
                    new ConfigKey("models_dir", "model cache folder (default $XDG_CACHE_HOME/debabelizer/models"
                            + " or ~/.cache/debabelizer/models)", false, ModelCache.MODELS_DIR_ENV),
                    ConfigKey.of("model_base_url", "where models are downloaded from (default "
                            + WhisperModels.DEFAULT_BASE_URL + ")"),
                    ConfigKey.of("auto_download", "download the model on first use when it is missing (default"
                            + " false)"),
                    ConfigKey.of("language", "spoken language (e.g. en, de) or auto to detect it (default auto)"),
                    ConfigKey.of("translate", "translate the speech to English (multilingual models only)"),
                    ConfigKey.of("threads", "CPU threads (default: cores, at most 4)"),
                    ConfigKey.of("temperature", "initial sampling temperature 0..1 (default 0)"),
                    ConfigKey.of("beam_size", "beam search width; 1 = greedy (default 1)"),
                    ConfigKey.of("best_of", "candidates per greedy step at temperature > 0 (default 5)"),
                    ConfigKey.of("initial_prompt", "text that primes spelling, names and style"),
                    ConfigKey.of("word_timestamps", "return words with (estimated) times (default: as requested)"))
            .build();

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        Optional<String> problem;
        try {
            WhisperModels models = WhisperModels.from(config, System.getenv());
            problem = modelProblem(config, models, config.bool("auto_download").orElse(false));
        } catch (DebabelizerException | IllegalArgumentException e) {
            problem = Optional.of(e.getMessage()); // a bad model name or configuration value
        }
        if (problem.isPresent()) {
            return Availability.unavailable(problem.get());
        }
        WhisperNative.Status nativeStatus = WhisperNative.status();
        return nativeStatus.loaded() ? Availability.ok() : Availability.unavailable(nativeStatus.problem());
    }

    private static Optional<String> modelProblem(ProviderConfig config, WhisperModels models, boolean autoDownload) {
        Optional<String> path = config.string("model_path");
        if (path.isPresent()) {
            return Files.isRegularFile(Path.of(path.get())) ? Optional.empty()
                    : Optional.of("Whisper model_path " + path.get() + " does not exist");
        }
        Optional<String> name = config.string("model");
        if (name.isPresent() && (name.get().contains("/") || name.get().contains(java.io.File.separator))) {
            return Files.isRegularFile(Path.of(name.get())) ? Optional.empty()
                    : Optional.of("Whisper model file " + name.get() + " does not exist");
        }
        if (autoDownload) {
            return Optional.empty();
        }
        if (name.isPresent()) {
            return models.installed(name.get()).isPresent() ? Optional.empty()
                    : Optional.of(notInstalledMessage(models, name.get()));
        }
        return models.defaultInstalled().isPresent() ? Optional.empty() : Optional.of(noModelMessage(models));
    }

    static String noModelMessage(WhisperModels models) {
        return "no Whisper model in " + models.modelsDir() + "; run `debabelizer models pull "
                + WhisperModels.DEFAULT_MODEL + "` (or set whisper.model_path to a ggml file you have)";
    }

    static String notInstalledMessage(WhisperModels models, String name) {
        return "Whisper model " + name + " is not installed in " + models.modelsDir() + "; run `debabelizer models"
                + " pull " + name + "`";
    }

    @Override
    public SttProvider createStt(ProviderContext context) {
        ProviderConfig config = context.config();
        Duration connect = context.connectTimeout() != null ? context.connectTimeout() : Duration.ofSeconds(10);
        WhisperModels models = fromConfig(config, System.getenv(), connect);
        return new WhisperSttProvider(DESCRIPTOR, config, models, config.bool("auto_download").orElse(false));
    }

    private static WhisperModels fromConfig(ProviderConfig config, Map<String, String> env, Duration connect) {
        WhisperModels base = WhisperModels.from(config, env);
        return WhisperModels.builder().modelsDir(base.modelsDir()).baseUrl(base.baseUrl()).connectTimeout(connect)
                .build();
    }
}
