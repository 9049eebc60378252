package io.debabelizer.deepgram;

import io.debabelizer.ConfigurationException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
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
        URI base = c.uri("base_url").orElse(DEFAULT_BASE);
        URI http = stripTrailingSlash(base);
        Duration keepAlive = c.duration("keep_alive").orElse(DEFAULT_KEEP_ALIVE);
        if (keepAlive.isZero() || keepAlive.isNegative()) {
            throw c.invalid("keep_alive", "must be positive");
        }
        return new DeepgramSettings(key, http, webSocketBase(http, c), c.string("model").orElse(DEFAULT_MODEL),
                c.string("tts_model").orElse(DEFAULT_TTS_MODEL), keepAlive, context.httpClient(),
                context.requestTimeout(), context.connectTimeout());
    }

    /** The WebSocket twin of a REST base: same host, port and path prefix; https→wss, http→ws. */
    static URI webSocketBase(URI http, ProviderConfig config) {
        String scheme = http.getScheme().toLowerCase(Locale.ROOT);
        String ws = switch (scheme) {
            case "https", "wss" -> "wss";
            case "http", "ws" -> "ws";
            default -> throw config.invalid("base_url", "scheme must be https or http (a self-hosted server), not "
                    + scheme);
        };
        return URI.create(ws + http.toString().substring(scheme.length()));
    }

    private static URI stripTrailingSlash(URI u) {
        String s = u.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
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
