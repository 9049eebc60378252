package io.debabelizer.config;

import io.debabelizer.ConfigurationException;
import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.toml.TomlMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads the effective configuration from files and the environment, in one documented precedence order.
 *
 * <p><b>Precedence</b> (highest first): programmatic builder ({@link DebabelizerConfig#toBuilder()}) &gt;
 * environment variables &gt; config file &gt; built-in defaults. Only one file is read.
 *
 * <p><b>Which file:</b> an explicit path (the CLI's {@code --config}) or else {@code DEBABELIZER_CONFIG}; either
 * replaces the search, and a missing file is an error. Otherwise the first file that exists of
 * {@code ./debabelizer.toml}, {@code ./debabelizer.yaml}, {@code ./debabelizer.yml}, {@code ./debabelizer.json}
 * (in the working directory), then {@code config.toml|yaml|yml|json} in {@code $XDG_CONFIG_HOME/debabelizer/}
 * (or {@code ~/.config/debabelizer/} when {@code XDG_CONFIG_HOME} is not set). No file is fine.
 *
 * <p><b>File schema</b> (same in TOML, YAML and JSON): top-level {@code stt_provider}, {@code tts_provider},
 * {@code auto_select}, {@code optimize_for}, {@code session_idle_timeout}, {@code request_timeout},
 * {@code connect_timeout}, and a {@code providers} table with one table per provider of scalar values. Unknown
 * top-level keys, unknown keys in the section of a provider whose factory is present (checked against its
 * {@link ProviderDescriptor#configKeys()}), non-scalar values, malformed files and bad values are a
 * {@link ConfigurationException} naming the key and the file. A section for a provider that is not installed is
 * kept as it is.
 *
 * <p><b>Environment:</b> {@code DEBABELIZER_<KEY>} for each top-level key (e.g. {@code DEBABELIZER_OPTIMIZE_FOR}).
 * Provider keys: for an installed provider, each declared key's {@link ConfigKey#envVarFor} (e.g.
 * {@code DEEPGRAM_API_KEY} sets {@code providers.deepgram.api_key}); for a provider that declares no keys or is only
 * named in the file, every {@code <PROVIDER>_<KEY>} variable. Empty variables count as unset. An unknown
 * {@code DEBABELIZER_*} variable is logged as a warning, not an error, because the environment is shared with
 * launchers and other tools.
 */
public final class ConfigLoader {

    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

    /** The variable naming an explicit config file. */
    public static final String CONFIG_ENV = "DEBABELIZER_CONFIG";

    private static final List<String> EXTENSIONS = List.of("toml", "yaml", "yml", "json");

    private ConfigLoader() {
    }

    /** From the process environment and the default file search path. */
    public static DebabelizerConfig load() {
        return load(System.getenv(), null);
    }

    /**
     * From {@code env} (a map so tests need not touch the process environment) and {@code explicitFile} (e.g. the
     * CLI's {@code --config}; null for none, then {@code DEBABELIZER_CONFIG} and the search path apply).
     * Providers found with ServiceLoader are used to validate their sections.
     */
    public static DebabelizerConfig load(Map<String, String> env, Path explicitFile) {
        return load(env, explicitFile, Path.of("").toAbsolutePath(), discoveredDescriptors());
    }

    /**
     * The full form: {@code workingDir} is where {@code ./debabelizer.*} is looked for, {@code known} the
     * descriptors of the installed providers (their sections are validated and their declared keys read from the
     * environment).
     */
    public static DebabelizerConfig load(Map<String, String> env, Path explicitFile, Path workingDir,
                                         Collection<ProviderDescriptor> known) {
        Map<String, ProviderDescriptor> descriptors = new TreeMap<>();
        known.forEach(d -> descriptors.putIfAbsent(d.name(), d));
        DebabelizerConfig.Builder b = DebabelizerConfig.builder().knownProviders(descriptors.values());
        Set<String> fileSections = new TreeSet<>();
        locate(env, explicitFile, workingDir).ifPresent(file -> readFile(file, descriptors, b, fileSections));
        applyEnvironment(env, descriptors, fileSections, b);
        return b.build();
    }

    /**
     * The file that {@link #load} would read: {@code explicitFile}, else {@code DEBABELIZER_CONFIG}, else the first
     * existing file of the search path; empty when there is none.
     *
     * @throws ConfigurationException when an explicitly named file does not exist
     */
    public static Optional<Path> locate(Map<String, String> env, Path explicitFile, Path workingDir) {
        if (explicitFile != null) {
            return Optional.of(requireReadable(explicitFile, "the given config file"));
        }
        String fromEnv = env.get(CONFIG_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(requireReadable(Path.of(fromEnv.trim()), "environment variable " + CONFIG_ENV));
        }
        return searchPath(env, workingDir).stream().filter(Files::isRegularFile).findFirst();
    }

    /** The files looked for, in order, when no file is named. */
    public static List<Path> searchPath(Map<String, String> env, Path workingDir) {
        List<Path> paths = new ArrayList<>();
        for (String ext : EXTENSIONS) {
            paths.add(workingDir.resolve("debabelizer." + ext));
        }
        Path userDir = userConfigDir(env);
        if (userDir != null) {
            for (String ext : EXTENSIONS) {
                paths.add(userDir.resolve("config." + ext));
            }
        }
        return paths;
    }

    private static Path userConfigDir(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg.trim(), "debabelizer");
        }
        String home = env.get("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return home == null || home.isBlank() ? null : Path.of(home, ".config", "debabelizer");
    }

    private static Path requireReadable(Path file, String origin) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("config file " + file + " (from " + origin + ") does not exist");
        }
        return file;
    }

    // ---- files ----------------------------------------------------------------------------------------------

    private static ObjectMapper mapperFor(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return switch (ext) {
            case "toml" -> new TomlMapper();
            case "yaml", "yml" -> new YAMLMapper();
            case "json" -> new JsonMapper();
            default -> throw new ConfigurationException("config file " + file
                    + " must end in .toml, .yaml, .yml or .json to say its format");
        };
    }

    private static void readFile(Path file, Map<String, ProviderDescriptor> known, DebabelizerConfig.Builder b,
                                 Set<String> fileSections) {
        ObjectMapper mapper = mapperFor(file);
        JsonNode root;
        try {
            root = mapper.readTree(file);
        } catch (JacksonException e) {
            throw new ConfigurationException("config file " + file + " is malformed: " + e.getOriginalMessage()
                    + location(e));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            log.debug("config file {} is empty", file);
            return;
        }
        if (!root.isObject()) {
            throw new ConfigurationException("config file " + file + " must hold a table of keys at the top level");
        }
        String source = "file " + file;
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String key = e.getKey();
            if (key.equals("providers")) {
                readProviders(file, e.getValue(), known, b, fileSections);
                continue;
            }
            Setting setting = Setting.byKey(key).orElseThrow(() -> new ConfigurationException("unknown key '" + key
                    + "' in config file " + file + " (known keys: " + Setting.knownKeys() + ")"));
            String raw = scalar(file, key, e.getValue());
            if (raw != null) {
                b.set(setting, setting.parse(raw, source), source);
            }
        }
        log.debug("read configuration from {}", file);
    }

    private static void readProviders(Path file, JsonNode node, Map<String, ProviderDescriptor> known,
                                      DebabelizerConfig.Builder b, Set<String> fileSections) {
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new ConfigurationException("key 'providers' in config file " + file
                    + " must be a table with one section per provider");
        }
        String source = "file " + file;
        for (Map.Entry<String, JsonNode> p : node.properties()) {
            String name;
            try {
                name = Setting.providerName(p.getKey());
            } catch (IllegalArgumentException ex) {
                throw new ConfigurationException("section 'providers." + p.getKey() + "' in config file " + file
                        + ": " + ex.getMessage());
            }
            JsonNode section = p.getValue();
            if (section.isNull()) {
                continue;
            }
            if (!section.isObject()) {
                throw new ConfigurationException("key 'providers." + p.getKey() + "' in config file " + file
                        + " must be a table of settings");
            }
            fileSections.add(name);
            b.providerSection(name);
            ProviderDescriptor d = known.get(name);
            for (Map.Entry<String, JsonNode> kv : section.properties()) {
                String key = kv.getKey();
                String path = "providers." + name + "." + key;
                if (d != null && d.configKeys().stream().noneMatch(k -> k.name().equals(key))) {
                    throw new ConfigurationException("unknown key '" + path + "' in config file " + file
                            + " (" + name + " knows: " + d.configKeys().stream().map(ConfigKey::name)
                            .collect(Collectors.joining(", ")) + ")");
                }
                if (!key.matches("[a-z][a-z0-9_]*")) {
                    throw new ConfigurationException("key '" + path + "' in config file " + file
                            + " must be lower_snake_case");
                }
                String raw = scalar(file, path, kv.getValue());
                if (raw != null) {
                    b.providerValue(name, key, raw, source);
                }
            }
        }
    }

    /** A scalar as text; null for an explicit null (YAML {@code key:}), which leaves the key unset. */
    private static String scalar(Path file, String key, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new ConfigurationException("key '" + key + "' in config file " + file
                    + " must be a single value, not a " + (value.isArray() ? "list" : "table"));
        }
        return value.asString();
    }

    private static String location(JacksonException e) {
        var loc = e.getLocation();
        return loc == null || loc.getLineNr() <= 0 ? "" : " (line " + loc.getLineNr() + ", column "
                + loc.getColumnNr() + ")";
    }

    // ---- environment ----------------------------------------------------------------------------------------

    private static void applyEnvironment(Map<String, String> env, Map<String, ProviderDescriptor> known,
                                         Set<String> fileSections, DebabelizerConfig.Builder b) {
        Map<String, String> vars = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k != null && v != null && !v.isBlank()) {
                vars.put(k, v);
            }
        });
        Set<String> providerVars = new TreeSet<>();
        for (ProviderDescriptor d : known.values()) {
            d.configKeys().forEach(key -> providerVars.add(key.envVarFor(d.name())));
        }
        for (Map.Entry<String, String> e : vars.entrySet()) {
            String name = e.getKey();
            // a provider may own a DEBABELIZER_ variable (e.g. whisper's DEBABELIZER_MODELS_DIR); it is read below
            if (!name.startsWith(Setting.ENV_PREFIX) || name.equals(CONFIG_ENV) || providerVars.contains(name)) {
                continue;
            }
            Optional<Setting> setting = Setting.byEnvVar(name);
            if (setting.isEmpty()) {
                log.warn("ignoring unknown environment variable {} (known: {}, {})", name, CONFIG_ENV,
                        java.util.Arrays.stream(Setting.values()).map(Setting::envVar)
                                .collect(Collectors.joining(", ")));
                continue;
            }
            String source = "environment variable " + name;
            b.set(setting.get(), setting.get().parse(e.getValue(), source), source);
        }

        Set<String> genericProviders = new TreeSet<>(fileSections);
        for (ProviderDescriptor d : known.values()) {
            if (d.configKeys().isEmpty()) {
                genericProviders.add(d.name());
                continue;
            }
            genericProviders.remove(d.name());
            for (ConfigKey key : d.configKeys()) {
                String var = key.envVarFor(d.name());
                String value = vars.get(var);
                if (value != null) {
                    b.providerValue(d.name(), key.name(), value, "environment variable " + var);
                }
            }
        }
        for (String provider : genericProviders) {
            String prefix = provider.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
            for (Map.Entry<String, String> e : vars.entrySet()) {
                if (e.getKey().startsWith(prefix) && e.getKey().length() > prefix.length()) {
                    String key = e.getKey().substring(prefix.length()).toLowerCase(Locale.ROOT);
                    if (key.matches("[a-z][a-z0-9_]*")) {
                        b.providerValue(provider, key, e.getValue(), "environment variable " + e.getKey());
                    }
                }
            }
        }
    }

    /** Descriptors of the factories ServiceLoader finds; broken ones are skipped (the registry reports them). */
    static List<ProviderDescriptor> discoveredDescriptors() {
        Map<String, ProviderDescriptor> found = new LinkedHashMap<>();
        var it = ServiceLoader.load(ProviderFactory.class).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                ProviderDescriptor d = it.next().descriptor();
                found.putIfAbsent(d.name(), d);
            } catch (ServiceConfigurationError | RuntimeException e) {
                log.debug("skipping a provider factory that failed to load: {}", e.toString());
            }
        }
        return List.copyOf(found.values());
    }
}
