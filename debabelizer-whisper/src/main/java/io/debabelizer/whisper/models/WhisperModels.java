package io.debabelizer.whisper.models;

import io.debabelizer.spi.ProviderConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Whisper model manager: what {@code debabelizer models list|pull NAME|rm NAME} calls, and where the
 * {@code whisper} provider looks for models. Thread-safe.
 *
 * <pre>{@code
 * WhisperModels models = WhisperModels.fromEnvironment();
 * models.list();                                        // known + installed models
 * models.pull("base.en", (done, total) -> bar.update(done, total));
 * models.remove("base.en");
 * }</pre>
 *
 * <p>Models come from {@value #DEFAULT_BASE_URL}{@code /ggml-<name>.bin} unless the base URL is overridden
 * (configuration key {@code model_base_url}, environment variable {@value #BASE_URL_ENV}), e.g. for a mirror.
 * The cache folder is described in {@link ModelCache}.
 */
public final class WhisperModels {

    public static final String DEFAULT_BASE_URL = "https://huggingface.co/ggerganov/whisper.cpp/resolve/main";
    public static final String BASE_URL_ENV = "WHISPER_MODEL_BASE_URL";
    /** The model used when none is configured; see {@code WhisperProviderFactory} for why. */
    public static final String DEFAULT_MODEL = "base";
    /**
     * Which installed model to use when none is configured and the default is not installed: the default's English
     * twin, then the others in an order that favours accuracy at a speed a laptop CPU keeps up with.
     */
    private static final List<String> FALLBACK_ORDER = List.of("base", "base.en", "small", "small.en",
            "large-v3-turbo", "tiny", "tiny.en", "medium", "medium.en", "large-v3");

    private final ModelCache cache;
    private final ModelCatalog catalog;
    private final ModelDownloader downloader;
    private final URI baseUrl;

    private WhisperModels(Builder b) {
        this.cache = new ModelCache(b.modelsDir);
        this.catalog = b.catalog;
        this.baseUrl = b.baseUrl;
        HttpClient client = b.httpClient != null ? b.httpClient : HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL) // the hub redirects to its CDN
                .build();
        this.downloader = new ModelDownloader(client, baseUrl, b.responseTimeout, b.stallTimeout);
    }

    /** Settings from the process environment ({@value ModelCache#MODELS_DIR_ENV}, {@value #BASE_URL_ENV}). */
    public static WhisperModels fromEnvironment() {
        return from(null, System.getenv());
    }

    /**
     * Settings from the {@code whisper} provider section ({@code models_dir}, {@code model_base_url}), falling back
     * to {@code env} and then to the defaults.
     */
    public static WhisperModels from(ProviderConfig config, Map<String, String> env) {
        Builder b = builder().modelsDir(ModelCache.defaultDir(env));
        String envUrl = env.get(BASE_URL_ENV);
        if (envUrl != null && !envUrl.isBlank()) {
            b.baseUrl(URI.create(envUrl.trim()));
        }
        if (config != null) {
            config.string("models_dir").ifPresent(d -> b.modelsDir(Path.of(d)));
            config.uri("model_base_url").ifPresent(b::baseUrl);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The cache folder. */
    public Path modelsDir() {
        return cache.dir();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** Where {@code name} is downloaded from. */
    public URI downloadUrl(String name) {
        return downloader.urlFor(ModelNames.normalize(name));
    }

    /** Every known model (smallest first) followed by any other model file found in the cache folder. */
    public List<ModelInfo> list() {
        Set<String> names = new LinkedHashSet<>();
        catalog.all().forEach(m -> names.add(m.name()));
        names.addAll(cache.installedNames());
        List<ModelInfo> infos = new ArrayList<>();
        for (String name : names) {
            Optional<KnownModel> known = catalog.find(name);
            Optional<Path> installed = cache.installed(name);
            long size = installed.map(WhisperModels::sizeOf)
                    .orElse(known.map(KnownModel::sizeBytes).orElse(-1L));
            infos.add(new ModelInfo(name, size, installed.isPresent(), cache.fileFor(name), cache.partialBytes(name),
                    known.map(KnownModel::multilingual).orElse(!name.contains(".en")),
                    known.map(KnownModel::hasHash).orElse(false)));
        }
        return infos;
    }

    /**
     * Downloads a model into the cache folder, resuming an earlier partial download, and verifies it. Returns at
     * once when it is installed already.
     *
     * @param name     e.g. {@code base.en} (also accepted: {@code ggml-base.en.bin})
     * @param listener progress, e.g. for a progress bar
     * @return the installed file
     * @throws io.debabelizer.InvalidInputException when the name is invalid or the hub has no such model
     * @throws ModelDownloadException               when the download fails (see {@link ModelDownloadException.Kind})
     */
    public Path pull(String name, DownloadListener listener) {
        String model = ModelNames.normalize(name);
        Optional<Path> installed = cache.installed(model);
        if (installed.isPresent()) {
            long size = sizeOf(installed.get());
            listener.progress(size, size);
            return installed.get();
        }
        return downloader.download(model, catalog.find(model), cache, Objects.requireNonNull(listener, "listener"));
    }

    /** Deletes an installed model and any partial download of it; whether there was anything to delete. */
    public boolean remove(String name) {
        return cache.remove(ModelNames.normalize(name));
    }

    /** The installed file of {@code name}, if it is installed. */
    public Optional<Path> installed(String name) {
        return cache.installed(ModelNames.normalize(name));
    }

    /** Whether {@code name} is a multilingual model (names without {@code .en} are). */
    public boolean isMultilingual(String name) {
        String model = ModelNames.normalize(name);
        return catalog.find(model).map(KnownModel::multilingual).orElse(!model.contains(".en"));
    }

    /**
     * The model to use when none is configured: {@value #DEFAULT_MODEL} if installed, else another installed model
     * (see {@link #FALLBACK_ORDER}), else any model file in the cache folder.
     */
    public Optional<String> defaultInstalled() {
        for (String name : FALLBACK_ORDER) {
            if (cache.installed(name).isPresent()) {
                return Optional.of(name);
            }
        }
        return cache.installedNames().stream().findFirst();
    }

    private static long sizeOf(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Settings; every one has a default. */
    public static final class Builder {
        private Path modelsDir = ModelCache.defaultDir(System.getenv());
        private URI baseUrl = URI.create(DEFAULT_BASE_URL);
        private ModelCatalog catalog = ModelCatalog.builtIn();
        private HttpClient httpClient;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(30);
        private Duration stallTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        public Builder modelsDir(Path dir) {
            this.modelsDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        public Builder baseUrl(URI url) {
            if (url.getScheme() == null || url.getHost() == null) {
                throw new IllegalArgumentException("model base URL must be absolute: " + url);
            }
            this.baseUrl = url;
            return this;
        }

        /** The table of known models and hashes (tests use their own). */
        public Builder catalog(ModelCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** A client of your own; it should follow redirects (the hub redirects to its CDN). */
        public Builder httpClient(HttpClient client) {
            this.httpClient = client;
            return this;
        }

        /** How long to wait for a connection; offline machines fail after this at most. Default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** How long to wait for the response headers. Default 30 s. */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** How long a download may receive nothing before it counts as broken (and is kept for resume). 60 s. */
        public Builder stallTimeout(Duration timeout) {
            this.stallTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public WhisperModels build() {
            return new WhisperModels(this);
        }
    }
}
