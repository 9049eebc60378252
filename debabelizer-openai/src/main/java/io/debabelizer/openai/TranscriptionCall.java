package io.debabelizer.openai;

import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.spi.http.MultipartBody;
import io.debabelizer.stt.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * One {@code POST /audio/transcriptions} (or {@code /audio/translations}): the multipart form, the exchange, and
 * the body read back as the format asked for — JSON, plain text, subtitles, or server-sent events when
 * {@code stream=true} (then each {@code transcript.text.delta} goes to a listener and
 * {@code transcript.text.done} makes the transcript).
 */
final class TranscriptionCall {

    static final String TRANSCRIPTIONS = "/audio/transcriptions";
    static final String TRANSLATIONS = "/audio/translations";

    /** Provider options this module interprets itself rather than passing on as form fields. */
    static final Set<String> OWN_OPTIONS = Set.of("translate", "split_long_audio", "max_upload_bytes", "stream");

    private final OpenAiSettings settings;
    private final String path;
    private final String model;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private String responseFormat = "json";
    private boolean stream;

    TranscriptionCall(OpenAiSettings settings, boolean translate, String model) {
        this.settings = settings;
        this.path = translate ? TRANSLATIONS : TRANSCRIPTIONS;
        this.model = model;
    }

    String model() {
        return model;
    }

    String responseFormat() {
        return responseFormat;
    }

    TranscriptionCall responseFormat(String format) {
        this.responseFormat = format.toLowerCase(Locale.ROOT);
        return this;
    }

    TranscriptionCall stream(boolean stream) {
        this.stream = stream;
        return this;
    }

    /** A form field; a collection becomes the repeated array field {@code name[]}. Null values are skipped. */
    TranscriptionCall field(String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
        return this;
    }

    static boolean isTextFormat(String format) {
        return format.equals("text") || format.equals("srt") || format.equals("vtt");
    }

    private HttpRequest build(AudioUpload upload) {
        MultipartBody form = new MultipartBody().file("file", upload.filename(), upload.contentType(),
                upload.bytes()).field("model", model);
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            if (f.getValue() instanceof Collection<?> values) {
                String name = f.getKey().endsWith("[]") ? f.getKey() : f.getKey() + "[]";
                values.forEach(v -> form.field(name, String.valueOf(v)));
            } else {
                form.field(f.getKey(), formValue(f.getValue()));
            }
        }
        form.field("response_format", responseFormat);
        if (stream) {
            form.field("stream", "true");
        }
        return settings.request(path).header("Content-Type", form.contentType()).POST(form.publisher()).build();
    }

    private static String formValue(Object v) {
        return v instanceof Map<?, ?> || v instanceof List<?> ? OpenAiJson.write(v) : String.valueOf(v);
    }

    /** Sends the audio and returns the transcript; with {@code stream}, deltas go to {@code onDelta} first. */
    Transcript execute(AudioUpload upload, double knownDuration, Consumer<String> onDelta) {
        HttpResponse<InputStream> r = send(build(upload));
        String requestId = r.headers().firstValue(OpenAiErrors.REQUEST_ID_HEADER).orElse(null);
        try (InputStream body = r.body()) {
            if (r.statusCode() / 100 != 2) {
                throw OpenAiErrors.forResponse(r.statusCode(), r.headers(), body.readAllBytes(), settings.apiKey());
            }
            String contentType = r.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (contentType.startsWith("text/event-stream")) {
                return readEvents(body, requestId, knownDuration, onDelta);
            }
            byte[] bytes = body.readAllBytes();
            if (isTextFormat(responseFormat)) {
                return TranscriptParser.fromText(new String(bytes, StandardCharsets.UTF_8), responseFormat, model,
                        requestId, knownDuration);
            }
            Transcript t = TranscriptParser.fromJson(OpenAiJson.parse(bytes, requestId), model, requestId,
                    knownDuration);
            if (onDelta != null && !t.text().isEmpty()) {
                onDelta.accept(t.text()); // a server that ignores stream=true (whisper-1): one piece, the whole text
            }
            return t;
        } catch (IOException e) {
            throw HttpErrors.forTransportFailure(OpenAiSettings.PROVIDER, e);
        }
    }

    private Transcript readEvents(InputStream body, String requestId, double knownDuration,
                                  Consumer<String> onDelta) throws IOException {
        JsonNode[] done = new JsonNode[1];
        SseEvents.read(body, data -> {
            if (data.equals("[DONE]")) {
                return false;
            }
            JsonNode e = OpenAiJson.parse(data, requestId);
            switch (e.path("type").asString("")) {
                case "transcript.text.delta" -> {
                    if (onDelta != null && e.path("delta").isString()) {
                        onDelta.accept(e.path("delta").asString());
                    }
                }
                case "transcript.text.done" -> {
                    done[0] = e;
                    return false;
                }
                case "error" -> throw OpenAiErrors.forRealtimeError(e.path("error"), requestId, settings.apiKey());
                default -> {
                    // transcript.text.segment and newer events carry nothing the common transcript holds
                }
            }
            return true;
        });
        if (done[0] == null) {
            throw new ProtocolException("the transcription event stream ended without transcript.text.done",
                    OpenAiSettings.PROVIDER, requestId, null);
        }
        return TranscriptParser.fromJson(done[0], model, requestId, knownDuration);
    }

    private HttpResponse<InputStream> send(HttpRequest request) {
        return HttpErrors.send(settings.httpClient(), request, HttpResponse.BodyHandlers.ofInputStream(),
                OpenAiSettings.PROVIDER);
    }

    static InvalidInputException invalid(String message) {
        return new InvalidInputException(message, OpenAiSettings.PROVIDER, null, null);
    }
}
