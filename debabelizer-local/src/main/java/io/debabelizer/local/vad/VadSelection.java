package io.debabelizer.local.vad;

import io.debabelizer.ConfigurationException;
import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which voice-activity detector a local provider's live streams use, from its {@code vad} and {@code vad_model}
 * keys: {@code energy} (default, pure Java), {@code silero} (the ONNX model at {@code vad_model}; a missing,
 * unreadable or unloadable model is a {@link ConfigurationException}) or {@code auto} (Silero when {@code vad_model}
 * names a readable file that loads, energy otherwise). Nothing is checked or loaded until the first stream opens,
 * so batch transcription never depends on these keys. The provider owns this object: it keeps the Silero model
 * loaded between streams and gives it back on {@link #close()}.
 */
public final class VadSelection implements AutoCloseable {

    public static final String VAD_KEY = "vad";
    public static final String MODEL_KEY = "vad_model";

    /** The keys, for a provider descriptor's {@code configKeys}. */
    public static final ConfigKey VAD_CONFIG_KEY = ConfigKey.of(VAD_KEY, "voice-activity detector for live streams: "
            + "energy (default), silero (needs " + MODEL_KEY + ") or auto (silero when " + MODEL_KEY
            + " is a readable file, energy otherwise)");
    public static final ConfigKey MODEL_CONFIG_KEY = ConfigKey.of(MODEL_KEY,
            "path to a Silero VAD v5 ONNX model (silero_vad.onnx), for vad = silero or auto");

    private static final Logger log = LoggerFactory.getLogger(VadSelection.class);

    private final ProviderConfig config;
    private SileroModel model; // the provider's share, loaded by the first Silero stream; guarded by this
    private boolean closed; // guarded by this

    private VadSelection(ProviderConfig config) {
        this.config = config;
    }

    /** The energy detector, whatever is configured. */
    public static VadSelection energy() {
        return new VadSelection(null);
    }

    public static VadSelection from(ProviderConfig config) {
        return new VadSelection(config);
    }

    /**
     * A new detector for one stream; the caller closes it.
     *
     * @throws ConfigurationException naming the key and the path when the configured detector cannot be had
     */
    public synchronized VoiceActivityDetector open(VadSettings settings, int sampleRate) {
        if (closed) {
            throw new IllegalStateException("provider closed");
        }
        String kind = config == null ? "energy"
                : config.string(VAD_KEY).orElse("energy").toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "energy" -> new EnergyVad(settings, sampleRate);
            case "silero" -> new SileroVad(silero(requiredModelPath()), settings, sampleRate);
            case "auto" -> auto(settings, sampleRate);
            default -> throw config.invalid(VAD_KEY, "'" + kind + "' is not a detector (energy, silero or auto)");
        };
    }

    /** Gives back the loaded model, if any; streams still open keep their own share until they end. */
    @Override
    public synchronized void close() {
        closed = true;
        if (model != null) {
            model.release();
            model = null;
        }
    }

    private VoiceActivityDetector auto(VadSettings settings, int sampleRate) {
        Path path = config.string(MODEL_KEY).map(VadSelection::expand).orElse(null);
        if (path == null || !readable(path)) {
            log.debug("{}: energy VAD ({} {})", config.provider(), MODEL_KEY,
                    path == null ? "not set" : path + " is not a readable file");
            return new EnergyVad(settings, sampleRate);
        }
        try {
            SileroVad vad = new SileroVad(silero(path), settings, sampleRate);
            log.debug("{}: Silero VAD from {}", config.provider(), path);
            return vad;
        } catch (ConfigurationException e) {
            log.warn("{}: energy VAD, {}", config.provider(), e.getMessage());
            return new EnergyVad(settings, sampleRate);
        }
    }

    private Path requiredModelPath() {
        Path path = config.string(MODEL_KEY).map(VadSelection::expand).orElseThrow(() -> config.invalid(VAD_KEY,
                "silero needs " + config.provider() + "." + MODEL_KEY + ", the path to a Silero VAD v5 ONNX file "
                        + "(silero_vad.onnx)"));
        if (!readable(path)) {
            throw config.invalid(MODEL_KEY, "'" + path + "' is not a readable file (needed by "
                    + config.provider() + "." + VAD_KEY + " = silero)");
        }
        return path;
    }

    private SileroModel silero(Path path) {
        if (model != null && model.path().equals(realPath(path))) {
            return model;
        }
        try {
            SileroModel loaded = SileroModel.acquire(path);
            if (model != null) {
                model.release();
            }
            model = loaded;
            return loaded;
        } catch (ConfigurationException e) {
            throw new ConfigurationException("invalid value for " + config.provider() + "." + MODEL_KEY + " (from "
                    + config.sourceOf(MODEL_KEY) + "): '" + path + "': " + e.getMessage(), config.provider(), null,
                    e);
        }
    }

    private static boolean readable(Path path) {
        return Files.isRegularFile(path) && Files.isReadable(path);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** A leading {@code ~/} is the user's home, as in shells (configuration files are often written that way). */
    private static Path expand(String value) {
        return value.startsWith("~/") ? Path.of(System.getProperty("user.home"), value.substring(2)) : Path.of(value);
    }
}
