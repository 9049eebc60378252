package io.debabelizer.config;

import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderDescriptor;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The effective configuration: every source merged into one immutable value. Built by {@link ConfigLoader} from
 * the environment and files, or by {@link #builder()} in code.
 *
 * <p><b>Precedence</b> (highest first): values set on a {@link Builder} &gt; environment variables &gt; the config
 * file &gt; built-in defaults. {@link ConfigLoader} applies file then environment over the defaults; to let code
 * override a loaded configuration, call {@code ConfigLoader.load().toBuilder()...build()}. Each value remembers
 * where it came from ({@link ProviderConfig#sourceOf}, {@link #sourceOf}), and {@link #toRedactedMap()} shows it.
 *
 * <p>Top-level keys and defaults: {@code stt_provider} (none), {@code tts_provider} (none), {@code auto_select}
 * (false), {@code optimize_for} (balanced), {@code session_idle_timeout} (5m), {@code request_timeout} (60s),
 * {@code connect_timeout} (10s). See {@code docs/configuration.md} for files and environment variables.
 */
public final class DebabelizerConfig {

    static final String SOURCE_DEFAULT = "default";
    static final String SOURCE_BUILDER = "builder";

    /** Keys redacted whatever the provider declares: anything that looks like a credential. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(key|token|secret|password).*");

    private record Value(Object value, String source) {
    }

    private final Map<Setting, Value> settings;
    private final Map<String, ProviderSection> providers;
    private final Map<String, Set<String>> declaredSecrets;

    private DebabelizerConfig(Builder b) {
        this.settings = new EnumMap<>(b.settings);
        Map<String, ProviderSection> sections = new TreeMap<>();
        b.providerValues.forEach((name, values) -> {
            Map<String, String> raw = new TreeMap<>();
            Map<String, String> sources = new TreeMap<>();
            values.forEach((k, v) -> {
                raw.put(k, (String) v.value());
                sources.put(k, v.source());
            });
            sections.put(name, new ProviderSection(name, raw, sources));
        });
        this.providers = java.util.Collections.unmodifiableMap(sections);
        Map<String, Set<String>> secrets = new TreeMap<>();
        b.declaredSecrets.forEach((k, v) -> secrets.put(k, Set.copyOf(v)));
        this.declaredSecrets = Map.copyOf(secrets);
    }

    /** A builder starting from the built-in defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** An empty configuration: no preferences, no keys, defaults everywhere. */
    public static DebabelizerConfig empty() {
        return builder().build();
    }

    /** A builder starting from this configuration; what it sets overrides (and is recorded as "builder"). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.settings.putAll(settings);
        providers.forEach((name, section) -> section.values().forEach((k, v) ->
                b.providerValue(name, k, v, section.sourceOf(k))));
        declaredSecrets.forEach((k, v) -> b.declaredSecrets.put(k, new TreeSet<>(v)));
        return b;
    }

    /** Preferred STT provider ({@code DEBABELIZER_STT_PROVIDER} / {@code stt_provider}). */
    public Optional<String> sttProvider() {
        return Optional.ofNullable((String) get(Setting.STT_PROVIDER));
    }

    /** Preferred TTS provider ({@code DEBABELIZER_TTS_PROVIDER} / {@code tts_provider}). */
    public Optional<String> ttsProvider() {
        return Optional.ofNullable((String) get(Setting.TTS_PROVIDER));
    }

    /** Whether auto-selection is on ({@code DEBABELIZER_AUTO_SELECT} / {@code auto_select}). */
    public boolean autoSelect() {
        return (Boolean) get(Setting.AUTO_SELECT);
    }

    /** Strategy for auto-selection ({@code DEBABELIZER_OPTIMIZE_FOR} / {@code optimize_for}). */
    public OptimizeFor optimizeFor() {
        return (OptimizeFor) get(Setting.OPTIMIZE_FOR);
    }

    /** Idle timeout after which live sessions are closed. */
    public Duration sessionIdleTimeout() {
        return (Duration) get(Setting.SESSION_IDLE_TIMEOUT);
    }

    public Duration requestTimeout() {
        return (Duration) get(Setting.REQUEST_TIMEOUT);
    }

    public Duration connectTimeout() {
        return (Duration) get(Setting.CONNECT_TIMEOUT);
    }

    /**
     * Where a top-level value came from: "default", "builder", "file /path/debabelizer.toml" or
     * "environment variable DEBABELIZER_...". {@code key} is the file key, e.g. {@code optimize_for}.
     */
    public String sourceOf(String key) {
        Setting s = Setting.byKey(key).orElseThrow(() -> new IllegalArgumentException("unknown key " + key));
        Value v = settings.get(s);
        return v == null ? SOURCE_DEFAULT : v.source();
    }

    /** One provider's section (empty section if nothing is configured for it). */
    public ProviderConfig provider(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        ProviderSection section = providers.get(key);
        return section != null ? section : new ProviderSection(key, Map.of(), Map.of());
    }

    /** Names of the providers that have a section (from any source), sorted. */
    public Set<String> configuredProviders() {
        return providers.keySet();
    }

    /**
     * Every setting with secrets redacted and the source of each value, for printing. Shape:
     * {@code {stt_provider: {value, source}, ..., providers: {deepgram: {api_key: {value: "****abcd", source}}}}};
     * an unset value is {@code null}. Secrets are keys a provider declares {@link ConfigKey#secret()} plus any key
     * whose name contains key, token, secret or password.
     */
    public Map<String, Object> toRedactedMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Setting s : Setting.values()) {
            Object v = get(s);
            out.put(s.key(), entry(v == null ? null : display(v), sourceOf(s.key())));
        }
        Map<String, Object> sections = new LinkedHashMap<>();
        providers.forEach((name, section) -> {
            Map<String, Object> keys = new LinkedHashMap<>();
            section.values().forEach((k, v) -> keys.put(k, entry(isSecret(name, k) ? Secret.of(v).redacted() : v,
                    section.sourceOf(k))));
            sections.put(name, keys);
        });
        out.put("providers", sections);
        return out;
    }

    /** Whether {@code key} of {@code provider} holds a credential and must never be shown. */
    public boolean isSecret(String provider, String key) {
        return declaredSecrets.getOrDefault(provider, Set.of()).contains(key)
                || SECRET_NAME.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    private static Map<String, Object> entry(Object value, String source) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("value", value);
        e.put("source", source);
        return e;
    }

    private static Object display(Object v) {
        if (v instanceof OptimizeFor o) {
            return o.id();
        }
        if (v instanceof Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
        }
        return v;
    }

    private Object get(Setting s) {
        Value v = settings.get(s);
        return v == null ? s.defaultValue() : v.value();
    }

    @Override
    public String toString() {
        return "DebabelizerConfig" + toRedactedMap();
    }

    /**
     * Builds a configuration. Values set here have the highest precedence and are recorded with source "builder".
     */
    public static final class Builder {
        private final Map<Setting, Value> settings = new EnumMap<>(Setting.class);
        private final Map<String, Map<String, Value>> providerValues = new TreeMap<>();
        private final Map<String, Set<String>> declaredSecrets = new TreeMap<>();

        private Builder() {
        }

        public Builder sttProvider(String name) {
            return set(Setting.STT_PROVIDER, name == null ? null : Setting.STT_PROVIDER.parse(name, SOURCE_BUILDER));
        }

        public Builder ttsProvider(String name) {
            return set(Setting.TTS_PROVIDER, name == null ? null : Setting.TTS_PROVIDER.parse(name, SOURCE_BUILDER));
        }

        public Builder autoSelect(boolean on) {
            return set(Setting.AUTO_SELECT, on);
        }

        public Builder optimizeFor(OptimizeFor strategy) {
            return set(Setting.OPTIMIZE_FOR, Objects.requireNonNull(strategy, "strategy"));
        }

        public Builder sessionIdleTimeout(Duration timeout) {
            return set(Setting.SESSION_IDLE_TIMEOUT, positive(timeout, "sessionIdleTimeout"));
        }

        public Builder requestTimeout(Duration timeout) {
            return set(Setting.REQUEST_TIMEOUT, positive(timeout, "requestTimeout"));
        }

        public Builder connectTimeout(Duration timeout) {
            return set(Setting.CONNECT_TIMEOUT, positive(timeout, "connectTimeout"));
        }

        /** Sets {@code providers.<provider>.<key>}. */
        public Builder providerSetting(String provider, String key, String value) {
            Objects.requireNonNull(value, "value");
            String name = (String) Setting.providerName(Objects.requireNonNull(provider, "provider"));
            if (!key.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("config key must be lower_snake_case: " + key);
            }
            return providerValue(name, key, value, SOURCE_BUILDER);
        }

        /** Records which keys these providers declare secret, so they are redacted even if not named like one. */
        public Builder knownProviders(Collection<ProviderDescriptor> descriptors) {
            for (ProviderDescriptor d : descriptors) {
                for (ConfigKey k : d.configKeys()) {
                    if (k.secret()) {
                        declaredSecrets.computeIfAbsent(d.name(), n -> new TreeSet<>()).add(k.name());
                    }
                }
            }
            return this;
        }

        public DebabelizerConfig build() {
            return new DebabelizerConfig(this);
        }

        private Builder set(Setting s, Object value) {
            return set(s, value, SOURCE_BUILDER);
        }

        /** Used by the loader to apply a layer; {@code value} is already parsed. */
        Builder set(Setting s, Object value, String source) {
            if (value == null) {
                settings.remove(s);
            } else {
                settings.put(s, new Value(value, source));
            }
            return this;
        }

        Builder providerValue(String provider, String key, String value, String source) {
            providerValues.computeIfAbsent(provider, p -> new TreeMap<>()).put(key, new Value(value, source));
            return this;
        }

        /** Makes a provider's section exist even when empty (e.g. {@code [providers.x]} with no keys). */
        Builder providerSection(String provider) {
            providerValues.computeIfAbsent(provider, p -> new TreeMap<>());
            return this;
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be longer than zero");
            }
            return d;
        }
    }
}
