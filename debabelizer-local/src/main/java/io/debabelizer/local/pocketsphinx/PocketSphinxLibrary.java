package io.debabelizer.local.pocketsphinx;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.debabelizer.local.NativeLibraries;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * The FFM binding to Debian's PocketSphinx 5prealpha ({@code libpocketsphinx.so.3}) and SphinxBase
 * ({@code libsphinxbase.so.3}): one {@link MethodHandle} per C function used, nothing else. Loaded once per JVM;
 * {@link #load()} is empty when the library is not installed.
 */
@SuppressWarnings("restricted") // native access is the point of this class; the JVM runs with --enable-native-access
public final class PocketSphinxLibrary {

    static final List<String> POCKETSPHINX_NAMES = List.of("libpocketsphinx.so.3", "libpocketsphinx.so");
    static final List<String> SPHINXBASE_NAMES = List.of("libsphinxbase.so.3", "libsphinxbase.so");
    static final String NOT_INSTALLED =
            "libpocketsphinx3 not installed (apt-get install libpocketsphinx3 pocketsphinx-en-us)";

    private static final Loaded LOADED = loadOnce();

    private record Loaded(PocketSphinxLibrary library, String problem) {
    }

    // arg_t const *ps_args(void)
    final MethodHandle psArgs;
    // cmd_ln_t *cmd_ln_parse_r(cmd_ln_t *inout, arg_t const *defn, int32 argc, char *argv[], int32 strict)
    final MethodHandle cmdLnParseR;
    // int cmd_ln_free_r(cmd_ln_t *cmdln)
    final MethodHandle cmdLnFreeR;
    // void err_set_logfp(FILE *stream): NULL disables SphinxBase logging altogether
    final MethodHandle errSetLogfp;
    // ps_decoder_t *ps_init(cmd_ln_t *config)
    final MethodHandle psInit;
    // int ps_free(ps_decoder_t *ps)
    final MethodHandle psFree;
    // int ps_start_stream(ps_decoder_t *ps): resets channel statistics such as the noise level estimate
    final MethodHandle psStartStream;
    // int ps_start_utt(ps_decoder_t *ps)
    final MethodHandle psStartUtt;
    // int ps_process_raw(ps_decoder_t *ps, int16 const *data, size_t n_samples, int no_search, int full_utt)
    final MethodHandle psProcessRaw;
    // int ps_end_utt(ps_decoder_t *ps)
    final MethodHandle psEndUtt;
    // char const *ps_get_hyp(ps_decoder_t *ps, int32 *out_best_score)
    final MethodHandle psGetHyp;
    // logmath_t *ps_get_logmath(ps_decoder_t *ps)
    final MethodHandle psGetLogmath;
    // double logmath_exp(logmath_t *lmath, int logb_p)
    final MethodHandle logmathExp;
    // ps_seg_t *ps_seg_iter(ps_decoder_t *ps). Older releases took a second int32 *out_best_score; we pass a
    // scratch pointer as well, which the 5prealpha signature ignores (extra register argument), so both work.
    final MethodHandle psSegIter;
    // ps_seg_t *ps_seg_next(ps_seg_t *seg): frees the iterator and returns NULL at the end
    final MethodHandle psSegNext;
    // char const *ps_seg_word(ps_seg_t *seg)
    final MethodHandle psSegWord;
    // void ps_seg_frames(ps_seg_t *seg, int *out_sf, int *out_ef)
    final MethodHandle psSegFrames;
    // int32 ps_seg_prob(ps_seg_t *seg, int32 *out_ascr, int32 *out_lscr, int32 *out_lback)
    final MethodHandle psSegProb;
    // void ps_seg_free(ps_seg_t *seg)
    final MethodHandle psSegFree;

    private PocketSphinxLibrary(SymbolLookup lookup) {
        Linker linker = Linker.nativeLinker();
        Binder b = new Binder(linker, lookup);
        psArgs = b.bind("ps_args", FunctionDescriptor.of(ADDRESS));
        cmdLnParseR = b.bind("cmd_ln_parse_r",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
        cmdLnFreeR = b.bind("cmd_ln_free_r", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        errSetLogfp = b.bind("err_set_logfp", FunctionDescriptor.ofVoid(ADDRESS));
        psInit = b.bind("ps_init", FunctionDescriptor.of(ADDRESS, ADDRESS));
        psFree = b.bind("ps_free", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        psStartStream = b.bind("ps_start_stream", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        psStartUtt = b.bind("ps_start_utt", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        psProcessRaw = b.bind("ps_process_raw",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT));
        psEndUtt = b.bind("ps_end_utt", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        psGetHyp = b.bind("ps_get_hyp", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        psGetLogmath = b.bind("ps_get_logmath", FunctionDescriptor.of(ADDRESS, ADDRESS));
        logmathExp = b.bind("logmath_exp", FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS, JAVA_INT));
        psSegIter = b.bind("ps_seg_iter", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        psSegNext = b.bind("ps_seg_next", FunctionDescriptor.of(ADDRESS, ADDRESS));
        psSegWord = b.bind("ps_seg_word", FunctionDescriptor.of(ADDRESS, ADDRESS));
        psSegFrames = b.bind("ps_seg_frames", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        psSegProb = b.bind("ps_seg_prob", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        psSegFree = b.bind("ps_seg_free", FunctionDescriptor.ofVoid(ADDRESS));
    }

    /** The library, or empty when it is not installed (see {@link #problem()}). */
    public static Optional<PocketSphinxLibrary> load() {
        return Optional.ofNullable(LOADED.library());
    }

    /** Why the library could not be loaded, or null when it was. */
    public static String problem() {
        return LOADED.problem();
    }

    private static Loaded loadOnce() {
        Optional<SymbolLookup> pocketsphinx = NativeLibraries.find(POCKETSPHINX_NAMES);
        if (pocketsphinx.isEmpty()) {
            return new Loaded(null, NOT_INSTALLED);
        }
        // libpocketsphinx pulls in libsphinxbase; dlsym on its handle would find cmd_ln_* through the dependency,
        // but asking the base library explicitly does not depend on that.
        SymbolLookup lookup = NativeLibraries.find(SPHINXBASE_NAMES).map(pocketsphinx.get()::or)
                .orElse(pocketsphinx.get());
        try {
            PocketSphinxLibrary lib = new PocketSphinxLibrary(lookup);
            lib.silenceLog();
            return new Loaded(lib, null);
        } catch (IllegalStateException e) {
            return new Loaded(null, "libpocketsphinx3 is not the expected version: " + e.getMessage());
        }
    }

    private void silenceLog() {
        try {
            errSetLogfp.invokeExact(MemorySegment.NULL);
        } catch (Throwable t) {
            throw new IllegalStateException("err_set_logfp failed", t);
        }
    }

    /** Looks up symbols and fails with the missing name, so a wrong library version is reported clearly. */
    private record Binder(Linker linker, SymbolLookup lookup) {
        MethodHandle bind(String name, FunctionDescriptor descriptor) {
            MemorySegment address = lookup.find(name)
                    .orElseThrow(() -> new IllegalStateException("symbol " + name + " not found"));
            return linker.downcallHandle(address, descriptor);
        }
    }
}
