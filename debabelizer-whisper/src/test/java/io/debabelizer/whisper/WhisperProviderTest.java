package io.debabelizer.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.spi.Availability;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binding, run for real on whisper.cpp's weightless test model (it loads and decodes, and recognises nothing).
 * Skipped, with the reason printed, where the native library does not load or the shared test files are missing.
 */
@Timeout(180)
class WhisperProviderTest {

    private static final Path TEST_MODEL = sharedFile("models/for-tests-ggml-tiny.en.bin");
    private static final Path JFK = sharedFile("speech/jfk.wav");

    @TempDir
    Path modelsDir;

    @BeforeAll
    static void requireNativeLibraryAndTestFiles() {
        WhisperNative.Status status = WhisperNative.status();
        if (!status.loaded()) {
            System.out.println("SKIPPED WhisperProviderTest: " + status.problem());
        }
        Assumptions.assumeTrue(status.loaded(), status::problem);
        boolean files = Files.isRegularFile(TEST_MODEL) && Files.isRegularFile(JFK);
        if (!files) {
            System.out.println("SKIPPED WhisperProviderTest: " + TEST_MODEL + " or " + JFK + " is missing");
        }
        Assumptions.assumeTrue(files, "shared test model or jfk.wav missing");
    }

    /** {@code shared/<relative>} in the nearest folder above the working directory that has it (../shared in CI). */
    private static Path sharedFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return Path.of("..", "shared", relative);
    }

    /** jfk.wav (16 kHz mono 16-bit) without its 44-byte header, as raw PCM. */
    private static AudioData jfkPcm() throws IOException {
        byte[] wav = Files.readAllBytes(JFK);
        return AudioData.of(AudioFormat.pcm16(16000, 1), Arrays.copyOfRange(wav, 44, wav.length));
    }

    private static ProviderFactory factory() {
        return ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.descriptor().name().equals("whisper")).findFirst().orElseThrow();
    }

    private MapConfig config(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        values.put("models_dir", modelsDir.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return new MapConfig(values);
    }

    private static SttProvider create(MapConfig config) {
        return factory().createStt(new ProviderContext(config, HttpClient.newHttpClient(), Duration.ofSeconds(30),
                Duration.ofSeconds(5)));
    }

    @Test
    void isFoundByServiceLoaderAsALocalSttProvider() {
        var d = factory().descriptor();
        assertThat(d.local()).isTrue();
        assertThat(d.supports(Capability.STT)).isTrue();
        assertThat(d.sttPricePerMinute()).isZero();
        assertThat(d.configKeys()).extracting(k -> k.name()).contains("model", "model_path", "models_dir",
                "language", "translate", "threads", "temperature", "beam_size", "best_of", "initial_prompt");
    }

    @Test
    void withoutAModelItIsUnavailableAndSaysHowToGetOne() {
        Availability a = factory().availability(config());
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("no Whisper model in " + modelsDir.toAbsolutePath())
                .contains("debabelizer models pull base");

        Availability named = factory().availability(config("model", "small.en"));
        assertThat(named.reason()).contains("debabelizer models pull small.en");

        Availability missingPath = factory().availability(config("model_path", "/nonexistent/ggml-x.bin"));
        assertThat(missingPath.reason()).contains("/nonexistent/ggml-x.bin");

        Availability badName = factory().availability(config("model", "..hidden"));
        assertThat(badName.available()).isFalse();
        assertThat(badName.reason()).contains("invalid Whisper model name");
    }

    @Test
    void transcribingWithoutAModelFailsClearlyAndAtOnce() throws IOException {
        try (SttProvider stt = create(config())) {
            assertThatThrownBy(() -> stt.transcribe(TranscriptionRequest.builder(jfkPcm()).build()))
                    .isInstanceOf(ProviderUnavailableException.class)
                    .hasMessageContaining("debabelizer models pull base");
        }
    }

    @Test
    void loadsTheTestModelAndTranscribesJfkWithoutError() throws IOException {
        MapConfig config = config("model_path", TEST_MODEL.toString(), "threads", "2");
        assertThat(factory().availability(config).available()).isTrue();

        try (SttProvider stt = create(config)) {
            Transcript t = stt.transcribe(TranscriptionRequest.builder(jfkPcm()).build());

            assertThat(t.provider()).isEqualTo("whisper");
            assertThat(t.model()).isEqualTo("for-tests-ggml-tiny.en.bin");
            assertThat(t.language()).isEqualTo("en"); // an English-only model
            assertThat(t.durationSeconds()).isCloseTo(11.0, org.assertj.core.data.Offset.offset(0.1));
            assertThat(t.usage().audioSeconds()).isEqualTo(t.durationSeconds());
            assertThat(t.text()).isEmpty(); // no weights, no words
            assertThat(t.words()).isEmpty();
        }
    }

    @Test
    void aModelInstalledInTheCacheIsFoundByName() throws IOException {
        Files.copy(TEST_MODEL, modelsDir.resolve("ggml-tiny.en.bin"));
        MapConfig config = config();
        assertThat(factory().availability(config).available()).isTrue();

        try (SttProvider stt = create(config)) {
            Transcript t = stt.transcribe(TranscriptionRequest.builder(jfkPcm())
                    .providerOption("beam_size", 2).providerOption("initial_prompt", "Kennedy").build());
            assertThat(t.model()).isEqualTo("tiny.en");
        }
    }

    @Test
    void concurrentCallsShareTheModelAndEachGetAState() throws Exception {
        try (SttProvider stt = create(config("model_path", TEST_MODEL.toString(), "threads", "1"));
             ExecutorService pool = Executors.newFixedThreadPool(3)) {
            AudioData audio = jfkPcm();
            Callable<Transcript> call = () -> stt.transcribe(TranscriptionRequest.builder(audio).build());
            List<Future<Transcript>> results = pool.invokeAll(List.of(call, call, call));
            for (Future<Transcript> r : results) {
                assertThat(r.get().provider()).isEqualTo("whisper");
            }
        }
    }

    @Test
    void shortSilentAndEmptyInputsNeitherCrashNorHang() {
        try (SttProvider stt = create(config("model_path", TEST_MODEL.toString()))) {
            AudioFormat pcm = AudioFormat.pcm16(16000, 1);
            Transcript tenMs = stt.transcribe(TranscriptionRequest.builder(AudioData.of(pcm, new byte[320])).build());
            assertThat(tenMs.text()).isEmpty();
            Transcript silence = stt.transcribe(TranscriptionRequest.builder(
                    AudioData.of(pcm, new byte[16000 * 2 * 3])).build());
            assertThat(silence.text()).isEmpty();
            assertThatThrownBy(() -> stt.transcribe(TranscriptionRequest.builder(AudioData.of(pcm, new byte[0]))
                    .build())).isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
        }
    }

    @Test
    void englishOnlyModelRefusesOtherLanguagesAndTranslation() throws IOException {
        try (SttProvider stt = create(config("model_path", TEST_MODEL.toString()))) {
            AudioData audio = jfkPcm();
            assertThatThrownBy(() -> stt.transcribe(TranscriptionRequest.builder(audio).language("de").build()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("English only");
            assertThatThrownBy(() -> stt.transcribe(TranscriptionRequest.builder(audio)
                    .providerOption("translate", true).build()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("multilingual");
            Transcript en = stt.transcribe(TranscriptionRequest.builder(audio).language("en-US").build());
            assertThat(en.language()).isEqualTo("en");
        }
    }

    @Test
    void theFfmBindingRunsWhisperCppWithTokenTimestampsAndReadsTheDetectedLanguage() throws IOException {
        // English-only models skip detection in the provider, so drive whisper.cpp directly with language=auto
        WhisperCpp whisper = WhisperNative.status().api();
        float[] samples = Samples.toWhisperInput(jfkPcm());
        MemorySegment ctx = whisper.loadModel(TEST_MODEL);
        assertThat(ctx).isNotEqualTo(MemorySegment.NULL);
        MemorySegment state = whisper.newState(ctx);
        try (Arena arena = Arena.ofConfined()) {
            WhisperSettings settings = new WhisperSettings(null, null, null, false, 2, 0f, 1, 5, "Ask not.", true);
            FullParams params = FullParams.defaults(whisper, 0, arena).apply(settings, null);
            int rc = whisper.full(ctx, state, params.segment(), arena.allocateFrom(ValueLayout.JAVA_FLOAT, samples),
                    samples.length);

            assertThat(rc).isZero();
            assertThat(whisper.language(state)).matches("[a-z]{2,3}");
            assertThat(whisper.endOfTextToken(ctx)).isPositive();
            int segments = whisper.segments(state);
            for (int i = 0; i < segments; i++) { // a weightless model decodes nothing, but the calls must work
                for (int t = 0; t < whisper.tokens(state, i); t++) {
                    assertThat(whisper.token(ctx, state, i, t, arena).probability()).isBetween(0f, 1f);
                }
            }
        } finally {
            whisper.freeState(state);
            whisper.freeModel(ctx);
        }
    }

    @Test
    void theParamsLayoutMatchesTheBundledWhisperCppForBothStrategies() {
        WhisperCpp whisper = WhisperNative.status().api();
        try (Arena arena = Arena.ofConfined()) {
            assertThat(FullParams.layoutMismatches(whisper.defaultParams(0, arena), 0)).isEmpty();
            assertThat(FullParams.layoutMismatches(whisper.defaultParams(1, arena), 1)).isEmpty();
            MemorySegment shifted = arena.allocate(FullParams.LAYOUT)
                    .copyFrom(whisper.defaultParams(0, arena).asSlice(4));
            assertThat(FullParams.layoutMismatches(shifted, 0)).isNotEmpty(); // another layout is caught
        }
    }

    @Test
    void aFileThatIsNotAModelIsAClearError() throws IOException {
        Path bogus = Files.write(modelsDir.resolve("ggml-bogus.bin"), "not a model".getBytes());
        try (SttProvider stt = create(config("model_path", bogus.toString()))) {
            assertThatThrownBy(() -> stt.transcribe(TranscriptionRequest.builder(jfkPcm()).build()))
                    .isInstanceOf(ProviderUnavailableException.class)
                    .hasMessageContaining("not a valid ggml model file");
        }
    }

    @Test
    void autoDownloadFetchesAMissingModelOnFirstUse() throws Exception {
        try (var hub = new io.debabelizer.whisper.models.TestHub(Files.readAllBytes(TEST_MODEL), "ggml-ci-tiny.bin")) {
            MapConfig config = config("model", "ci-tiny", "auto_download", "true",
                    "model_base_url", hub.baseUrl().toString());
            assertThat(factory().availability(config).available()).isTrue();
            try (SttProvider stt = create(config)) {
                Transcript t = stt.transcribe(TranscriptionRequest.builder(jfkPcm()).build());
                assertThat(t.model()).isEqualTo("ci-tiny");
            }
            assertThat(modelsDir.resolve("ggml-ci-tiny.bin")).exists();
        }
    }
}
