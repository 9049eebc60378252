package io.debabelizer.whisper;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code struct whisper_full_params} of whisper.cpp 1.7, filled in place: the library's defaults for a strategy
 * with our settings written at the fields' offsets. Only the fields set here are named; the rest keep whisper.cpp's
 * defaults. The struct is 264 bytes and passed by value; ABIs pass a struct that large in memory (x86-64) or by
 * reference to a copy (AArch64, Windows), so its size and alignment are what the call needs to get right.
 */
final class FullParams {

    /**
     * Size and alignment of {@code whisper_full_params}: its last field, {@code grammar_penalty}, is at 256, and it
     * holds pointers, hence 8-byte elements.
     */
    static final StructLayout LAYOUT = MemoryLayout.structLayout(MemoryLayout.sequenceLayout(33, JAVA_LONG));

    private static final long N_THREADS = 4;
    private static final long N_MAX_TEXT_CTX = 8;
    private static final long TRANSLATE = 20;
    private static final long NO_CONTEXT = 21;
    private static final long PRINT_SPECIAL = 24;
    private static final long PRINT_PROGRESS = 25;
    private static final long PRINT_REALTIME = 26;
    private static final long PRINT_TIMESTAMPS = 27;
    private static final long TOKEN_TIMESTAMPS = 28;
    private static final long THOLD_PT = 32;
    private static final long THOLD_PTSUM = 36;
    private static final long INITIAL_PROMPT = 72;
    private static final long LANGUAGE = 96;
    private static final long SUPPRESS_BLANK = 105;
    private static final long TEMPERATURE = 108;
    private static final long MAX_INITIAL_TS = 112;
    private static final long LENGTH_PENALTY = 116;
    private static final long TEMPERATURE_INC = 120;
    private static final long ENTROPY_THOLD = 124;
    private static final long LOGPROB_THOLD = 128;
    private static final long NO_SPEECH_THOLD = 132;
    private static final long GREEDY_BEST_OF = 136;
    private static final long BEAM_SIZE = 140;
    private static final long GRAMMAR_PENALTY = 256;

    private final MemorySegment params;
    private final Arena arena;

    private FullParams(MemorySegment params, Arena arena) {
        this.params = params;
        this.arena = arena;
    }

    /**
     * whisper.cpp's defaults for greedy (strategy 0) or beam search (1), checked against the values whisper.cpp 1.7
     * sets: a library with another layout fails here with a clear error instead of being called with garbage.
     */
    static FullParams defaults(WhisperCpp whisper, int strategy, Arena arena) {
        MemorySegment p = whisper.defaultParams(strategy, arena);
        List<String> mismatches = layoutMismatches(p, strategy);
        if (!mismatches.isEmpty()) {
            throw new UnsatisfiedLinkError("the whisper.cpp library is not the 1.7 version this binding was written"
                    + " for (whisper_full_params differs: " + String.join(", ", mismatches) + ")");
        }
        return new FullParams(p, arena);
    }

    /** Fields whose default is not what whisper.cpp 1.7 sets at that offset (empty when the layout matches). */
    static List<String> layoutMismatches(MemorySegment p, int strategy) {
        List<String> bad = new ArrayList<>();
        check(bad, "strategy", p.get(JAVA_INT, 0), strategy);
        check(bad, "n_max_text_ctx", p.get(JAVA_INT, N_MAX_TEXT_CTX), 16384);
        check(bad, "no_context", p.get(JAVA_BYTE, NO_CONTEXT), 1);
        check(bad, "thold_pt", p.get(JAVA_FLOAT, THOLD_PT), 0.01f);
        check(bad, "thold_ptsum", p.get(JAVA_FLOAT, THOLD_PTSUM), 0.01f);
        check(bad, "suppress_blank", p.get(JAVA_BYTE, SUPPRESS_BLANK), 1);
        check(bad, "max_initial_ts", p.get(JAVA_FLOAT, MAX_INITIAL_TS), 1.0f);
        check(bad, "length_penalty", p.get(JAVA_FLOAT, LENGTH_PENALTY), -1.0f);
        check(bad, "temperature_inc", p.get(JAVA_FLOAT, TEMPERATURE_INC), 0.2f);
        check(bad, "entropy_thold", p.get(JAVA_FLOAT, ENTROPY_THOLD), 2.4f);
        check(bad, "logprob_thold", p.get(JAVA_FLOAT, LOGPROB_THOLD), -1.0f);
        check(bad, "no_speech_thold", p.get(JAVA_FLOAT, NO_SPEECH_THOLD), 0.6f);
        check(bad, "grammar_penalty", p.get(JAVA_FLOAT, GRAMMAR_PENALTY), 100.0f);
        if (p.get(ADDRESS, LANGUAGE).equals(MemorySegment.NULL)) {
            bad.add("language is null");
        }
        return bad;
    }

    private static void check(List<String> bad, String field, Number actual, Number expected) {
        if (actual.doubleValue() != expected.doubleValue()) {
            bad.add(field + "=" + actual + " (expected " + expected + ")");
        }
    }

    /** Applies one transcription's settings; {@code language} null means detect it. */
    FullParams apply(WhisperSettings s, String language) {
        params.set(JAVA_INT, N_THREADS, s.threads());
        params.set(JAVA_BYTE, TRANSLATE, flag(s.translate()));
        params.set(ADDRESS, LANGUAGE, arena.allocateFrom(language == null ? "auto" : language));
        params.set(ADDRESS, INITIAL_PROMPT, s.initialPrompt() == null ? MemorySegment.NULL
                : arena.allocateFrom(s.initialPrompt()));
        params.set(JAVA_FLOAT, TEMPERATURE, s.temperature());
        params.set(JAVA_INT, GREEDY_BEST_OF, s.bestOf());
        params.set(JAVA_INT, BEAM_SIZE, s.beamSize());
        // whisper.cpp's word-level timing: each token gets t0/t1 from its timestamp-token probabilities
        params.set(JAVA_BYTE, TOKEN_TIMESTAMPS, flag(s.wordTimestamps()));
        params.set(JAVA_BYTE, PRINT_SPECIAL, (byte) 0);
        params.set(JAVA_BYTE, PRINT_PROGRESS, (byte) 0);
        params.set(JAVA_BYTE, PRINT_REALTIME, (byte) 0);
        params.set(JAVA_BYTE, PRINT_TIMESTAMPS, (byte) 0);
        return this;
    }

    MemorySegment segment() {
        return params;
    }

    private static byte flag(boolean b) {
        return (byte) (b ? 1 : 0);
    }

}
