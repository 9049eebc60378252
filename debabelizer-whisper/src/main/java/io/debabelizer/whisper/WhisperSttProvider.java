package io.debabelizer.whisper;

import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Usage;
import io.debabelizer.stt.Word;
import io.debabelizer.whisper.models.WhisperModels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speech-to-text with whisper.cpp on this machine. Each model file is loaded once and shared by all calls; each
 * concurrent call decodes with its own whisper.cpp state (see {@link LoadedModel}).
 */
final class WhisperSttProvider implements SttProvider {

    private static final Logger LOG = LoggerFactory.getLogger(WhisperSttProvider.class);
    /** Segments that only annotate non-speech, e.g. "[BLANK_AUDIO]", "(music)", "[ Silence ]". */
    private static final Pattern ANNOTATION = Pattern.compile("\\s*(\\[[^\\]]*\\]|\\([^)]*\\)|\\*[^*]*\\*)\\s*");

    private final ProviderDescriptor descriptor;
    private final ProviderConfig config;
    private final WhisperModels models;
    private final boolean autoDownload;
    private final ConcurrentHashMap<Path, LoadedModel> loaded = new ConcurrentHashMap<>();
    private volatile boolean closed;

    WhisperSttProvider(ProviderDescriptor descriptor, ProviderConfig config, WhisperModels models,
                       boolean autoDownload) {
        this.descriptor = descriptor;
        this.config = config;
        this.models = models;
        this.autoDownload = autoDownload;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Transcript transcribe(TranscriptionRequest request) {
        WhisperSettings settings = WhisperSettings.resolve(request, config);
        float[] samples = Samples.toWhisperInput(request.audio());
        if (samples.length == 0) {
            throw new InvalidInputException("the audio is empty", "whisper", null, null);
        }
        ModelFile modelFile = locateModel(settings);
        LoadedModel model = load(modelFile.path());
        String language = settings.language();
        if (!model.multilingual()) {
            if (language != null && !language.equals("en")) {
                throw new InvalidInputException("Whisper model " + modelFile.name() + " knows English only; for '"
                        + language + "' use a multilingual model (e.g. base, small, large-v3-turbo)", "whisper",
                        null, null);
            }
            if (settings.translate()) {
                throw new InvalidInputException("translation to English needs a multilingual Whisper model, not "
                        + modelFile.name(), "whisper", null, null);
            }
            language = "en"; // nothing to detect, and whisper.cpp's detector is meaningless on these models
        }

        WhisperCpp whisper = model.api();
        List<String> nativeLog = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        String decodedLanguage;
        MemorySegment state = model.borrow();
        try (Arena arena = Arena.ofConfined()) {
            FullParams params = FullParams.defaults(whisper, settings.beamSize() > 1 ? 1 : 0, arena)
                    .apply(settings, language);
            MemorySegment pcm = arena.allocateFrom(ValueLayout.JAVA_FLOAT, samples);
            int rc = WhisperNative.captureLog(nativeLog::add,
                    () -> whisper.full(model.context(), state, params.segment(), pcm, samples.length));
            if (rc != 0) {
                throw failure(rc, language, nativeLog);
            }
            int n = whisper.segments(state);
            for (int i = 0; i < n; i++) {
                List<Word> words = settings.wordTimestamps()
                        ? TokenWords.of(tokens(whisper, model, state, i, arena), model.firstSpecialToken())
                        : List.of();
                segments.add(new Segment(whisper.segmentText(state, i), whisper.segmentStart(state, i) / 100.0,
                        whisper.segmentEnd(state, i) / 100.0, words));
            }
            decodedLanguage = whisper.language(state);
        } finally {
            model.release(state);
        }
        return toTranscript(segments, language != null ? language : decodedLanguage, samples.length,
                modelFile.name(), settings.wordTimestamps());
    }

    private static List<WhisperCpp.Token> tokens(WhisperCpp whisper, LoadedModel model, MemorySegment state,
                                                 int segment, Arena arena) {
        int n = whisper.tokens(state, segment);
        List<WhisperCpp.Token> tokens = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            tokens.add(whisper.token(model.context(), state, segment, t, arena));
        }
        return tokens;
    }

