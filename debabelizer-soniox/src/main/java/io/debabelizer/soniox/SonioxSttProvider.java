package io.debabelizer.soniox;

import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.http.WebSocketConnector;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
        return WebSocketConnector.connect(client, settings.webSocketUri(),
                Map.of("Authorization", "Bearer " + settings.apiKey().reveal()), connectTimeout, stream.listener(),
                name(), (status, headers, body) -> SonioxErrors.forRest(name(), status, headers, body,
                        settings.apiKey()));
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
