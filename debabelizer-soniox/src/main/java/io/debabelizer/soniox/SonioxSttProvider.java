package io.debabelizer.soniox;

import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Soniox speech-to-text: batch via {@link SonioxBatch}, live via {@link SonioxSpeechStream}. Thread-safe. */
final class SonioxSttProvider implements SttProvider {

    private final SonioxSettings settings;
    private final HttpClient client;
    private final Duration connectTimeout;
    private final SonioxBatch batch;
    private final Set<SonioxSpeechStream> open = ConcurrentHashMap.newKeySet();

    SonioxSttProvider(SonioxSettings settings, HttpClient client, Duration requestTimeout, Duration connectTimeout) {
        this(settings, client, requestTimeout, connectTimeout, Polling.standard(settings.pollInterval()));
    }

    SonioxSttProvider(SonioxSettings settings, HttpClient client, Duration requestTimeout, Duration connectTimeout,
                      Polling polling) {
        this.settings = settings;
        this.client = client;
        this.connectTimeout = connectTimeout;
        this.batch = new SonioxBatch(SonioxProviderFactory.NAME, settings, client, requestTimeout, polling);
    }

    @Override
    public ProviderDescriptor descriptor() {
        return SonioxProviderFactory.DESCRIPTOR;
    }

    @Override
    public Transcript transcribe(TranscriptionRequest request) {
        return batch.transcribe(request);
    }

    @Override
    public SpeechStream openStream(StreamRequest request) {
        SonioxSpeechStream stream = new SonioxSpeechStream(name(), request, settings.apiKey(), open::remove);
        String config = SonioxStreamConfig.json(request, settings.model(), stream.sessionId(), name());
        WebSocket ws = connect(stream);
        open.add(stream);
        try {
            stream.begin(ws, config);
        } catch (RuntimeException e) {
            stream.cancel(StreamEvent.CloseReason.FAILED); // never handed out: just release it
            throw e;
        }
        return stream;
    }

    /** Opens the WebSocket, the key in the upgrade's Authorization header; handshake failures become typed. */
    private WebSocket connect(SonioxSpeechStream stream) {
        var future = client.newWebSocketBuilder()
                .connectTimeout(connectTimeout)
                .header("Authorization", "Bearer " + settings.apiKey().reveal())
                .buildAsync(settings.webSocketUri(), stream.listener());
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
                throw SonioxErrors.forRest(name(), r.statusCode(), r.headers(), bytes, settings.apiKey());
            }
            if (cause instanceof HttpTimeoutException) {
                throw new ProviderTimeoutException("no answer to the WebSocket handshake within " + connectTimeout,
                        name(), null, cause);
            }
            throw HttpErrors.forTransportFailure(name(), cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ProviderTimeoutException("no answer to the WebSocket handshake within " + connectTimeout,
                    name(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new ProviderUnavailableException("interrupted while connecting", name(), null, e);
        }
    }

    @Override
    public void close() {
        for (SonioxSpeechStream s : List.copyOf(open)) {
            s.cancel(StreamEvent.CloseReason.SHUTDOWN);
        }
    }

    @Override
    public String toString() {
        return "SonioxSttProvider[" + settings + "]";
    }
}
