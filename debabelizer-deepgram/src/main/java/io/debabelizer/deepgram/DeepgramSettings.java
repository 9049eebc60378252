package io.debabelizer.deepgram;

import io.debabelizer.ConfigurationException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.spi.http.BaseUrl;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a Deepgram provider needs from its configuration section and the processor.
 *
 * @param apiKey            sent as {@code Authorization: Token <key>}
 * @param httpBase          REST base, e.g. {@code https://api.deepgram.com} (no trailing slash)
 * @param wsBase            WebSocket base derived from {@code httpBase} (https→wss, http→ws)
 * @param model             default STT model
 * @param ttsModel          default Aura voice model
 * @param keepAliveInterval application silence after which a live stream sends {@code KeepAlive}
 */
record DeepgramSettings(Secret apiKey, URI httpBase, URI wsBase, String model, String ttsModel,
                        Duration keepAliveInterval, HttpClient httpClient, Duration requestTimeout,
                        Duration connectTimeout) {

    static final String PROVIDER = "deepgram";
    static final URI DEFAULT_BASE = URI.create("https://api.deepgram.com");
    static final String DEFAULT_MODEL = "nova-3";
    static final String DEFAULT_TTS_MODEL = "aura-2-thalia-en";
    /** The server closes a stream after about 10 s without audio or KeepAlive; the docs advise 3–5 s. */
    static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(5);

    DeepgramSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(httpBase, "httpBase");
        Objects.requireNonNull(wsBase, "wsBase");
        Objects.requireNonNull(httpClient, "httpClient");
    }

    static DeepgramSettings from(ProviderContext context) {
        ProviderConfig c = context.config();
        Secret key = c.secret("api_key").orElseThrow(() -> new ConfigurationException(
                "deepgram.api_key is not set (environment variable DEEPGRAM_API_KEY)"));
        BaseUrl base = BaseUrl.from(c, "base_url", DEFAULT_BASE);
        Duration keepAlive = c.duration("keep_alive").orElse(DEFAULT_KEEP_ALIVE);
        if (keepAlive.isZero() || keepAlive.isNegative()) {
            throw c.invalid("keep_alive", "must be positive");
        }
        return new DeepgramSettings(key, base.http(), base.ws(), c.string("model").orElse(DEFAULT_MODEL),
                c.string("tts_model").orElse(DEFAULT_TTS_MODEL), keepAlive, context.httpClient(),
                context.requestTimeout(), context.connectTimeout());
    }



    URI http(String pathAndQuery) {
        return URI.create(httpBase + pathAndQuery);
    }

    URI ws(String pathAndQuery) {
        return URI.create(wsBase + pathAndQuery);
    }

    /** The Authorization header value. */
    String authorization() {
        return "Token " + apiKey.reveal();
    }

    @Override
    public String toString() {
        return "DeepgramSettings[" + httpBase + ", model=" + model + ", ttsModel=" + ttsModel + "]";
    }
}
