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
    void detectedLanguageIsReadFromWhisperCppOnTheCallingThread() throws IOException {
        // English-only models skip detection in the provider, so drive whisper.cpp directly with language=auto
        var whisper = new io.github.givimad.whisperjni.WhisperJNI();
        float[] samples = Samples.toWhisperInput(jfkPcm());
        List<String> lines = new java.util.ArrayList<>();
        try (var ctx = whisper.initNoState(TEST_MODEL); var state = whisper.initState(ctx)) {
            var params = new io.github.givimad.whisperjni.WhisperFullParams();
            params.language = "auto";
            params.nThreads = 2;
            params.printProgress = false;
            int rc = WhisperNative.captureLog(lines::add,
                    () -> whisper.fullWithState(ctx, state, params, samples, samples.length));
            assertThat(rc).isZero();
        }
        assertThat(lines).anySatisfy(line -> assertThat(WhisperSttProvider.detectedLanguage(line))
                .hasValueSatisfying(lang -> assertThat(lang).matches("[a-z]{2,3}")));
        assertThat(WhisperSttProvider.detectedLanguage("whisper_full_with_state: auto-detected language: de (p = 0.9)"))
                .contains("de");
        assertThat(WhisperSttProvider.detectedLanguage("whisper_model_load: n_langs = 99")).isEmpty();
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
