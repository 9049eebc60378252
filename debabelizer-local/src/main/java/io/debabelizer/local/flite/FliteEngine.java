package io.debabelizer.local.flite;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.local.tts.SynthesizedAudio;
import io.debabelizer.local.tts.SynthesizerEngine;
import io.debabelizer.tts.Voice;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Flite synthesis. Calls are serialised JVM-wide: Flite hands out one {@code cst_voice} per voice for the whole
 * process and the speaking rate is a feature of that shared object; Flite is fast enough (about 0.08 s per second
 * of audio) that one at a time costs little.
 */
@SuppressWarnings("restricted") // native access is the point of this class; the JVM runs with --enable-native-access
public final class FliteEngine implements SynthesizerEngine {

    static final String PROVIDER = "flite";
    /** The most intelligible voice: flite → PocketSphinx round trips come back word-perfect with it. */
    private static final String DEFAULT_VOICE = "rms";
    // struct cst_wave { const char *type; int sample_rate; int num_samples; int num_channels; short *samples; }
    private static final long WAVE_SAMPLE_RATE = 8;
    private static final long WAVE_NUM_SAMPLES = 12;
    private static final long WAVE_NUM_CHANNELS = 16;
    private static final long WAVE_SAMPLES = 24;
    private static final long WAVE_STRUCT_BYTES = 32;
    // struct cst_voice { const char *name; cst_features *features; ... }
    private static final long VOICE_FEATURES = 8;
    private static final MemorySegment DURATION_STRETCH = FliteLibrary.permanentString("duration_stretch");

    private final FliteLibrary library;
    private static final ReentrantLock LOCK = new ReentrantLock();
    /** Registered voices, guarded by {@link #LOCK}; they live as long as the process, like the library. */
    private static final Map<FliteVoiceInfo, MemorySegment> VOICES = new EnumMap<>(FliteVoiceInfo.class);

    public FliteEngine(FliteLibrary library) {
        this.library = library;
    }

    @Override
    public SynthesizedAudio synthesize(String text, String voiceId, double speed) {
        FliteVoiceInfo info = FliteVoiceInfo.byId(voiceId);
        if (info == null || !library.installedVoices().contains(info)) {
            throw new InvalidInputException("unknown flite voice '" + voiceId + "'", PROVIDER, null, null);
        }
        LOCK.lock();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment voice = voice(info);
            MemorySegment features = voice.reinterpret(VOICE_FEATURES + ADDRESS.byteSize())
                    .get(ADDRESS, VOICE_FEATURES);
            library.featSetFloat.invokeExact(features, DURATION_STRETCH, (float) (1.0 / speed));
            MemorySegment wave = (MemorySegment) library.textToWave.invokeExact(call.allocateFrom(text), voice);
            if (wave.equals(MemorySegment.NULL)) {
                throw new ProviderUnavailableException("flite produced no audio", PROVIDER, null, null);
            }
            try {
                return read(wave.reinterpret(WAVE_STRUCT_BYTES));
            } finally {
                library.deleteWave.invokeExact(wave);
            }
        } catch (InvalidInputException | ProviderUnavailableException e) {
            throw e;
        } catch (Throwable t) {
            throw new ProviderUnavailableException("flite synthesis failed: " + t, PROVIDER, null, t);
        } finally {
            LOCK.unlock();
        }
    }

    private MemorySegment voice(FliteVoiceInfo info) throws Throwable {
        MemorySegment v = VOICES.get(info);
        if (v == null) {
            v = library.register(info);
            if (v.equals(MemorySegment.NULL)) {
                throw new ProviderUnavailableException("flite could not load voice " + info.id, PROVIDER, null, null);
            }
            VOICES.put(info, v);
        }
        return v;
    }

    private static SynthesizedAudio read(MemorySegment wave) {
        int rate = wave.get(JAVA_INT, WAVE_SAMPLE_RATE);
        int count = wave.get(JAVA_INT, WAVE_NUM_SAMPLES);
        int channels = Math.max(1, wave.get(JAVA_INT, WAVE_NUM_CHANNELS));
        MemorySegment samples = wave.get(ADDRESS, WAVE_SAMPLES);
        if (count <= 0 || samples.equals(MemorySegment.NULL)) {
            return new SynthesizedAudio(new short[0], rate, channels);
        }
        short[] pcm = samples.reinterpret((long) count * channels * JAVA_SHORT.byteSize()).toArray(JAVA_SHORT);
        return new SynthesizedAudio(pcm, rate, channels);
    }

    @Override
    public List<Voice> voices() {
        return library.installedVoices().stream().map(v -> v.toVoice(PROVIDER)).toList();
    }

    @Override
    public String defaultVoice() {
        List<FliteVoiceInfo> installed = library.installedVoices();
        FliteVoiceInfo preferred = FliteVoiceInfo.byId(DEFAULT_VOICE);
        return installed.contains(preferred) ? DEFAULT_VOICE : installed.getFirst().id;
    }

    @Override
    public int sampleRate(String voiceId) {
        FliteVoiceInfo info = FliteVoiceInfo.byId(voiceId);
        return info == null ? 16_000 : info.sampleRate;
    }
}
