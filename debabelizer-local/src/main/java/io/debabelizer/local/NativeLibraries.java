package io.debabelizer.local;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.List;
import java.util.Optional;

/** Finds a system shared library by trying its names in order (versioned soname first, then the dev symlink). */
@SuppressWarnings("restricted") // native access is the point of this class; the JVM runs with --enable-native-access
public final class NativeLibraries {

    private NativeLibraries() {
    }

    /**
     * The first of {@code names} the dynamic loader can open, kept open for the JVM's lifetime (engines are loaded
     * once and reused, so there is nothing to gain from unloading them).
     */
    public static Optional<SymbolLookup> find(List<String> names) {
        for (String name : names) {
            try {
                return Optional.of(SymbolLookup.libraryLookup(name, Arena.global()));
            } catch (IllegalArgumentException notFound) {
                // try the next name
            }
        }
        return Optional.empty();
    }
}
