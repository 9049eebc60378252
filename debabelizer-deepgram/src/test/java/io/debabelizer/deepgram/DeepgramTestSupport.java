package io.debabelizer.deepgram;

import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.testkit.HttpClients;
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

/** A fresh fake and HTTP client per test, and providers configured against the fake. */
abstract class DeepgramTestSupport {

    static final String KEY = "dg-test-key-5e2b7c";
    static final Duration WAIT = Duration.ofSeconds(30);

    protected DeepgramFake fake;
    protected HttpClient client;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void startFake() {
        fake = DeepgramFake.start(KEY);
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stopFake() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        fake.close();
        HttpClients.closeOrFail(client);
    }

    ProviderSettings settings() {
        return new ProviderSettings(io.debabelizer.config.Secret.of(KEY), Duration.ofSeconds(15),
                Duration.ofSeconds(15), client);
    }

    Map<String, String> config(Map<String, String> extra) {
        Map<String, String> c = new HashMap<>(Map.of("api_key", KEY, "base_url", fake.baseUri().toString()));
        c.putAll(extra);
        return c;
    }

    SttProvider stt(Map<String, String> extra) {
        SttProvider p = new DeepgramProviderFactory().createStt(settings().context("deepgram", config(extra)));
        toClose.add(p);
        return p;
    }

    SttProvider stt() {
        return stt(Map.of());
    }

    TtsProvider tts(Map<String, String> extra) {
        TtsProvider p = new DeepgramProviderFactory().createTts(settings().context("deepgram", config(extra)));
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

    static void sendInChunks(SpeechStream stream, byte[] audio, int chunk) {
        for (int off = 0; off < audio.length; off += chunk) {
            stream.send(audio, off, Math.min(chunk, audio.length - off));
        }
    }

    static <T> List<T> only(List<StreamEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
