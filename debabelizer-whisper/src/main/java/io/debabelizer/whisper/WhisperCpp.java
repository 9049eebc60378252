package io.debabelizer.whisper;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * whisper.cpp's C API through the FFM API, over the {@code libwhisper} that whisper-jni extracted and loaded.
 *
 * <p>whisper-jni's own JNI layer has no way to ask for token-level timestamps or token data, which is what word
 * times, word confidences and the detected language come from; so transcription goes through these calls, and
 * whisper-jni remains the carrier of the native libraries for each platform. Layouts are those of whisper.cpp 1.7
 * (the version whisper-jni 1.7.1 bundles); {@link FullParams} checks them against the library's own defaults.
 */
final class WhisperCpp {

    /** {@code whisper_token_data}: what the decoder knows of one token. */
    static final StructLayout TOKEN_DATA = MemoryLayout.structLayout(
            JAVA_INT.withName("id"), JAVA_INT.withName("tid"),
            JAVA_FLOAT.withName("p"), JAVA_FLOAT.withName("plog"),
            JAVA_FLOAT.withName("pt"), JAVA_FLOAT.withName("ptsum"),
            JAVA_LONG.withName("t0"), JAVA_LONG.withName("t1"), JAVA_LONG.withName("t_dtw"),
            JAVA_FLOAT.withName("vlen"), MemoryLayout.paddingLayout(4));

    private static final Linker LINKER = Linker.nativeLinker();

    private final MethodHandle initFromFileNoState;
    private final MethodHandle free;
    private final MethodHandle initState;
    private final MethodHandle freeState;
    private final MethodHandle isMultilingual;
    private final MethodHandle tokenEot;
    private final MethodHandle defaultParamsByRef;
    private final MethodHandle freeParams;
    private final MethodHandle fullWithState;
    private final MethodHandle nSegments;
    private final MethodHandle segmentT0;
    private final MethodHandle segmentT1;
    private final MethodHandle segmentText;
    private final MethodHandle nTokens;
    private final MethodHandle tokenData;
    private final MethodHandle tokenText;
    private final MethodHandle langId;
    private final MethodHandle langStr;
    private final MethodHandle logSet;

