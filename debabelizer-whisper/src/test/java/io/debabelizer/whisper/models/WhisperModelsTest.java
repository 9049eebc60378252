package io.debabelizer.whisper.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.InvalidInputException;
import io.debabelizer.whisper.models.ModelDownloadException.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class WhisperModelsTest {

    private static final String NAME = "test-model";
    private static final byte[] CONTENT = new byte[300_000];

    static {
        new Random(42).nextBytes(CONTENT);
    }

    @TempDir
    Path dir;
    private ModelHubServer hub;

    @BeforeEach
    void startHub() throws IOException {
        hub = new ModelHubServer();
        hub.serve("ggml-" + NAME + ".bin", CONTENT);
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private WhisperModels models(ModelCatalog catalog) {
        return WhisperModels.builder().modelsDir(dir).baseUrl(hub.baseUrl()).catalog(catalog)
                .connectTimeout(Duration.ofSeconds(5)).stallTimeout(Duration.ofSeconds(2)).build();
    }

    private static ModelCatalog catalogWith(String sha256) {
        return new ModelCatalog(List.of(new KnownModel(NAME, CONTENT.length, sha256, null, true)));
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void pullDownloadsVerifiesAndInstallsAtomically() throws Exception {
        List<long[]> progress = new CopyOnWriteArrayList<>();
        Path file = models(catalogWith(sha256(CONTENT))).pull(NAME, (done, total) -> progress.add(new long[]{done, total}));

        assertThat(file).isEqualTo(dir.resolve("ggml-test-model.bin"));
        assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
        assertThat(dir.resolve("ggml-test-model.bin.part")).doesNotExist();
        assertThat(progress.get(0)).containsExactly(0, CONTENT.length);
        assertThat(progress.get(progress.size() - 1)).containsExactly(CONTENT.length, CONTENT.length);
        assertThat(hub.rangeHeaders()).containsExactly("");
    }

    @Test
    void pullOfAnInstalledModelDoesNotDownloadAgain() throws Exception {
        WhisperModels models = models(catalogWith(sha256(CONTENT)));
        models.pull(NAME, DownloadListener.NONE);
        models.pull("ggml-test-model.bin", DownloadListener.NONE);
        assertThat(hub.requestCount()).isEqualTo(1);
    }

    @Test
    void droppedConnectionKeepsThePartAndTheNextPullResumesWithRange() throws Exception {
        WhisperModels models = models(catalogWith(sha256(CONTENT)));
        hub.failNextRequest(ModelHubServer.Fault.DROP_HALFWAY);

        assertThatThrownBy(() -> models.pull(NAME, DownloadListener.NONE))
                .isInstanceOfSatisfying(ModelDownloadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INTERRUPTED);
                    assertThat(e.isRetryable()).isTrue();
                })
                .hasMessageContaining("pull again to resume");
        Path part = dir.resolve("ggml-test-model.bin.part");
        long kept = Files.size(part);
        assertThat(kept).isPositive().isLessThan(CONTENT.length);
        assertThat(models.list()).filteredOn(m -> m.name().equals(NAME)).singleElement()
                .satisfies(m -> {
                    assertThat(m.installed()).isFalse();
                    assertThat(m.partialBytes()).isEqualTo(kept);
                });

        List<Long> firstProgress = new CopyOnWriteArrayList<>();
        Path file = models.pull(NAME, (done, total) -> firstProgress.add(done));

        assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
        assertThat(hub.rangeHeaders()).containsExactly("", "bytes=" + kept + "-");
        assertThat(firstProgress.get(0)).isEqualTo(kept);
        assertThat(part).doesNotExist();
    }

    @Test
    void serverThatIgnoresRangeMakesTheDownloadStartOver() throws Exception {
        WhisperModels models = models(catalogWith(sha256(CONTENT)));
        hub.failNextRequest(ModelHubServer.Fault.DROP_HALFWAY);
        assertThatThrownBy(() -> models.pull(NAME, DownloadListener.NONE)).isInstanceOf(ModelDownloadException.class);
        hub.supportsRange(false);

        Path file = models.pull(NAME, DownloadListener.NONE);

        assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
    }

    @Test
    void stalledDownloadEndsWithAnErrorInsteadOfHanging() throws Exception {
        WhisperModels models = models(catalogWith(sha256(CONTENT)));
        hub.failNextRequest(ModelHubServer.Fault.STALL_HALFWAY);

        assertThatThrownBy(() -> models.pull(NAME, DownloadListener.NONE))
                .isInstanceOfSatisfying(ModelDownloadException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.INTERRUPTED))
                .hasMessageContaining("no data for");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(dir.resolve("ggml-test-model.bin.part")).exists();
    }

    @Test
    void aCompletePartFromAnEarlierRunIsInstalledWithoutDownloadingAgain() throws Exception {
        Files.write(dir.resolve("ggml-test-model.bin.part"), CONTENT);

        Path file = models(new ModelCatalog(List.of())).pull(NAME, DownloadListener.NONE); // size unknown: asks

        assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
        assertThat(hub.rangeHeaders()).containsExactly("bytes=" + CONTENT.length + "-"); // answered 416
    }

    @Test
    void aSecondDownloadOfTheSameModelIsRefusedWhileTheFirstRuns() throws Exception {
        Files.createDirectories(dir);
        try (var channel = java.nio.channels.FileChannel.open(dir.resolve("ggml-test-model.bin.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var lock = channel.lock()) {
            assertThat(lock.isValid()).isTrue();
            assertThatThrownBy(() -> models(catalogWith(sha256(CONTENT))).pull(NAME, DownloadListener.NONE))
                    .isInstanceOfSatisfying(ModelDownloadException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.IN_PROGRESS));
            assertThat(dir.resolve("ggml-test-model.bin.lock")).exists(); // never deleted under its holder
        }
        assertThat(hub.requestCount()).isZero();
        assertThat(models(catalogWith(sha256(CONTENT))).pull(NAME, DownloadListener.NONE)).exists();
    }

    @Test
    void checksumMismatchDeletesThePartialFile() {
        WhisperModels models = models(catalogWith("00".repeat(32)));

        assertThatThrownBy(() -> models.pull(NAME, DownloadListener.NONE))
                .isInstanceOfSatisfying(ModelDownloadException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.CHECKSUM_MISMATCH))
                .hasMessageContaining("SHA-256");
        assertThat(dir.resolve("ggml-test-model.bin")).doesNotExist();
        assertThat(dir.resolve("ggml-test-model.bin.part")).doesNotExist();
    }

    @Test
    void sha1FromTheTableIsCheckedToo() throws Exception {
        String wrongSha1 = "11".repeat(20);
        WhisperModels models = models(new ModelCatalog(List.of(
                new KnownModel(NAME, CONTENT.length, null, wrongSha1, true))));

        assertThatThrownBy(() -> models.pull(NAME, DownloadListener.NONE))
                .isInstanceOf(ModelDownloadException.class).hasMessageContaining("SHA-1");
    }

    @Test
    void modelWithoutAKnownHashIsAcceptedUnverified() throws Exception {
        Path file = models(new ModelCatalog(List.of())).pull(NAME, DownloadListener.NONE);
        assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
    }

    @Test
    void unknownModelIsAClearError() {
        assertThatThrownBy(() -> models(ModelCatalog.builtIn()).pull("no-such-model", DownloadListener.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown Whisper model 'no-such-model'")
                .hasMessageContaining("404");
        assertThat(dir.resolve("ggml-no-such-model.bin.part")).doesNotExist();
    }

    @Test
    void refusedConnectionFailsQuicklyAsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        WhisperModels models = WhisperModels.builder().modelsDir(dir)
                .baseUrl(URI.create("http://127.0.0.1:" + port + "/models")).build();

        assertThatThrownBy(() -> models.pull("tiny.en", DownloadListener.NONE))
                .isInstanceOfSatisfying(ModelDownloadException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
                .hasMessageContaining("cannot reach the model hub at 127.0.0.1");
        assertThat(models.installed("tiny.en")).isEmpty();
    }

    @Test
    void invalidNamesAreRejectedBeforeTouchingDiskOrNetwork() {
        WhisperModels models = models(ModelCatalog.builtIn());
        for (String bad : List.of("../evil", "a/b", "", " ", ".hidden", "x.part")) {
            assertThatThrownBy(() -> models.pull(bad, DownloadListener.NONE))
                    .as(bad).isInstanceOf(InvalidInputException.class);
        }
        assertThat(hub.requestCount()).isZero();
    }

    @Test
    void listShowsKnownAndInstalledModelsAndRemoveDeletesThem() throws Exception {
        WhisperModels models = models(ModelCatalog.builtIn());
        assertThat(models.list()).extracting(ModelInfo::name).startsWith("tiny", "tiny.en", "base", "base.en")
                .contains("large-v3", "large-v3-turbo");
        assertThat(models.list()).noneMatch(ModelInfo::installed).allMatch(ModelInfo::verifiable);
        assertThat(models.list()).filteredOn(m -> m.name().equals("tiny.en")).singleElement()
                .satisfies(m -> {
                    assertThat(m.sizeBytes()).isEqualTo(77_704_715L);
                    assertThat(m.multilingual()).isFalse();
                });

        Files.write(dir.resolve("ggml-tiny.en.bin"), new byte[]{1, 2, 3});
        Files.write(dir.resolve("ggml-custom-q5_1.bin"), new byte[]{4, 5});
        Files.write(dir.resolve("ggml-base.bin.part"), new byte[]{6});
        Files.write(dir.resolve("notes.txt"), new byte[]{7});

        assertThat(models.list()).filteredOn(ModelInfo::installed).extracting(ModelInfo::name)
                .containsExactly("tiny.en", "custom-q5_1");
        assertThat(models.list()).filteredOn(m -> m.name().equals("custom-q5_1")).singleElement()
                .satisfies(m -> {
                    assertThat(m.verifiable()).isFalse();
                    assertThat(m.sizeBytes()).isEqualTo(2);
                });
        assertThat(models.list()).filteredOn(m -> m.name().equals("base")).singleElement()
                .satisfies(m -> assertThat(m.partialBytes()).isEqualTo(1));
        assertThat(models.defaultInstalled()).contains("tiny.en");

        assertThat(models.remove("tiny.en")).isTrue();
        assertThat(models.remove("base")).isTrue(); // only a partial download
        assertThat(models.remove("small")).isFalse();
        assertThat(dir.resolve("ggml-tiny.en.bin")).doesNotExist();
        assertThat(dir.resolve("ggml-base.bin.part")).doesNotExist();
        assertThat(models.defaultInstalled()).contains("custom-q5_1");
    }

    @Test
    void listOfAMissingFolderIsTheCatalogNotInstalled() {
        WhisperModels models = WhisperModels.builder().modelsDir(dir.resolve("not-yet")).build();
        assertThat(models.list()).isNotEmpty().noneMatch(ModelInfo::installed);
        assertThat(models.defaultInstalled()).isEmpty();
    }

    @Test
    void cacheFolderFollowsTheEnvironment() {
        String home = System.getProperty("user.home");
        assertThat(ModelCache.defaultDir(Map.of()))
                .isEqualTo(Path.of(home, ".cache", "debabelizer", "models"));
        assertThat(ModelCache.defaultDir(Map.of("XDG_CACHE_HOME", "/xdg")))
                .isEqualTo(Path.of("/xdg", "debabelizer", "models"));
        assertThat(ModelCache.defaultDir(Map.of("XDG_CACHE_HOME", "relative/ignored")))
                .isEqualTo(Path.of(home, ".cache", "debabelizer", "models"));
        assertThat(ModelCache.defaultDir(Map.of("XDG_CACHE_HOME", "/xdg", "DEBABELIZER_MODELS_DIR", "/m")))
                .isEqualTo(Path.of("/m"));
        assertThat(WhisperModels.from(null, Map.of("DEBABELIZER_MODELS_DIR", "/m",
                "WHISPER_MODEL_BASE_URL", "http://mirror.example/w")).downloadUrl("base.en"))
                .isEqualTo(URI.create("http://mirror.example/w/ggml-base.en.bin"));
        assertThat(WhisperModels.fromEnvironment().downloadUrl("tiny").toString())
                .endsWith("/ggml-tiny.bin");
    }

    @Test
    void builtInCatalogHoldsPublishedHashes() {
        KnownModel tinyEn = ModelCatalog.builtIn().find("tiny.en").orElseThrow();
        assertThat(tinyEn.sha256()).isEqualTo("921e4cf8686fdd993dcd081a5da5b6c365bfde1162e72b08d75ac75289920b1f");
        assertThat(ModelCatalog.builtIn().all()).allMatch(m -> m.sha256() != null && m.sha1() != null)
                .extracting(KnownModel::name).containsExactly("tiny", "tiny.en", "base", "base.en", "small",
                        "small.en", "medium", "medium.en", "large-v3", "large-v3-turbo");
    }
}
