package io.debabelizer.openai;

import io.debabelizer.ConfigurationException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.spi.http.BaseUrl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything an OpenAI provider needs from its configuration section and the processor.
 *
 * @param apiKey       sent as {@code Authorization: Bearer <key>}
 * @param httpBase     REST base including the API version, e.g. {@code https://api.openai.com/v1} (no trailing
 *                     slash), as {@code OPENAI_BASE_URL} is spelled for OpenAI's own SDKs
 * @param wsBase       the Realtime base derived from {@code httpBase} (https→wss, http→ws, same path)
 * @param organization optional {@code OpenAI-Organization} header
 * @param project      optional {@code OpenAI-Project} header
 * @param model        default batch transcription model
 * @param realtimeModel default live (Realtime) transcription model
 * @param ttsModel     default speech model
 * @param voice        default voice
 */
record OpenAiSettings(Secret apiKey, URI httpBase, URI wsBase, String organization, String project, String model,
                      String realtimeModel, String ttsModel, String voice, HttpClient httpClient,
                      Duration requestTimeout, Duration connectTimeout) {

    static final String PROVIDER = "openai";
    static final URI DEFAULT_BASE = URI.create("https://api.openai.com/v1");
    /** The only model with verbose_json (segments, word times), srt, vtt and translations. */
    static final String DEFAULT_MODEL = "whisper-1";
    static final String DEFAULT_REALTIME_MODEL = "gpt-4o-transcribe";
    static final String DEFAULT_TTS_MODEL = "gpt-4o-mini-tts";
    static final String DEFAULT_VOICE = "alloy";

    OpenAiSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(httpBase, "httpBase");
        Objects.requireNonNull(wsBase, "wsBase");
        Objects.requireNonNull(httpClient, "httpClient");
    }

    static OpenAiSettings from(ProviderContext context) {
        ProviderConfig c = context.config();
        Secret key = c.secret("api_key").orElseThrow(() -> new ConfigurationException(
                "openai.api_key is not set (environment variable OPENAI_API_KEY)"));
        BaseUrl base = BaseUrl.from(c, "base_url", DEFAULT_BASE);
        return new OpenAiSettings(key, base.http(), base.ws(), c.string("organization").orElse(null),
                c.string("project").orElse(null), c.string("model").orElse(DEFAULT_MODEL),
                c.string("realtime_model").orElse(DEFAULT_REALTIME_MODEL),
                c.string("tts_model").orElse(DEFAULT_TTS_MODEL), c.string("voice").orElse(DEFAULT_VOICE),
                context.httpClient(), context.requestTimeout(), context.connectTimeout());
    }



    URI http(String path) {
        return URI.create(httpBase + path);
    }

    URI ws(String pathAndQuery) {
        return URI.create(wsBase + pathAndQuery);
    }

    /** A request builder for {@code path} with the timeout and every header OpenAI expects. */
    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(http(path)).timeout(requestTimeout)
                .header("Authorization", "Bearer " + apiKey.reveal());
        if (organization != null) {
            b.header("OpenAI-Organization", organization);
        }
        if (project != null) {
            b.header("OpenAI-Project", project);
        }
        return b;
    }

    /** The same headers on a WebSocket upgrade. */
    WebSocket.Builder webSocket() {
        WebSocket.Builder b = httpClient.newWebSocketBuilder().connectTimeout(connectTimeout)
                .header("Authorization", "Bearer " + apiKey.reveal());
        if (organization != null) {
            b.header("OpenAI-Organization", organization);
        }
        if (project != null) {
            b.header("OpenAI-Project", project);
        }
        return b;
    }

    @Override
    public String toString() {
        return "OpenAiSettings[" + httpBase + ", model=" + model + ", realtimeModel=" + realtimeModel
                + ", ttsModel=" + ttsModel + ", voice=" + voice + "]";
    }
}
