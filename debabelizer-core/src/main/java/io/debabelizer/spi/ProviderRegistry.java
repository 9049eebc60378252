package io.debabelizer.spi;

import io.debabelizer.ConfigurationException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.UnsupportedCapabilityException;
import io.debabelizer.config.DebabelizerConfig;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.tts.TtsProvider;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers a processor knows: their factories, whether each can be used (and if not, why), and the STT/TTS
 * instances created from them. Instances are created lazily, at most once per provider and side, and closed with
 * the registry. Thread-safe.
 *
 * <p>Factories come from {@link ServiceLoader} ({@link #discoverFactories()}) or a given list. A factory whose
 * descriptor cannot be read is skipped with a warning; a second factory with the same name as an earlier one is
 * ignored with a warning (the first on the class path wins). An availability check that throws reports the provider
 * as unavailable with the exception's message instead of failing.
 */
public final class ProviderRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);

    private final Map<String, ProviderFactory> factories;
    private final DebabelizerConfig config;
    private final Supplier<HttpClient> httpClient;
    private final Map<String, Availability> availability = new ConcurrentHashMap<>();
    private final Map<String, SttProvider> sttProviders = new LinkedHashMap<>();
    private final Map<String, TtsProvider> ttsProviders = new LinkedHashMap<>();
    private final Object lock = new Object();
    private boolean closed;

    /**
     * @param factories  the providers, in discovery order
     * @param config     the effective configuration; each provider gets its section
     * @param httpClient gives the shared HTTP client, asked for only when a provider is created
     */
    public ProviderRegistry(List<ProviderFactory> factories, DebabelizerConfig config,
                            Supplier<HttpClient> httpClient) {
        this.config = Objects.requireNonNull(config, "config");
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        Map<String, ProviderFactory> byName = new LinkedHashMap<>();
        for (ProviderFactory f : factories) {
            ProviderDescriptor d;
            try {
                d = f.descriptor();
            } catch (RuntimeException e) {
                log.warn("skipping provider factory {}: its descriptor failed: {}", f.getClass().getName(),
                        e.toString());
                continue;
            }
            if (byName.putIfAbsent(d.name(), f) != null) {
                log.warn("ignoring a second provider named {} ({}); using {}", d.name(), f.getClass().getName(),
                        byName.get(d.name()).getClass().getName());
            }
        }
        this.factories = java.util.Collections.unmodifiableMap(byName);
    }

    /** Every {@link ProviderFactory} that {@link ServiceLoader} finds; ones that fail to load are skipped. */
    public static List<ProviderFactory> discoverFactories() {
        List<ProviderFactory> found = new ArrayList<>();
        var it = ServiceLoader.load(ProviderFactory.class).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                log.warn("skipping a provider factory that failed to load: {}", e.getMessage());
            }
        }
        return found;
    }

    /** Every provider with its availability, in discovery order. */
    public List<ProviderStatus> statuses() {
        List<ProviderStatus> out = new ArrayList<>();
        factories.forEach((name, f) -> out.add(new ProviderStatus(f.descriptor(), availability(name))));
        return out;
    }

    /** The status of one provider. */
    public ProviderStatus status(String name) {
        ProviderFactory f = factory(name);
        return new ProviderStatus(f.descriptor(), availability(f.descriptor().name()));
    }

    /** Whether a provider of this name is installed. */
    public boolean contains(String name) {
        return name != null && factories.containsKey(name.toLowerCase(java.util.Locale.ROOT));
    }

    public List<ProviderDescriptor> descriptors() {
        return factories.values().stream().map(ProviderFactory::descriptor).toList();
    }

    /** The STT side of {@code name}, created on first use. */
    public SttProvider stt(String name) {
        return create(name, Capability.STT, sttProviders, "speech-to-text", ProviderFactory::createStt);
    }

    /** The TTS side of {@code name}, created on first use. */
    public TtsProvider tts(String name) {
        return create(name, Capability.TTS, ttsProviders, "text-to-speech", ProviderFactory::createTts);
    }

    private <P> P create(String name, Capability capability, Map<String, P> cache, String what,
                         java.util.function.BiFunction<ProviderFactory, ProviderContext, P> creator) {
        ProviderFactory f = factory(name);
        String key = f.descriptor().name();
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the provider registry is closed");
            }
            P existing = cache.get(key);
            if (existing != null) {
                return existing;
            }
            if (!f.descriptor().supports(capability)) {
                throw new UnsupportedCapabilityException(key + " has no " + what, key);
            }
            Availability a = availability(key);
            if (!a.available()) {
                throw new ProviderUnavailableException(key + " is not available: " + a.reason(), key, null, null);
            }
            ProviderContext context = new ProviderContext(config.provider(key), httpClient.get(),
                    config.requestTimeout(), config.connectTimeout());
            P created = Objects.requireNonNull(creator.apply(f, context), () -> key + " created no " + what);
            log.debug("created {} provider {}", what, key);
            cache.put(key, created);
            return created;
        }
    }

    private ProviderFactory factory(String name) {
        ProviderFactory f = name == null ? null : factories.get(name.toLowerCase(java.util.Locale.ROOT));
        if (f == null) {
            throw new ConfigurationException("unknown provider '" + name + "'; installed: "
                    + (factories.isEmpty() ? "none" : String.join(", ", factories.keySet())));
        }
        return f;
    }

    private Availability availability(String name) {
        return availability.computeIfAbsent(name, n -> check(factories.get(n)));
    }

    private Availability check(ProviderFactory f) {
        String name = f.descriptor().name();
        try {
            Availability a = f.availability(config.provider(name));
            return a == null ? Availability.unavailable("availability check returned nothing") : a;
        } catch (RuntimeException | LinkageError e) {
            log.debug("availability check of {} threw", name, e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Availability.unavailable("availability check failed: " + message);
        }
    }

    /** Closes every provider created. Idempotent; failures are logged, not thrown. */
    @Override
    public void close() {
        java.util.Set<AutoCloseable> toClose = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            toClose.addAll(sttProviders.values()); // one object may serve both sides: close it once
            toClose.addAll(ttsProviders.values());
            sttProviders.clear();
            ttsProviders.clear();
        }
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing provider {} failed: {}", c, e.toString());
            }
        }
    }

}
