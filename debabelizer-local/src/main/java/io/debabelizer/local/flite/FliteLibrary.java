package io.debabelizer.local.flite;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.debabelizer.local.NativeLibraries;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The FFM binding to Flite ({@code libflite.so.1}) and its voice libraries: one {@link MethodHandle} per C function,
 * loaded once per JVM. {@link #load()} is empty when libflite1 is not installed.
 */
@SuppressWarnings("restricted") // native access is the point of this class; the JVM runs with --enable-native-access
public final class FliteLibrary {

    static final String NOT_INSTALLED = "libflite1 not installed (apt-get install libflite1)";
    private static final List<String> FLITE_NAMES = List.of("libflite.so.1", "libflite.so");
    private static final Loaded LOADED = loadOnce();

    private record Loaded(FliteLibrary library, String problem) {
    }

    private final Linker linker = Linker.nativeLinker();
    // cst_wave *flite_text_to_wave(const char *text, cst_voice *voice)
    final MethodHandle textToWave;
    // void delete_wave(cst_wave *w)
    final MethodHandle deleteWave;
    // void flite_feat_set_float(cst_features *f, const char *name, float v)
    final MethodHandle featSetFloat;
    /** register_cmu_us_*(const char *voxdir) for each voice whose library is installed. */
    private final Map<FliteVoiceInfo, MethodHandle> registerVoice = new EnumMap<>(FliteVoiceInfo.class);

    private FliteLibrary(SymbolLookup flite) throws Throwable {
        MethodHandle init = bind(flite, "flite_init", FunctionDescriptor.of(JAVA_INT));
        textToWave = bind(flite, "flite_text_to_wave", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        deleteWave = bind(flite, "delete_wave", FunctionDescriptor.ofVoid(ADDRESS));
        featSetFloat = bind(flite, "flite_feat_set_float", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_FLOAT));
        for (FliteVoiceInfo v : FliteVoiceInfo.values()) {
            NativeLibraries.find(v.libraryNames()).flatMap(l -> l.find(v.registerFunction()))
                    .ifPresent(address -> registerVoice.put(v,
                            linker.downcallHandle(address, FunctionDescriptor.of(ADDRESS, ADDRESS))));
        }
        int ignored = (int) init.invokeExact();
    }

    public static Optional<FliteLibrary> load() {
        return Optional.ofNullable(LOADED.library());
    }

    /** Why Flite could not be loaded, or null when it was. */
    public static String problem() {
        return LOADED.problem();
    }

    private static Loaded loadOnce() {
        Optional<SymbolLookup> flite = NativeLibraries.find(FLITE_NAMES);
        if (flite.isEmpty()) {
            return new Loaded(null, NOT_INSTALLED);
        }
        try {
            FliteLibrary lib = new FliteLibrary(flite.get());
            if (lib.registerVoice.isEmpty()) {
                return new Loaded(null, "libflite1 is installed but none of its voice libraries "
                        + "(libflite_cmu_us_*.so.1) could be loaded");
            }
            return new Loaded(lib, null);
        } catch (Throwable t) {
            return new Loaded(null, "libflite1 could not be initialised: " + t.getMessage());
        }
    }

    /** The voices whose libraries are installed. */
    List<FliteVoiceInfo> installedVoices() {
        return List.copyOf(registerVoice.keySet());
    }

    /** Creates the voice (a {@code cst_voice*} that lives as long as the JVM). */
    MemorySegment register(FliteVoiceInfo voice) throws Throwable {
        MethodHandle h = registerVoice.get(voice);
        if (h == null) {
            throw new IllegalArgumentException("voice library for " + voice.id + " is not installed");
        }
        return (MemorySegment) h.invokeExact(MemorySegment.NULL);
    }

    /**
     * A string that is never freed: Flite keeps the pointer of a feature's name instead of copying it, so names
     * handed to {@link #featSetFloat} must outlive every voice.
     */
    static MemorySegment permanentString(String s) {
        return Arena.global().allocateFrom(s);
    }

    private MethodHandle bind(SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        MemorySegment address = lookup.find(name)
                .orElseThrow(() -> new IllegalStateException("symbol " + name + " not found"));
        return linker.downcallHandle(address, descriptor);
    }
}
