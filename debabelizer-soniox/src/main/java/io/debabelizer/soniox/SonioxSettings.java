package io.debabelizer.soniox;

import io.debabelizer.ConfigurationException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.ProviderConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The Soniox section of the configuration, validated.
 *
 * @param apiKey       the API key (sent as {@code Authorization: Bearer} on REST calls and on the WebSocket upgrade)
 * @param restBase     REST base, e.g. {@code https://api.soniox.com} (paths {@code /v1/...} are appended)
 * @param webSocketUri the full real-time URL, e.g. {@code wss://stt-rt.soniox.com/transcribe-websocket}
 * @param model        real-time model
 * @param asyncModel   batch model
 * @param keepFiles    whether batch transcriptions leave their file and transcription on Soniox
 * @param maxWait      longest wait for a batch transcription to complete
 * @param pollInterval first pause between status polls (doubling up to {@link #MAX_POLL_INTERVAL})
 */
record SonioxSettings(Secret apiKey, URI restBase, URI webSocketUri, String model, String asyncModel,
                      boolean keepFiles, Duration maxWait, Duration pollInterval) {

    static final String DEFAULT_REST = "https://api.soniox.com";
    static final String DEFAULT_WS = "wss://stt-rt.soniox.com/transcribe-websocket";
    static final String DEFAULT_RT_MODEL = "stt-rt-v5";
    static final String DEFAULT_ASYNC_MODEL = "stt-async-v5";
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);
    static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(5);

    SonioxSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(restBase, "restBase");
        Objects.requireNonNull(webSocketUri, "webSocketUri");
    }

    static SonioxSettings from(ProviderConfig c, Duration requestTimeout) {
        Secret key = c.secret(SonioxProviderFactory.API_KEY.name()).orElseThrow(() -> new ConfigurationException(
                "soniox.api_key is not set (environment variable SONIOX_API_KEY)"));
        URI rest = c.uri(SonioxProviderFactory.BASE_URL.name()).orElse(URI.create(DEFAULT_REST));
        if (!rest.getScheme().equals("http") && !rest.getScheme().equals("https")) {
            throw c.invalid(SonioxProviderFactory.BASE_URL.name(), "'" + rest + "' is not an http(s) URL");
        }
        URI ws = c.uri(SonioxProviderFactory.WS_URL.name()).orElse(URI.create(DEFAULT_WS));
        if (!ws.getScheme().equals("ws") && !ws.getScheme().equals("wss")) {
            throw c.invalid(SonioxProviderFactory.WS_URL.name(), "'" + ws + "' is not a ws(s) URL");
        }
        Duration maxWait = c.duration(SonioxProviderFactory.MAX_WAIT.name()).orElse(requestTimeout);
        Duration poll = c.duration(SonioxProviderFactory.POLL_INTERVAL.name()).orElse(DEFAULT_POLL_INTERVAL);
        if (poll.isZero() || poll.isNegative()) {
            throw c.invalid(SonioxProviderFactory.POLL_INTERVAL.name(), "must be positive");
        }
        return new SonioxSettings(key, stripTrailingSlash(rest), ws,
                c.string(SonioxProviderFactory.MODEL.name()).orElse(DEFAULT_RT_MODEL),
                c.string(SonioxProviderFactory.ASYNC_MODEL.name()).orElse(DEFAULT_ASYNC_MODEL),
                c.bool(SonioxProviderFactory.KEEP_FILES.name()).orElse(false), maxWait, poll);
    }

    private static URI stripTrailingSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : u;
    }

    /** {@code restBase + path}, path starting with {@code /v1/}. */
    URI rest(String path) {
        return URI.create(restBase + path);
    }

    @Override
    public String toString() {
        return "SonioxSettings[rest=" + restBase + ", ws=" + webSocketUri + ", model=" + model + ", asyncModel="
                + asyncModel + ", keepFiles=" + keepFiles + "]";
    }
}
