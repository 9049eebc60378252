package io.debabelizer.openai;

import io.debabelizer.audio.AudioConverter;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.fake.TestAudio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Shared set-up: providers pointed at a fake, and the 24 kHz recording the Realtime API takes. */
final class OpenAiTestSupport {

    static final String KEY = ProviderSettings.KIT_API_KEY;
    private static volatile Path jfk24k;

    private OpenAiTestSupport() {
    }

    /**
     * {@code jfk.wav} resampled once to 24 kHz, the only PCM rate of the Realtime API, so that the audio a live
     * stream sends reaches the server byte for byte (other rates are resampled on the way; tested separately).
     * An absolute path, which {@link TestAudio#speech} resolves as it is.
     */
    static synchronized String jfk24k() {
        if (jfk24k == null) {
            try {
                TestAudio.Wav wav = TestAudio.speech("jfk.wav");
                byte[] pcm = AudioConverter.toPcm16(wav.asPcmAudio(), 24_000, 1).bytes();
                Path file = Files.createTempFile("jfk-24k-", ".wav");
                file.toFile().deleteOnExit();
                Files.write(file, TestAudio.toWav(pcm, 24_000, 1));
                jfk24k = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jfk24k.toString();
    }

    static Map<String, String> config(OpenAiFake fake, String... extra) {
        Map<String, String> m = new HashMap<>();
        m.put("api_key", KEY);
        m.put("base_url", fake.baseUri().toString());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            m.put(extra[i], extra[i + 1]);
        }
        return m;
    }

    static ProviderSettings settings(HttpClient client, Duration timeout) {
        return new ProviderSettings(io.debabelizer.config.Secret.of(KEY), timeout, timeout, client);
    }

    static OpenAiSttProvider stt(OpenAiFake fake, HttpClient client, String... extra) {
        return (OpenAiSttProvider) new OpenAiProviderFactory().createStt(settings(client, Duration.ofSeconds(15))
                .context("openai", config(fake, extra)));
    }

    static OpenAiTtsProvider tts(OpenAiFake fake, HttpClient client, Duration timeout, String... extra) {
        return (OpenAiTtsProvider) new OpenAiProviderFactory().createTts(settings(client, timeout)
                .context("openai", config(fake, extra)));
    }
}
