package io.debabelizer.local.pocketsphinx;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.local.stt.Recognition;
import io.debabelizer.local.stt.WordFilter;
import io.debabelizer.stt.Word;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * One native PocketSphinx decoder (model loaded once, reused for many utterances). Not thread-safe: the engine hands
 * each decoder to one caller at a time. Native memory for a call lives in a confined arena freed when the call
 * returns; the decoder itself is freed by {@link #close()}.
 */
@SuppressWarnings("restricted") // native access is the point of this class; the JVM runs with --enable-native-access
final class PocketSphinxDecoder implements AutoCloseable {

    private static final String PROVIDER = "pocketsphinx";
    /** Feature frames per second at PocketSphinx's default {@code -frate}. */
    private static final double FRAMES_PER_SECOND = 100.0;

    private final PocketSphinxLibrary lib;
    private final Arena argumentArena;
    private final MemorySegment config;
    private final MemorySegment decoder;
    private final MemorySegment logmath;
    private boolean closed;

    private PocketSphinxDecoder(PocketSphinxLibrary lib, Arena argumentArena, MemorySegment config,
                                MemorySegment decoder) throws Throwable {
        this.lib = lib;
        this.argumentArena = argumentArena;
        this.config = config;
        this.decoder = decoder;
        this.logmath = (MemorySegment) lib.psGetLogmath.invokeExact(decoder);
    }

    static PocketSphinxDecoder open(PocketSphinxLibrary lib, PocketSphinxModel model) {
        // The argument strings stay allocated as long as the decoder: SphinxBase versions differ in whether
        // cmd_ln_parse_r copies argv.
        Arena arena = Arena.ofShared();
        try {
            List<String> args = model.arguments();
            MemorySegment argv = arena.allocate(ADDRESS, args.size());
            for (int i = 0; i < args.size(); i++) {
                argv.setAtIndex(ADDRESS, i, arena.allocateFrom(args.get(i)));
            }
            MemorySegment definitions = (MemorySegment) lib.psArgs.invokeExact();
            MemorySegment config = (MemorySegment) lib.cmdLnParseR.invokeExact(MemorySegment.NULL, definitions,
                    args.size(), argv, 1);
            if (config.equals(MemorySegment.NULL)) {
                throw new ProviderUnavailableException("pocketsphinx rejected its arguments " + args, PROVIDER, null,
                        null);
            }
            MemorySegment ps = (MemorySegment) lib.psInit.invokeExact(config);
            if (ps.equals(MemorySegment.NULL)) {
                int ignored = (int) lib.cmdLnFreeR.invokeExact(config);
                throw new ProviderUnavailableException("pocketsphinx could not load its model (" + model + ")",
                        PROVIDER, null, null);
            }
            return new PocketSphinxDecoder(lib, arena, config, ps);
        } catch (ProviderUnavailableException e) {
            arena.close();
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw new ProviderUnavailableException("pocketsphinx failed to start: " + t, PROVIDER, null, t);
        }
    }

    /** Decodes one whole utterance of 16 kHz mono samples. */
    Recognition recognize(short[] samples) {
        if (closed) {
            throw new IllegalStateException("decoder closed");
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment audio = call.allocateFrom(JAVA_SHORT, samples);
            // Each request is a stream of its own: otherwise the noise estimate of the previous caller's audio
            // (say, a clipped recording) changes this caller's result.
            check((int) lib.psStartStream.invokeExact(decoder), "ps_start_stream");
            check((int) lib.psStartUtt.invokeExact(decoder), "ps_start_utt");
            check((int) lib.psProcessRaw.invokeExact(decoder, audio, (long) samples.length, 0, 1), "ps_process_raw");
            check((int) lib.psEndUtt.invokeExact(decoder), "ps_end_utt");
            MemorySegment score = call.allocate(JAVA_INT);
            MemorySegment hyp = (MemorySegment) lib.psGetHyp.invokeExact(decoder, score);
            if (hyp.equals(MemorySegment.NULL)) {
                return Recognition.EMPTY;
            }
            List<Word> words = words(call, samples.length / 16_000.0);
            // The utterance posterior (ps_get_prob) of a long sentence is vanishingly small whatever its quality;
            // the mean of the word posteriors says more.
            double confidence = words.stream().mapToDouble(Word::confidence).filter(Double::isFinite).average()
                    .orElse(Double.NaN);
            return Recognition.ofWords(words, confidence);
        } catch (ProviderUnavailableException e) {
            throw e;
        } catch (Throwable t) {
            throw new ProviderUnavailableException("pocketsphinx decoding failed: " + t, PROVIDER, null, t);
        }
    }

    private List<Word> words(Arena call, double audioSeconds) throws Throwable {
        MemorySegment scratch = call.allocate(JAVA_INT);
        MemorySegment startFrame = call.allocate(JAVA_INT);
        MemorySegment endFrame = call.allocate(JAVA_INT);
        MemorySegment ascr = call.allocate(JAVA_INT);
        MemorySegment lscr = call.allocate(JAVA_INT);
        MemorySegment lback = call.allocate(JAVA_INT);
        List<Word> words = new ArrayList<>();
        MemorySegment seg = (MemorySegment) lib.psSegIter.invokeExact(decoder, scratch);
        while (!seg.equals(MemorySegment.NULL)) {
            MemorySegment token = (MemorySegment) lib.psSegWord.invokeExact(seg);
            String word = WordFilter.spokenWord(cString(token));
            if (word != null) {
                lib.psSegFrames.invokeExact(seg, startFrame, endFrame);
                int logProb = (int) lib.psSegProb.invokeExact(seg, ascr, lscr, lback);
                double start = Math.min(startFrame.get(JAVA_INT, 0) / FRAMES_PER_SECOND, audioSeconds);
                double end = Math.min((endFrame.get(JAVA_INT, 0) + 1) / FRAMES_PER_SECOND, audioSeconds);
                words.add(new Word(word, start, Math.max(start, end), probability(logProb)));
            }
            seg = (MemorySegment) lib.psSegNext.invokeExact(seg); // frees the iterator when it returns NULL
        }
        return words;
    }

    /** A log-domain probability from the decoder as 0..1 (NaN when the decoder has no posterior). */
    private double probability(int logProb) throws Throwable {
        if (logmath.equals(MemorySegment.NULL)) {
            return Double.NaN;
        }
        double p = (double) lib.logmathExp.invokeExact(logmath, logProb);
        return Double.isFinite(p) ? Math.clamp(p, 0.0, 1.0) : Double.NaN;
    }

    private static String cString(MemorySegment pointer) {
        return pointer.equals(MemorySegment.NULL) ? null : pointer.reinterpret(Integer.MAX_VALUE).getString(0);
    }

    private static void check(int rc, String call) {
        if (rc < 0) {
            throw new ProviderUnavailableException("pocketsphinx " + call + " failed (" + rc + ")", PROVIDER, null,
                    null);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int ignoredDecoder = (int) lib.psFree.invokeExact(decoder);
            int ignoredConfig = (int) lib.cmdLnFreeR.invokeExact(config);
        } catch (Throwable t) {
            throw new IllegalStateException("freeing the pocketsphinx decoder failed", t);
        } finally {
            argumentArena.close();
        }
    }
}
