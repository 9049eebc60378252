package io.debabelizer.soniox;

import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Wav;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.spi.http.MultipartBody;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Usage;
import io.debabelizer.stt.Word;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Batch transcription through Soniox's async REST API: upload the file ({@code POST /v1/files}, multipart),
 * create the transcription ({@code POST /v1/transcriptions}), poll {@code GET /v1/transcriptions/{id}} with
 * exponential backoff until it is {@code completed} or {@code error} (bounded by {@code max_wait}, by default the
 * request timeout), fetch {@code GET /v1/transcriptions/{id}/transcript}, and finally delete the transcription and
 * the file, on failure too, unless {@code keep_files} is set (config key or provider option): Soniox counts stored
 * files against the account's limits.
 */
final class SonioxBatch {

    private static final Logger log = LoggerFactory.getLogger(SonioxBatch.class);

    /** Provider option (boolean): keep the uploaded file and the transcription on Soniox. */
    static final String KEEP_FILES_OPTION = "keep_files";

    private final String provider;
    private final SonioxSettings settings;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final Polling polling;

    SonioxBatch(String provider, SonioxSettings settings, HttpClient client, Duration requestTimeout,
                Polling polling) {
        this.provider = provider;
        this.settings = settings;
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.polling = polling;
    }

    Transcript transcribe(TranscriptionRequest request) {
        AudioData audio = request.audio();
        if (audio.isEmpty()) {
            throw new InvalidInputException("the audio is empty", provider, null, null);
        }
        Upload upload = upload(audio.format(), audio);
        Instant deadline = polling.clock().instant().plus(settings.maxWait());
        boolean keep = keepFiles(request);
        String fileId = null;
        String transcriptionId = null;
        try {
            fileId = uploadFile(upload);
            JsonNode created = createTranscription(fileId, request);
            transcriptionId = requireText(created, "id", "the created transcription");
            JsonNode done = awaitCompletion(transcriptionId, deadline);
            JsonNode transcript = send(get("/v1/transcriptions/" + transcriptionId + "/transcript"), 200,
                    "the transcript");
            return toTranscript(request, done, transcript);
        } finally {
            if (keep) {
                log.debug("keeping Soniox file {} and transcription {} (keep_files)", fileId, transcriptionId);
            } else {
                cleanUp(transcriptionId, fileId);
            }
        }
    }

    private record Upload(String filename, String contentType, byte[] bytes) {
    }

    /** Containers go as they are; raw samples are wrapped in WAV, since an uploaded file must say what it holds. */
    private Upload upload(AudioFormat f, AudioData audio) {
        if (f.container() == Container.RAW) {
            if (!f.isUncompressed()) {
                throw new UnsupportedFormatException("raw " + f + " cannot be uploaded to " + provider
                        + "; give it a container (WAV, MP3, ...) or a known PCM/G.711 layout", provider, null, null);
            }
            return new Upload("audio.wav", Container.WAV.mimeType(), Wav.write(audio));
        }
        if (f.container() == Container.MP4) {
            return new Upload("audio.m4a", f.container().mimeType(), audio.bytes());
        }
        return new Upload("audio." + f.container().fileExtension(), f.container().mimeType(), audio.bytes());
    }

    private boolean keepFiles(TranscriptionRequest request) {
        Object v = request.providerOptions().get(KEEP_FILES_OPTION);
        if (v == null) {
            return settings.keepFiles();
        }
        return switch (String.valueOf(v).strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new InvalidInputException(KEEP_FILES_OPTION + " must be true or false, got '" + v + "'",
                    provider, null, null);
        };
    }

    private String uploadFile(Upload upload) {
        MultipartBody body = new MultipartBody().file("file", upload.filename(), upload.contentType(), upload.bytes());
        HttpRequest r = base("/v1/files").header("Content-Type", body.contentType())
                .POST(body.publisher()).build();
        return requireText(send(r, 201, "the uploaded file"), "id", "the uploaded file");
    }

