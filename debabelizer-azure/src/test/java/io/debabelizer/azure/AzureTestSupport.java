package io.debabelizer.azure;

import io.debabelizer.config.Secret;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.StreamEvents;
import io.debabelizer.tts.TtsProvider;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh fake and HTTP client per test, and providers configured against the fake's endpoint URL. */
abstract class AzureTestSupport {

    static final String KEY = "az-test-key-8c1f4e";
    static final Duration WAIT = Duration.ofSeconds(30);

    protected AzureFake fake;
    protected HttpClient client;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void startFake() {
        fake = AzureFake.start(KEY);
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stopFake() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        fake.close();
        client.close();
    }

    ProviderSettings settings() {
        return new ProviderSettings(Secret.of(KEY), Duration.ofSeconds(15), Duration.ofSeconds(15), client);
    }

    Map<String, String> config(Map<String, String> extra) {
        Map<String, String> c = new HashMap<>(Map.of("api_key", KEY, "endpoint", fake.endpoint().toString()));
        c.putAll(extra);
        return c;
    }

    SttProvider stt(Map<String, String> extra) {
        SttProvider p = new AzureProviderFactory().createStt(settings().context("azure", config(extra)));
        toClose.add(p);
        return p;
    }

    SttProvider stt() {
        return stt(Map.of());
    }

    TtsProvider tts(Map<String, String> extra) {
        TtsProvider p = new AzureProviderFactory().createTts(settings().context("azure", config(extra)));
        toClose.add(p);
        return p;
    }

    TtsProvider tts() {
        return tts(Map.of());
    }

    /** Reads events up to and including Closed. */
    static List<StreamEvent> drain(SpeechStream stream) throws InterruptedException {
        return StreamEvents.untilClosed(stream, WAIT);
    }

    static void sendInChunks(SpeechStream stream, byte[] audio, int from, int to, int chunk) {
        for (int off = from; off < to; off += chunk) {
            stream.send(audio, off, Math.min(chunk, to - off));
        }
    }

    static <T> List<T> only(List<StreamEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
