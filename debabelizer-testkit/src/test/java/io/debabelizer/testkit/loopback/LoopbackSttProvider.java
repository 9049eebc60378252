package io.debabelizer.testkit.loopback;

import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Encoding;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Usage;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.fake.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/** Speech-to-text over the loopback protocol: batch over HTTP, live over WebSocket. */
final class LoopbackSttProvider implements SttProvider {

    private final ProviderDescriptor descriptor;
    private final Secret key;
    private final URI httpBase;
    private final URI wsBase;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final Set<LoopbackSpeechStream> open = ConcurrentHashMap.newKeySet();

    LoopbackSttProvider(ProviderDescriptor descriptor, Secret key, URI httpBase, URI wsBase, HttpClient client,
                        Duration requestTimeout, Duration connectTimeout) {
        this.descriptor = descriptor;
        this.key = key;
        this.httpBase = httpBase;
        this.wsBase = wsBase;
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Transcript transcribe(TranscriptionRequest request) {
        if (request.audio().isEmpty()) {
            throw new InvalidInputException("the audio is empty", name(), null, null);
        }
        HttpRequest http = HttpRequest.newBuilder(httpBase.resolve(LoopbackProtocol.TRANSCRIBE
                        + "?language=" + request.language().orElse("auto") + "&punctuate=" + request.punctuate()))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + key.reveal())
                .header("Content-Type", request.audio().format().container().mimeType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.audio().bytes()))
                .build();
        HttpResponse<byte[]> response = send(http);
        if (response.statusCode() / 100 != 2) {
            throw LoopbackProtocol.httpError(name(), response.statusCode(), response.headers(), response.body(), key);
        }
        String requestId = response.headers().firstValue(LoopbackProtocol.REQUEST_ID_HEADER).orElse(null);
        JsonNode root = LoopbackProtocol.parse(name(), response.body());
        JsonNode text = root.path("text");
        if (!text.isString()) {
            throw new ProtocolException("response has no text", name(), requestId, null);
        }
        double duration = root.path("duration").asDouble(-1);
        return new Transcript(text.asString(), root.path("language").asString(null), duration, Double.NaN,
                words(root.path("words"), name()), name(), null, requestId,
                new Usage(Math.max(0, duration)));
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw HttpErrors.forTransportFailure(name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DebabelizerException("interrupted while waiting for " + name(), name(), null, e);
        }
    }

    /** Words of a result; a malformed entry is a protocol error. */
    static List<Word> words(JsonNode array, String provider) {
        List<Word> words = new ArrayList<>();
        for (JsonNode w : array) {
            if (!w.path("word").isString() || !w.path("start").isNumber() || !w.path("end").isNumber()) {
                throw new ProtocolException("malformed word " + w, provider, null, null);
            }
            try {
                words.add(new Word(w.path("word").asString(), w.path("punctuated").asString(null),
                        w.path("start").asDouble(), w.path("end").asDouble(), w.path("confidence").asDouble(Double.NaN),
                        null));
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("malformed word " + w + ": " + e.getMessage(), provider, null, e);
            }
        }
        return words;
    }

    @Override
    public SpeechStream openStream(StreamRequest request) {
        AudioFormat f = request.format();
        if (f.encoding() != Encoding.PCM_SIGNED || f.bitsPerSample() != 16 || f.bigEndian() || !f.isUncompressed()) {
            throw new InvalidInputException("live streaming to " + name() + " needs 16-bit little-endian PCM, got "
                    + f, name(), null, null);
        }
        LoopbackSpeechStream stream = new LoopbackSpeechStream(name(), request, open::remove);
        WebSocket ws = connect(stream, URI.create(wsBase + LoopbackProtocol.STREAM));
        open.add(stream);
        Map<String, Object> config = Map.of("type", "config", "sample_rate", f.sampleRate(), "channels",
                f.channels(), "encoding", "pcm_s16le", "language", request.language().orElse("auto"),
                "interim_results", request.interimResults());
        stream.begin(ws, Json.write(config));
        return stream;
    }

    private WebSocket connect(LoopbackSpeechStream stream, URI uri) {
        var future = client.newWebSocketBuilder()
                .connectTimeout(connectTimeout)
                .header("Authorization", "Bearer " + key.reveal())
                .buildAsync(uri, stream.listener());
        try {
            // The builder's timeout covers the handshake; the extra wait only guards against a client bug.
            return future.get(connectTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException h) {
                HttpResponse<?> r = h.getResponse();
                Object body = r.body();
                byte[] bytes = body instanceof byte[] b ? b
                        : String.valueOf(body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
                throw LoopbackProtocol.httpError(name(), r.statusCode(), r.headers(), bytes, key);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new ProviderTimeoutException("no answer to the stream handshake within " + connectTimeout,
                        name(), null, cause);
            }
            throw HttpErrors.forTransportFailure(name(), cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ProviderTimeoutException("no answer to the stream handshake within " + connectTimeout, name(),
                    null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new ProviderUnavailableException("interrupted while connecting", name(), null, e);
        }
    }

    @Override
    public void close() {
        for (LoopbackSpeechStream s : List.copyOf(open)) {
            s.cancel(io.debabelizer.stt.StreamEvent.CloseReason.SHUTDOWN);
        }
    }
}