    private JsonNode createTranscription(String fileId, TranscriptionRequest request) {
        ObjectNode b = SonioxJson.MAPPER.createObjectNode();
        b.put("model", request.model().orElse(settings.asyncModel()));
        b.put("file_id", fileId);
        if (request.language().isPresent()) {
            b.putArray("language_hints").add(SonioxLanguages.toHint(request.language().get(), provider));
        } else {
            b.put("enable_language_identification", true);
        }
        b.put("enable_speaker_diarization", request.diarize());
        for (Map.Entry<String, Object> o : request.providerOptions().entrySet()) {
            if (SonioxStreamConfig.OURS.contains(o.getKey())) {
                continue;
            }
            if (o.getKey().equals("language_hints")) {
                b.set("language_hints", SonioxStreamConfig.hints(o.getValue(), provider));
            } else {
                b.set(o.getKey(), SonioxJson.MAPPER.valueToTree(o.getValue()));
            }
        }
        HttpRequest r = base("/v1/transcriptions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SonioxJson.MAPPER.writeValueAsString(b))).build();
        return send(r, 201, "the created transcription");
    }

    /** Polls until completed; an {@code error} status or the deadline ends the wait with a typed exception. */
    private JsonNode awaitCompletion(String id, Instant deadline) {
        Duration pause = null;
        while (true) {
            JsonNode t = send(get("/v1/transcriptions/" + id), 200, "the transcription status");
            String status = t.path("status").asString("");
            switch (status) {
                case "completed" -> {
                    return t;
                }
                case "error" -> throw transcriptionFailed(id, t);
                case "queued", "processing" -> {
                    // keep waiting
                }
                default -> throw new ProtocolException("transcription " + id + " has an unknown status '" + status
                        + "'", provider, id, null);
            }
            pause = polling.next(pause);
            Instant now = polling.clock().instant();
            if (now.plus(pause).isAfter(deadline)) {
                throw new ProviderTimeoutException("transcription " + id + " was still " + status + " when the wait "
                        + "of " + settings.maxWait() + " ran out (raise max_wait for long recordings)", provider, id,
                        null);
            }
            try {
                polling.pause().sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DebabelizerException("interrupted while waiting for transcription " + id, provider, id, e);
            }
        }
    }

    private DebabelizerException transcriptionFailed(String id, JsonNode t) {
        String type = t.path("error_type").asString("");
        String message = "transcription failed" + (type.isEmpty() ? "" : " (" + type + ")") + ": "
                + HttpErrors.scrub(t.path("error_message").asString("no reason given"), settings.apiKey());
        return type.isEmpty() || type.contains("internal")
                ? new ProviderUnavailableException(message, provider, id, null)
                : new InvalidInputException(message, provider, id, null);
    }

    private Transcript toTranscript(TranscriptionRequest request, JsonNode status, JsonNode transcript) {
        List<SonioxToken> tokens = SonioxToken.parseAll(transcript.path("tokens"), true, provider);
        if (!transcript.path("tokens").isArray()) {
            throw new ProtocolException("the transcript has no tokens", provider, status.path("id").asString(null),
                    null);
        }
        List<SonioxWords.LanguageWord> words = SonioxWords.words(tokens);
        List<Word> plain = words.stream().map(SonioxWords.LanguageWord::word).toList();
        boolean translated = tokens.stream().anyMatch(t -> "translation".equals(t.translationStatus()));
        String text = transcript.path("text").isString() && !translated ? transcript.path("text").asString().strip()
                : SonioxWords.join(plain);
        String language = words.stream().map(SonioxWords.LanguageWord::language).filter(l -> l != null)
                .findFirst().map(SonioxLanguages::toBcp47).orElse(request.language().orElse(null));
        JsonNode durationMs = status.path("audio_duration_ms");
        double duration = durationMs.isNumber() ? durationMs.asDouble() / 1000.0 : -1;
        double confidence = tokens.stream().filter(SonioxToken::isSpeech).mapToDouble(SonioxToken::confidence)
                .filter(c -> !Double.isNaN(c)).average().orElse(Double.NaN);
        return new Transcript(text, language, duration, confidence, plain, provider,
                status.path("model").asString(null), status.path("id").asString(null),
                new Usage(Math.max(0, duration)));
    }

    /** Deletes what this call created; failures are logged, never thrown (they must not hide the result). */
    private void cleanUp(String transcriptionId, String fileId) {
        if (transcriptionId != null) {
            delete("/v1/transcriptions/" + transcriptionId, "transcription " + transcriptionId);
        }
        if (fileId != null) {
            delete("/v1/files/" + fileId, "file " + fileId);
        }
    }

    private void delete(String path, String what) {
        try {
            HttpResponse<byte[]> r = exchange(base(path).DELETE().build());
            if (r.statusCode() / 100 != 2 && r.statusCode() != 404) {
                log.warn("could not delete Soniox {}: {}", what,
                        SonioxErrors.forRest(provider, r.statusCode(), r.headers(), r.body(), settings.apiKey())
                                .getMessage());
            }
        } catch (DebabelizerException e) {
            log.warn("could not delete Soniox {}: {}", what, e.getMessage());
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    private HttpRequest.Builder base(String path) {
        URI uri = settings.rest(path);
        return HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Authorization", "Bearer " + settings.apiKey().reveal())
                .header("Accept", "application/json");
    }

    private HttpRequest get(String path) {
        return base(path).GET().build();
    }

    /** Sends and returns the JSON object of a response with {@code expected} status (other 2xx are accepted). */
    private JsonNode send(HttpRequest request, int expected, String what) {
        HttpResponse<byte[]> r = exchange(request);
        if (r.statusCode() / 100 != 2) {
            throw SonioxErrors.forRest(provider, r.statusCode(), r.headers(), r.body(), settings.apiKey());
        }
        if (r.statusCode() != expected) {
            log.debug("{} {} answered {} (expected {})", request.method(), request.uri().getPath(), r.statusCode(),
                    expected);
        }
        return SonioxJson.object(provider, r.body(), what);
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) {
        return HttpErrors.send(client, request, HttpResponse.BodyHandlers.ofByteArray(), provider);
    }

    private String requireText(JsonNode n, String field, String what) {
        JsonNode v = n.path(field);
        if (!v.isString() || v.asString().isBlank()) {
            throw new ProtocolException(what + " has no '" + field + "'", provider, null, null);
        }
        return v.asString();
    }
}
