package io.debabelizer.elevenlabs;

import io.debabelizer.config.Secret;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.testkit.HttpClients;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.tts.AudioChunk;
import io.debabelizer.tts.SpeechTiming;
import io.debabelizer.tts.SynthesisStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh fake and HTTP client per test, and providers configured against the fake. */
abstract class ElevenLabsTestSupport {

    static final String KEY = "xi-test-key-0d41b9";
    static final Duration WAIT = Duration.ofSeconds(30);

    protected ElevenLabsFake fake;
    protected HttpClient client;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void startFake() {
        fake = ElevenLabsFake.start(KEY);
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

    ProviderSettings settings(Duration timeout) {
        return new ProviderSettings(Secret.of(KEY), timeout, timeout, client);
    }

    Map<String, String> config(Map<String, String> extra) {
        Map<String, String> c = new HashMap<>(Map.of("api_key", KEY, "base_url", fake.baseUri().toString()));
        c.putAll(extra);
        return c;
    }

    ElevenLabsTtsProvider tts(Map<String, String> extra, Duration timeout) {
        ElevenLabsTtsProvider p = (ElevenLabsTtsProvider) new ElevenLabsProviderFactory().createTts(
                settings(timeout).context("elevenlabs", config(extra)));
        toClose.add(p);
        return p;
    }

    ElevenLabsTtsProvider tts(Map<String, String> extra) {
        return tts(extra, Duration.ofSeconds(15));
    }

    ElevenLabsTtsProvider tts() {
        return tts(Map.of());
    }

    SttProvider stt() {
        SttProvider p = new ElevenLabsProviderFactory().createStt(settings(Duration.ofSeconds(15))
                .context("elevenlabs", config(Map.of())));
        toClose.add(p);
        return p;
    }

    /** Everything a stream delivers: audio bytes and timings, up to the last chunk. */
    record Drained(byte[] audio, List<SpeechTiming> timings, int chunks) {
    }

    static Drained drain(SynthesisStream s) throws InterruptedException {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        List<SpeechTiming> timings = new ArrayList<>();
        int chunks = 0;
        AudioChunk c;
        while (!(c = s.nextChunk()).last()) {
            audio.writeBytes(c.data());
            timings.addAll(c.timings());
            chunks++;
        }
        return new Drained(audio.toByteArray(), timings, chunks);
    }

    /** Timings are monotone: starts never go back, each ends at or after its start. */
    static void assertMonotone(List<SpeechTiming> timings) {
        double lastStart = 0;
        for (SpeechTiming t : timings) {
            org.assertj.core.api.Assertions.assertThat(t.start()).as("start of %s", t).isGreaterThanOrEqualTo(lastStart);
            org.assertj.core.api.Assertions.assertThat(t.end()).as("end of %s", t).isGreaterThanOrEqualTo(t.start());
            lastStart = t.start();
        }
    }

    /** The timings name exactly the words of {@code text}, in order. */
    static void assertCoversText(List<SpeechTiming> timings, String text) {
        org.assertj.core.api.Assertions.assertThat(timings).extracting(SpeechTiming::text)
                .containsExactly(text.strip().split("\\s+"));
    }
}