    private static RuntimeException failure(int rc, String language, List<String> nativeLog) {
        String last = nativeLog.isEmpty() ? "no detail" : nativeLog.get(nativeLog.size() - 1);
        if (nativeLog.stream().anyMatch(l -> l.contains("unknown language"))) {
            return new InvalidInputException("whisper.cpp does not know language '" + language + "'", "whisper",
                    null, null);
        }
        return new ProviderUnavailableException("whisper.cpp failed (code " + rc + "): " + last, "whisper", null,
                null);
    }

    private Transcript toTranscript(List<Segment> segments, String language, int sampleCount, String modelName,
                                    boolean wantWords) {
        StringBuilder text = new StringBuilder();
        List<Word> words = new ArrayList<>();
        for (Segment seg : segments) {
            String t = seg.text().strip();
            if (t.isEmpty() || ANNOTATION.matcher(t).matches()) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(t);
            if (wantWords) {
                // whisper.cpp's token timestamps; the proportional estimate only if a segment came without them
                words.addAll(!seg.words().isEmpty() ? seg.words()
                        : SegmentWords.split(t, seg.start(), Math.max(seg.start(), seg.end())));
            }
        }
        double seconds = sampleCount / (double) Samples.RATE;
        return new Transcript(text.toString(), language, seconds, Double.NaN, words, descriptor.name(), modelName,
                null, new Usage(seconds));
    }

    private LoadedModel load(Path file) {
        if (closed) {
            throw new ProviderUnavailableException("the whisper provider is closed", "whisper", null, null);
        }
        LoadedModel model = loaded.computeIfAbsent(file, f -> {
            LOG.info("loading Whisper model {}", f);
            WhisperNative.Status status = WhisperNative.status();
            if (!status.loaded()) {
                throw new ProviderUnavailableException(status.problem(), "whisper", null, null);
            }
            return LoadedModel.load(status.api(), f);
        });
        if (closed) {
            close();
            throw new ProviderUnavailableException("the whisper provider is closed", "whisper", null, null);
        }
        return model;
    }

    /** Finds the model file for these settings, downloading it first when {@code auto_download} is on. */
    private ModelFile locateModel(WhisperSettings s) {
        if (s.modelPath() != null) {
            return ModelFile.ofPath(Path.of(s.modelPath()), "model_path");
        }
        String name = s.model();
        if (name != null && (name.contains("/") || name.contains(java.io.File.separator))) {
            return ModelFile.ofPath(Path.of(name), "model");
        }
        if (name == null) {
            name = models.defaultInstalled().orElse(null);
            if (name == null && !autoDownload) {
                throw new ProviderUnavailableException(WhisperProviderFactory.noModelMessage(models), "whisper",
                        null, null);
            }
            if (name == null) {
                name = WhisperModels.DEFAULT_MODEL;
            }
        }
        var installed = models.installed(name);
        if (installed.isPresent()) {
            return new ModelFile(name, installed.get());
        }
        if (!autoDownload) {
            throw new ProviderUnavailableException(WhisperProviderFactory.notInstalledMessage(models, name),
                    "whisper", null, null);
        }
        LOG.info("downloading Whisper model {} from {} (auto_download is on)", name, models.downloadUrl(name));
        return new ModelFile(name, models.pull(name, (done, total) -> { }));
    }

    @Override
    public void close() {
        closed = true;
        for (Path file : List.copyOf(loaded.keySet())) {
            LoadedModel model = loaded.remove(file);
            if (model != null) {
                model.close();
            }
        }
    }

    private record Segment(String text, double start, double end, List<Word> words) {
    }

    /** A model file and the name to report it by. */
    private record ModelFile(String name, Path path) {

        static ModelFile ofPath(Path path, String key) {
            if (!Files.isRegularFile(path)) {
                throw new ProviderUnavailableException("Whisper " + key + " " + path + " is not a file", "whisper",
                        null, null);
            }
            String file = path.getFileName().toString();
            String name = file.startsWith("ggml-") && file.endsWith(".bin")
                    ? file.substring(5, file.length() - 4) : file;
            return new ModelFile(name, path.toAbsolutePath().normalize());
        }
    }
}