    private WhisperCpp(SymbolLookup lib) {
        initFromFileNoState = handle(lib, "whisper_init_from_file_no_state", FunctionDescriptor.of(ADDRESS, ADDRESS));
        free = handle(lib, "whisper_free", FunctionDescriptor.ofVoid(ADDRESS));
        initState = handle(lib, "whisper_init_state", FunctionDescriptor.of(ADDRESS, ADDRESS));
        freeState = handle(lib, "whisper_free_state", FunctionDescriptor.ofVoid(ADDRESS));
        isMultilingual = handle(lib, "whisper_is_multilingual", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        tokenEot = handle(lib, "whisper_token_eot", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        defaultParamsByRef = handle(lib, "whisper_full_default_params_by_ref",
                FunctionDescriptor.of(ADDRESS, JAVA_INT));
        freeParams = handle(lib, "whisper_free_params", FunctionDescriptor.ofVoid(ADDRESS));
        fullWithState = handle(lib, "whisper_full_with_state",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, FullParams.LAYOUT, ADDRESS, JAVA_INT));
        nSegments = handle(lib, "whisper_full_n_segments_from_state", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        segmentT0 = handle(lib, "whisper_full_get_segment_t0_from_state",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT));
        segmentT1 = handle(lib, "whisper_full_get_segment_t1_from_state",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT));
        segmentText = handle(lib, "whisper_full_get_segment_text_from_state",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        nTokens = handle(lib, "whisper_full_n_tokens_from_state", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        tokenData = handle(lib, "whisper_full_get_token_data_from_state",
                FunctionDescriptor.of(TOKEN_DATA, ADDRESS, JAVA_INT, JAVA_INT));
        tokenText = handle(lib, "whisper_full_get_token_text_from_state",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
        langId = handle(lib, "whisper_full_lang_id_from_state", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        langStr = handle(lib, "whisper_lang_str", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        logSet = handle(lib, "whisper_log_set", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
    }

    /**
     * Sends whisper.cpp's (and ggml's) log lines to {@code sink} instead of stderr, from whichever thread logs. This
     * replaces whisper-jni's JNI logger, which must not be called from threads that entered through FFM.
     */
    void logTo(java.util.function.Consumer<String> sink) {
        try {
            MethodHandle target = MethodHandles.insertArguments(MethodHandles.lookup().findStatic(WhisperCpp.class,
                    "onLog", MethodType.methodType(void.class, java.util.function.Consumer.class, int.class,
                            MemorySegment.class, MemorySegment.class)), 0, sink);
            MemorySegment callback = LINKER.upcallStub(target,
                    FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS, ADDRESS), Arena.global());
            logSet.invokeExact(callback, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void onLog(java.util.function.Consumer<String> sink, int level, MemorySegment text,
                              MemorySegment userData) {
        try {
            sink.accept(utf8(text));
        } catch (RuntimeException e) {
            // an exception must not unwind into native code (the JVM would abort); the line is lost
        }
    }

    /** Binds the functions of the library at {@code file} (already loaded: this only looks its symbols up). */
    static WhisperCpp bind(Path file) {
        return new WhisperCpp(SymbolLookup.libraryLookup(file, Arena.global()));
    }

    private static MethodHandle handle(SymbolLookup lib, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lib.find(name).orElseThrow(
                () -> new UnsatisfiedLinkError("whisper.cpp library has no " + name));
        return LINKER.downcallHandle(symbol, descriptor);
    }

    /** Loads a model without a decoding state; {@link MemorySegment#NULL} when whisper.cpp cannot load it. */
    MemorySegment loadModel(Path file) {
        try (Arena arena = Arena.ofConfined()) {
            return (MemorySegment) initFromFileNoState.invokeExact(arena.allocateFrom(file.toString()));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void freeModel(MemorySegment ctx) {
        run(() -> {
            free.invokeExact(ctx); // a statement: invokeExact must see the void return type
        });
    }

    /** A new decoding state (hundreds of MB of buffers); {@link MemorySegment#NULL} when it cannot be allocated. */
    MemorySegment newState(MemorySegment ctx) {
        return call(() -> (MemorySegment) initState.invokeExact(ctx));
    }

    void freeState(MemorySegment state) {
        run(() -> {
            freeState.invokeExact(state); // a statement: invokeExact must see the void return type
        });
    }

    boolean isMultilingual(MemorySegment ctx) {
        return call(() -> (int) isMultilingual.invokeExact(ctx) != 0);
    }

    /** Token ids at or above end-of-text are special (timestamps, language, task): no text of the speech. */
    int endOfTextToken(MemorySegment ctx) {
        return call(() -> (int) tokenEot.invokeExact(ctx));
    }

    /** whisper.cpp's defaults for a sampling strategy (0 greedy, 1 beam search), copied into {@code arena}. */
    MemorySegment defaultParams(int strategy, Arena arena) {
        try {
            MemorySegment byRef = (MemorySegment) defaultParamsByRef.invokeExact(strategy);
            try {
                return arena.allocate(FullParams.LAYOUT).copyFrom(byRef.reinterpret(FullParams.LAYOUT.byteSize()));
            } finally {
                freeParams.invokeExact(byRef);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Runs the whole pipeline (log-mel, encoder, decoder) on 16 kHz mono samples; 0 on success. */
    int full(MemorySegment ctx, MemorySegment state, MemorySegment params, MemorySegment samples, int count) {
        return call(() -> (int) fullWithState.invokeExact(ctx, state, params, samples, count));
    }

    int segments(MemorySegment state) {
        return call(() -> (int) nSegments.invokeExact(state));
    }

    /** Segment start in centiseconds from the start of the audio. */
    long segmentStart(MemorySegment state, int segment) {
        return call(() -> (long) segmentT0.invokeExact(state, segment));
    }

    long segmentEnd(MemorySegment state, int segment) {
        return call(() -> (long) segmentT1.invokeExact(state, segment));
    }

    String segmentText(MemorySegment state, int segment) {
        return call(() -> utf8((MemorySegment) segmentText.invokeExact(state, segment)));
    }

    int tokens(MemorySegment state, int segment) {
        return call(() -> (int) nTokens.invokeExact(state, segment));
    }

    /** One token: its id, probability and (with token timestamps on) start and end in centiseconds. */
    Token token(MemorySegment ctx, MemorySegment state, int segment, int token, Arena arena) {
        try {
            MemorySegment data = (MemorySegment) tokenData.invokeExact((java.lang.foreign.SegmentAllocator) arena,
                    state, segment, token);
            MemorySegment text = (MemorySegment) tokenText.invokeExact(ctx, state, segment, token);
            return new Token(data.get(JAVA_INT, 0), bytes(text), data.get(JAVA_FLOAT, 8),
                    data.get(JAVA_LONG, 24), data.get(JAVA_LONG, 32));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The language the last run decoded in (detected or given), e.g. {@code en}; null if unknown. */
    String language(MemorySegment state) {
        try {
            int id = (int) langId.invokeExact(state);
            if (id < 0) {
                return null;
            }
            MemorySegment s = (MemorySegment) langStr.invokeExact(id);
            return s.equals(MemorySegment.NULL) ? null : utf8(s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static String utf8(MemorySegment cString) {
        return new String(bytes(cString), StandardCharsets.UTF_8);
    }

    /** A C string's bytes: token texts can end inside a multi-byte character, so they are joined before decoding. */
    private static byte[] bytes(MemorySegment cString) {
        if (cString.equals(MemorySegment.NULL)) {
            return new byte[0];
        }
        MemorySegment s = cString.reinterpret(Integer.MAX_VALUE);
        long n = 0;
        while (s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, n) != 0) {
            n++;
        }
        return s.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    /** A downcall; {@code invokeExact} needs the exact static types, so each call site keeps its own cast. */
    @FunctionalInterface
    private interface Call<T> {
        T call() throws Throwable;
    }

    @FunctionalInterface
    private interface VoidCall {
        void call() throws Throwable;
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.call();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void run(VoidCall c) {
        try {
            c.call();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /**
     * One decoded token.
     *
     * @param id          token id
     * @param text        its UTF-8 bytes (may be part of a character)
     * @param probability the decoder's probability for it
     * @param start       start in centiseconds, or -1 when token timestamps were off
     * @param end         end in centiseconds, or -1
     */
    record Token(int id, byte[] text, float probability, long start, long end) {
    }
}
