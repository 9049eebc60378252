package io.debabelizer.elevenlabs;

import io.debabelizer.ConfigurationException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.spi.http.BaseUrl;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything an ElevenLabs provider needs from its configuration section and the processor.
 *
 * @param apiKey        sent as {@code xi-api-key} on every request and WebSocket upgrade
 * @param httpBase      REST base, e.g. {@code https://api.elevenlabs.io} (no trailing slash)
 * @param wsBase        WebSocket base derived from {@code httpBase} (https→wss, http→ws)
 * @param model         default TTS model
 * @param voice         default voice, an id or a name
 * @param sttModel      default Scribe model
 * @param chunkSchedule {@code generation_config.chunk_length_schedule} for text streams, empty for the server's
 * @param keepAlive     a text stream with no text sent for this long sends a single space, so the server's
 *                      inactivity timeout (20 s by default) does not end it while the application thinks
 */
record ElevenLabsSettings(Secret apiKey, URI httpBase, URI wsBase, String model, String voice, String sttModel,
                          List<Integer> chunkSchedule, Duration keepAlive, HttpClient httpClient, Duration requestTimeout,
                          Duration connectTimeout) {

    static final String PROVIDER = "elevenlabs";
    static final URI DEFAULT_BASE = URI.create("https://api.elevenlabs.io");
    static final String DEFAULT_MODEL = "eleven_multilingual_v2";
    /** "Rachel", a premade voice every account has. */
    static final String DEFAULT_VOICE = "21m00Tcm4TlvDq8ikWAM";
    static final String DEFAULT_STT_MODEL = "scribe_v1";
    static final String API_KEY_HEADER = "xi-api-key";
    static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

    ElevenLabsSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(httpBase, "httpBase");
        Objects.requireNonNull(wsBase, "wsBase");
        Objects.requireNonNull(httpClient, "httpClient");
        chunkSchedule = List.copyOf(chunkSchedule);
    }

    static ElevenLabsSettings from(ProviderContext context) {
        ProviderConfig c = context.config();
        Secret key = c.secret("api_key").orElseThrow(() -> new ConfigurationException(
                "elevenlabs.api_key is not set (environment variable ELEVENLABS_API_KEY)"));
        BaseUrl base = BaseUrl.from(c, "base_url", DEFAULT_BASE);
        List<Integer> schedule = c.string("chunk_length_schedule")
                .map(s -> parseSchedule(s, problem -> c.invalid("chunk_length_schedule", problem)))
                .orElse(List.of());
        Duration keepAlive = c.duration("keep_alive").orElse(DEFAULT_KEEP_ALIVE);
        if (keepAlive.isZero() || keepAlive.isNegative()) {
            throw c.invalid("keep_alive", "must be positive");
        }
        return new ElevenLabsSettings(key, base.http(), base.ws(), c.string("model").orElse(DEFAULT_MODEL),
                c.string("voice").orElse(DEFAULT_VOICE), c.string("stt_model").orElse(DEFAULT_STT_MODEL), schedule,
                keepAlive, context.httpClient(), context.requestTimeout(), context.connectTimeout());
    }

    /**
     * A chunk length schedule from {@code "120,160,250,290"} or a list: each item 50–500 characters, as the
     * stream-input API requires.
     */
    static List<Integer> parseSchedule(Object value, java.util.function.Function<String, RuntimeException> invalid) {
        List<Integer> out = new ArrayList<>();
        Iterable<?> items = value instanceof Iterable<?> it ? it
                : List.of(value.toString().replace("[", "").replace("]", "").split("\\s*,\\s*"));
        for (Object item : items) {
            String s = String.valueOf(item).trim();
            if (s.isEmpty()) {
                continue;
            }
            int n;
            try {
                n = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw invalid.apply("'" + s + "' is not a whole number of characters");
            }
            if (n < 50 || n > 500) {
                throw invalid.apply("chunk lengths must be 50 to 500 characters, not " + n);
            }
            out.add(n);
        }
        if (out.isEmpty()) {
            throw invalid.apply("the chunk length schedule is empty");
        }
        return out;
    }



    URI http(String pathAndQuery) {
        return URI.create(httpBase + pathAndQuery);
    }

    URI ws(String pathAndQuery) {
        return URI.create(wsBase + pathAndQuery);
    }

    @Override
    public String toString() {
        return "ElevenLabsSettings[" + httpBase + ", model=" + model + ", voice=" + voice + ", sttModel=" + sttModel
                + "]";
    }
}
