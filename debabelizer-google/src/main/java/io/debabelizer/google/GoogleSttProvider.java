package io.debabelizer.google;

import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Google Speech-to-Text v1: {@code speech:recognize} for short recordings, {@code speech:longrunningrecognize} with
 * bounded polling of {@code operations/{name}} for long ones, gRPC {@code StreamingRecognize} for live audio.
 */
final class GoogleSttProvider implements SttProvider {

    static final String RECOGNIZE = "/v1/speech:recognize";
    static final String LONG_RUNNING_RECOGNIZE = "/v1/speech:longrunningrecognize";
    static final String OPERATIONS = "/v1/operations/";
    /** Synchronous recognition takes about a minute of audio and 10 MB of request at most. */
    static final double SYNC_MAX_SECONDS = 59;
    static final int SYNC_MAX_BYTES = 10_000_000;
    private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(5);

    private final GoogleSettings settings;
    private final GoogleRest rest;
    private final GrpcChannel channel;
    private final Set<GoogleSpeechStream> open = ConcurrentHashMap.newKeySet();

    GoogleSttProvider(GoogleSettings settings) {
        this.settings = settings;
        this.rest = new GoogleRest(settings);
        this.channel = new GrpcChannel(settings, settings.speechGrpcTarget(), settings.grpcPlaintext());
    }

    @Override
    public ProviderDescriptor descriptor() {
        return GoogleProviderFactory.DESCRIPTOR;
    }

    // ---- batch ----------------------------------------------------------------------------------------------

    @Override
    public Transcript transcribe(TranscriptionRequest request) {
        if (request.audio().isEmpty()) {
            throw new InvalidInputException("the audio is empty", name(), null, null);
        }
        SpeechEncoding encoding = SpeechEncoding.of(request.audio());
        RecognitionOptions options = RecognitionOptions.of(request, settings);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("config", options.toJson(encoding));
        body.put("audio", Map.of("content", Base64.getEncoder().encodeToString(encoding.audio().bytes())));
        double seconds = encoding.durationSeconds();
        boolean longRunning = RecognitionOptions.bool(request.providerOptions().get("long_running"))
                || seconds > SYNC_MAX_SECONDS || encoding.audio().size() * 4L / 3 > SYNC_MAX_BYTES;
        JsonNode response = longRunning ? recognizeLongRunning(body) : recognize(body);
        return RecognizeResponses.transcript(response, options.model(), seconds);
    }

    private JsonNode recognize(Map<String, Object> body) {
        try {
            return rest.post(settings.speech(RECOGNIZE), body);
        } catch (InvalidInputException e) {
            // Compressed audio has no duration without decoding: Google says when it is too long to do at once.
            if (e.getMessage() != null && e.getMessage().contains("LongRunningRecognize")) {
                return recognizeLongRunning(body);
            }
            throw e;
        }
    }

    private JsonNode recognizeLongRunning(Map<String, Object> body) {
        JsonNode operation = rest.post(settings.speech(LONG_RUNNING_RECOGNIZE), body);
        String name = operation.path("name").asString(null);
        if (name == null || name.isBlank()) {
            throw new ProtocolException("longrunningrecognize answered without an operation name", name(), null,
                    null);
        }
        Instant deadline = Instant.now().plus(settings.operationTimeout());
        Duration wait = settings.pollInterval();
        while (!operation.path("done").asBoolean(false)) {
            if (Instant.now().plus(wait).isAfter(deadline)) {
                throw new ProviderTimeoutException("operation " + name + " was not done within "
                        + settings.operationTimeout() + " (google.operation_timeout)", name(), name, null);
            }
            sleep(wait);
            wait = min(wait.multipliedBy(2), MAX_POLL_INTERVAL);
            operation = rest.get(settings.speech(OPERATIONS + name));
        }
        if (operation.has("error")) {
            throw GoogleErrors.forRpcStatus(operation.get("error"), name, settings.secrets());
        }
        JsonNode response = operation.path("response");
        if (!response.isObject()) {
            throw new ProtocolException("operation " + name + " is done without response or error", name(), name,
                    null);
        }
        return response;
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DebabelizerException("interrupted while waiting for a long-running recognition", name(),
                    null, e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    // ---- live -----------------------------------------------------------------------------------------------

    /**
     * Opens a {@code StreamingRecognize} call; returns once Google accepted it (response headers) or throws its
     * refusal. Provider options: {@code single_utterance} (the stream completes after one utterance), and those of
     * {@link RecognitionOptions}.
     */
    @Override
    public SpeechStream openStream(StreamRequest request) {
        GoogleSpeechStream stream = new GoogleSpeechStream(request, settings, channel, open::remove);
        open.add(stream);
        try {
            stream.open();
        } catch (RuntimeException e) {
            open.remove(stream);
            stream.cancel(StreamEvent.CloseReason.CANCELLED);
            throw e;
        }
        return stream;
    }

    @Override
    public void close() {
        for (GoogleSpeechStream s : List.copyOf(open)) {
            s.cancel(StreamEvent.CloseReason.SHUTDOWN);
        }
        channel.close();
    }

    @Override
    public String toString() {
        return "GoogleSttProvider[" + settings + "]";
    }
}
