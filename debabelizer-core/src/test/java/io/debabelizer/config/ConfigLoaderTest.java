package io.debabelizer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.ConfigurationException;
import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

    private static final ProviderDescriptor DEEPGRAM = ProviderDescriptor.builder("deepgram")
            .configKeys(ConfigKey.secret("api_key", "API key"), ConfigKey.of("base_url", "endpoint"),
                    ConfigKey.of("model", "default model"))
            .build();
    private static final ProviderDescriptor AZURE = ProviderDescriptor.builder("azure")
            .configKeys(ConfigKey.secret("subscription", "key"), new ConfigKey("region", "region", false,
                    "AZURE_SPEECH_REGION"))
            .build();
    private static final ProviderDescriptor MODEL_CACHE = ProviderDescriptor.builder("model-cache")
            .configKeys(new ConfigKey("models_dir", "cache folder", false, "DEBABELIZER_MODELS_DIR"))
            .build();
    private static final List<ProviderDescriptor> KNOWN = List.of(DEEPGRAM, AZURE, MODEL_CACHE);

    static final String TOML = """
            stt_provider = "deepgram"
            tts_provider = "azure"
            auto_select = true
            optimize_for = "cost"
            session_idle_timeout = "90s"
            request_timeout = 30
            connect_timeout = "500ms"

            [providers.deepgram]
            api_key = "dg-secret-value-1234567890"
            base_url = "https://dg.example.com"

            [providers.whisper]
            model_path = "/models/ggml-base.bin"
            """;
    static final String YAML = """
            stt_provider: deepgram
            tts_provider: azure
            auto_select: true
            optimize_for: cost
            session_idle_timeout: 90s
            request_timeout: 30
            connect_timeout: 500ms
            providers:
              deepgram:
                api_key: dg-secret-value-1234567890
                base_url: https://dg.example.com
              whisper:
                model_path: /models/ggml-base.bin
            """;
    static final String JSON = """
            {
              "stt_provider": "deepgram",
              "tts_provider": "azure",
              "auto_select": true,
              "optimize_for": "cost",
              "session_idle_timeout": "90s",
              "request_timeout": 30,
              "connect_timeout": "500ms",
              "providers": {
                "deepgram": {"api_key": "dg-secret-value-1234567890", "base_url": "https://dg.example.com"},
                "whisper": {"model_path": "/models/ggml-base.bin"}
              }
            }
            """;

    @TempDir
    Path dir;
    Path work;
    Map<String, String> env;

    @BeforeEach
    void isolate() throws IOException {
        work = Files.createDirectories(dir.resolve("work"));
        env = new HashMap<>();
        env.put("HOME", Files.createDirectories(dir.resolve("home")).toString()); // keep the real ~ out of tests
    }

    private DebabelizerConfig load() {
        return ConfigLoader.load(env, null, work, KNOWN);
    }

    private DebabelizerConfig load(Path explicit) {
        return ConfigLoader.load(env, explicit, work, KNOWN);
    }

    private Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void defaultsWithoutFileOrEnvironment() {
        DebabelizerConfig c = load();
        assertThat(c.sttProvider()).isEmpty();
        assertThat(c.ttsProvider()).isEmpty();
        assertThat(c.autoSelect()).isFalse();
        assertThat(c.optimizeFor()).isEqualTo(OptimizeFor.BALANCED);
        assertThat(c.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.sourceOf("optimize_for")).isEqualTo("default");
        assertThat(c.provider("deepgram").values()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"toml", "yaml", "yml", "json"})
    void readsTheSameSchemaInEveryFormat(String ext) throws IOException {
        String content = switch (ext) {
            case "toml" -> TOML;
            case "json" -> JSON;
            default -> YAML;
        };
        Path file = write(work.resolve("debabelizer." + ext), content);

        DebabelizerConfig c = load();

        assertThat(c.sttProvider()).contains("deepgram");
        assertThat(c.ttsProvider()).contains("azure");
        assertThat(c.autoSelect()).isTrue();
        assertThat(c.optimizeFor()).isEqualTo(OptimizeFor.COST);
        assertThat(c.sessionIdleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        ProviderConfig dg = c.provider("deepgram");
        assertThat(dg.secret("api_key")).map(Secret::reveal).contains("dg-secret-value-1234567890");
        assertThat(dg.uri("base_url")).map(Object::toString).contains("https://dg.example.com");
        assertThat(dg.sourceOf("api_key")).isEqualTo("file " + file);
        assertThat(c.sourceOf("optimize_for")).isEqualTo("file " + file);
        // a section for a provider that is not installed is kept as is
        assertThat(c.provider("whisper").string("model_path")).contains("/models/ggml-base.bin");
    }

    @Test
    void precedenceIsBuilderThenEnvironmentThenFileThenDefaults() throws IOException {
        Path file = write(work.resolve("debabelizer.toml"), """
                optimize_for = "cost"
                auto_select = true
                stt_provider = "deepgram"
                [providers.deepgram]
                api_key = "from-file"
                base_url = "https://file.example.com"
                """);
        env.put("DEBABELIZER_OPTIMIZE_FOR", "latency");
        env.put("DEBABELIZER_STT_PROVIDER", "azure");
        env.put("DEEPGRAM_API_KEY", "from-env");

        DebabelizerConfig loaded = load();
        assertThat(loaded.optimizeFor()).isEqualTo(OptimizeFor.LATENCY);                  // env over file
        assertThat(loaded.sourceOf("optimize_for")).isEqualTo("environment variable DEBABELIZER_OPTIMIZE_FOR");
        assertThat(loaded.autoSelect()).isTrue();                                            // file over default
        assertThat(loaded.sourceOf("auto_select")).isEqualTo("file " + file);
        assertThat(loaded.connectTimeout()).isEqualTo(Duration.ofSeconds(10));             // default
        assertThat(loaded.provider("deepgram").string("api_key")).contains("from-env");
        assertThat(loaded.provider("deepgram").sourceOf("api_key"))
                .isEqualTo("environment variable DEEPGRAM_API_KEY");
        assertThat(loaded.provider("deepgram").string("base_url")).contains("https://file.example.com");

        DebabelizerConfig overridden = loaded.toBuilder().optimizeFor(OptimizeFor.QUALITY)
                .providerSetting("deepgram", "api_key", "from-code").build();
        assertThat(overridden.optimizeFor()).isEqualTo(OptimizeFor.QUALITY);               // builder over env
        assertThat(overridden.sourceOf("optimize_for")).isEqualTo("builder");
        assertThat(overridden.provider("deepgram").string("api_key")).contains("from-code");
        assertThat(overridden.provider("deepgram").sourceOf("api_key")).isEqualTo("builder");
        assertThat(overridden.sttProvider()).contains("azure");                              // untouched keeps env
        assertThat(overridden.sourceOf("stt_provider")).isEqualTo("environment variable DEBABELIZER_STT_PROVIDER");
    }

    @Test
    void aDebabelizerVariableThatAProviderOwnsGoesToThatProvider() {
        env.put("DEBABELIZER_MODELS_DIR", "/models");

        assertThat(load().provider("model-cache").string("models_dir")).contains("/models");
    }

    @Test
    void everyTopLevelEnvironmentVariable() {
        env.put("DEBABELIZER_STT_PROVIDER", "Deepgram");
        env.put("DEBABELIZER_TTS_PROVIDER", "azure");
        env.put("DEBABELIZER_AUTO_SELECT", "yes");
        env.put("DEBABELIZER_OPTIMIZE_FOR", "QUALITY");
        env.put("DEBABELIZER_SESSION_IDLE_TIMEOUT", "2m");
        env.put("DEBABELIZER_REQUEST_TIMEOUT", "PT45S");
        env.put("DEBABELIZER_CONNECT_TIMEOUT", "3s");
        env.put("DEBABELIZER_SOMETHING_ELSE", "ignored with a warning");
        env.put("DEBABELIZER_TTS_PROVIDER_UNSET", "");

        DebabelizerConfig c = load();

        assertThat(c.sttProvider()).contains("deepgram");
        assertThat(c.ttsProvider()).contains("azure");
        assertThat(c.autoSelect()).isTrue();
        assertThat(c.optimizeFor()).isEqualTo(OptimizeFor.QUALITY);
        assertThat(c.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void emptyEnvironmentVariablesCountAsUnset() {
        env.put("DEBABELIZER_OPTIMIZE_FOR", "  ");
        env.put("DEEPGRAM_API_KEY", "");
        DebabelizerConfig c = load();
        assertThat(c.optimizeFor()).isEqualTo(OptimizeFor.BALANCED);
        assertThat(c.provider("deepgram").string("api_key")).isEmpty();
    }

    @Test
    void providerKeysFromTheEnvironment() throws IOException {
        write(work.resolve("debabelizer.toml"), """
                [providers.whisper]
                threads = 2
                """);
        env.put("DEEPGRAM_API_KEY", "k1");
        env.put("DEEPGRAM_BASE_URL", "https://x.example.com");
        env.put("DEEPGRAM_UNDECLARED", "not a key deepgram declares: not read");
        env.put("AZURE_SUBSCRIPTION", "k2");
        env.put("AZURE_SPEECH_REGION", "westeurope");               // explicit ConfigKey.envVar
        env.put("WHISPER_MODEL_PATH", "/m.bin");                    // generic rule for a file-only provider
        env.put("OPENAI_API_KEY", "not installed and not in the file: not read");

        DebabelizerConfig c = load();

        assertThat(c.provider("deepgram").values()).containsOnlyKeys("api_key", "base_url");
        assertThat(c.provider("azure").string("subscription")).contains("k2");
        assertThat(c.provider("azure").string("region")).contains("westeurope");
        assertThat(c.provider("azure").sourceOf("region")).isEqualTo("environment variable AZURE_SPEECH_REGION");
        assertThat(c.provider("whisper").values()).containsEntry("model_path", "/m.bin").containsEntry("threads", "2");
        assertThat(c.configuredProviders()).containsExactly("azure", "deepgram", "whisper");
    }

    @Test
    void genericRuleForAnInstalledProviderThatDeclaresNoKeys() {
        ProviderDescriptor vosk = ProviderDescriptor.builder("vosk-small").build();
        env.put("VOSK_SMALL_MODEL_DIR", "/opt/vosk");
        DebabelizerConfig c = ConfigLoader.load(env, null, work, List.of(vosk));
        assertThat(c.provider("vosk-small").string("model_dir")).contains("/opt/vosk");
    }

    @Test
    void searchPathPrefersTheWorkingDirectoryThenXdgThenHome() throws IOException {
        Path xdg = dir.resolve("xdg");
        env.put("XDG_CONFIG_HOME", xdg.toString());
        Path home = Path.of(env.get("HOME"));
        write(home.resolve(".config/debabelizer/config.toml"), "optimize_for = \"quality\"");
        assertThat(load().optimizeFor()).isEqualTo(OptimizeFor.BALANCED); // XDG set: ~/.config not consulted

        env.remove("XDG_CONFIG_HOME");
        assertThat(load().optimizeFor()).isEqualTo(OptimizeFor.QUALITY);

        env.put("XDG_CONFIG_HOME", xdg.toString());
        write(xdg.resolve("debabelizer/config.yaml"), "optimize_for: latency");
        assertThat(load().optimizeFor()).isEqualTo(OptimizeFor.LATENCY);

        write(work.resolve("debabelizer.json"), "{\"optimize_for\": \"cost\"}");
        assertThat(load().optimizeFor()).isEqualTo(OptimizeFor.COST);
        write(work.resolve("debabelizer.toml"), "optimize_for = \"quality\"");
        assertThat(load().optimizeFor()).isEqualTo(OptimizeFor.QUALITY); // toml before json in the same place

        assertThat(ConfigLoader.searchPath(env, work)).first().isEqualTo(work.resolve("debabelizer.toml"));
        assertThat(ConfigLoader.locate(env, null, work)).contains(work.resolve("debabelizer.toml"));
    }

    @Test
    void debabelizerConfigReplacesTheSearchAndAnExplicitFileReplacesBoth() throws IOException {
        write(work.resolve("debabelizer.toml"), "optimize_for = \"cost\"");
        Path named = write(dir.resolve("elsewhere/named.yaml"), "optimize_for: latency");
        Path explicit = write(dir.resolve("explicit.json"), "{\"optimize_for\": \"quality\"}");
        env.put("DEBABELIZER_CONFIG", named.toString());

        assertThat(load().optimizeFor()).isEqualTo(OptimizeFor.LATENCY);
        assertThat(load(explicit).optimizeFor()).isEqualTo(OptimizeFor.QUALITY);
    }

    @Test
    void aNamedFileThatDoesNotExistIsAnError() {
        env.put("DEBABELIZER_CONFIG", dir.resolve("missing.toml").toString());
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("missing.toml").hasMessageContaining("DEBABELIZER_CONFIG");
        assertThatThrownBy(() -> load(dir.resolve("nope.yaml"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("nope.yaml").hasMessageContaining("does not exist");
    }

    @Test
    void unknownTopLevelKeyNamesTheKeyAndTheFile() throws IOException {
        Path file = write(work.resolve("debabelizer.toml"), "stt_providr = \"deepgram\"");
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("stt_providr").hasMessageContaining(file.toString());
    }

    @Test
    void unknownKeyOfAnInstalledProviderNamesTheKeyAndTheFile() throws IOException {
        Path file = write(work.resolve("debabelizer.yaml"), """
                providers:
                  deepgram:
                    apikey: x
                """);
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("providers.deepgram.apikey").hasMessageContaining(file.toString())
                .hasMessageContaining("api_key");
    }

    @Test
    void badValuesNameTheKeyAndTheFile() throws IOException {
        Path file = write(work.resolve("debabelizer.toml"), "optimize_for = \"fastest\"");
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("optimize_for").hasMessageContaining(file.toString())
                .hasMessageContaining("fastest").hasMessageContaining("cost, latency, quality, balanced");

        write(file, "auto_select = \"maybe\"");
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("auto_select").hasMessageContaining(file.toString());

        write(file, "session_idle_timeout = \"soon\"");
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("session_idle_timeout").hasMessageContaining("soon");

        write(file, "request_timeout = 0");
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("request_timeout");
    }

    @Test
    void badEnvironmentValuesNameTheVariable() {
        env.put("DEBABELIZER_AUTO_SELECT", "maybe");
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("auto_select").hasMessageContaining("environment variable DEBABELIZER_AUTO_SELECT")
                .hasMessageContaining("maybe");
    }

    @Test
    void malformedFilesNameTheFile() throws IOException {
        Path toml = write(work.resolve("debabelizer.toml"), "optimize_for = \"cost");
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(toml.toString()).hasMessageContaining("malformed");
        Files.delete(toml);

        Path json = write(work.resolve("debabelizer.json"), "{\"optimize_for\": ");
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(json.toString());
        Files.delete(json);

        Path yaml = write(work.resolve("debabelizer.yaml"), "- just\n- a list\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(yaml.toString());
    }

    @Test
    void nonScalarValuesAndBadSectionsAreErrors() throws IOException {
        Path file = write(work.resolve("debabelizer.toml"), "stt_provider = [\"a\", \"b\"]");
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("stt_provider").hasMessageContaining("list");

        write(file, "providers = \"deepgram\"");
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("providers");

        write(file, "[providers]\ndeepgram = \"x\"");
        assertThatThrownBy(this::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("providers.deepgram");
    }

    @Test
    void fileExtensionMustNameTheFormat() throws IOException {
        Path file = write(dir.resolve("debabelizer.conf"), "x");
        assertThatThrownBy(() -> load(file)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(".toml, .yaml, .yml or .json");
    }

    @Test
    void emptyFilesAreFine() throws IOException {
        write(work.resolve("debabelizer.yaml"), "");
        assertThat(load().optimizeFor()).isEqualTo(OptimizeFor.BALANCED);
    }

    @Test
    void typedProviderGettersNameKeyAndSource() throws IOException {
        Path file = write(work.resolve("debabelizer.toml"), """
                [providers.deepgram]
                base_url = "not a url"
                """);
        ProviderConfig dg = load().provider("deepgram");
        assertThatThrownBy(() -> dg.uri("base_url")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("deepgram.base_url").hasMessageContaining(file.toString());
    }

    @Test
    void redactedMapHidesSecretsAndShowsSources() throws IOException {
        Path file = write(work.resolve("debabelizer.toml"), TOML);
        env.put("AZURE_SUBSCRIPTION", "azure-subscription-secret-0042");
        DebabelizerConfig c = load().toBuilder().providerSetting("custom", "auth_token", "tok-123").build();

        Map<String, Object> map = c.toRedactedMap();
        String printed = map.toString() + c;

        assertThat(printed).doesNotContain("dg-secret-value-1234567890").doesNotContain("azure-subscription-secret")
                .doesNotContain("tok-123");
        assertThat(map).containsKeys("stt_provider", "tts_provider", "auto_select", "optimize_for",
                "session_idle_timeout", "request_timeout", "connect_timeout", "providers");
        assertThat(map.get("optimize_for")).isEqualTo(Map.of("value", "cost", "source", "file " + file));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, Object>>> providers =
                (Map<String, Map<String, Map<String, Object>>>) map.get("providers");
        assertThat(providers.get("deepgram").get("api_key"))
                .containsEntry("value", "****7890").containsEntry("source", "file " + file);
        assertThat(providers.get("deepgram").get("base_url")).containsEntry("value", "https://dg.example.com");
        assertThat(providers.get("azure").get("subscription"))
                .containsEntry("value", "****0042")
                .containsEntry("source", "environment variable AZURE_SUBSCRIPTION"); // declared secret
        assertThat(providers.get("custom").get("auth_token")).containsEntry("value", "****")
                .containsEntry("source", "builder");
        assertThat(c.provider("deepgram").toString()).doesNotContain("dg-secret");
    }
}
