package io.debabelizer.google;

import io.debabelizer.config.Secret;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.spi.http.BaseUrl;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the Google providers need from their configuration section and the processor.
 *
 * @param auth              API key or service account
 * @param quotaProject      project billed for quota ({@code x-goog-user-project}), or null
 * @param speechBase        Speech-to-Text REST base, e.g. {@code https://speech.googleapis.com}
 * @param ttsBase           Text-to-Speech REST base, e.g. {@code https://texttospeech.googleapis.com}
 * @param speechGrpcTarget  {@code host:port} of the StreamingRecognize endpoint
 * @param grpcPlaintext     whether the StreamingRecognize channel is plaintext (emulators, tests) instead of TLS
 * @param ttsGrpcTarget     {@code host:port} of the StreamingSynthesize endpoint
 * @param ttsGrpcPlaintext  whether the StreamingSynthesize channel is plaintext
 * @param model             default recognition model, or null for Google's default
 * @param language          language used when a request names none
 * @param ttsVoice          default voice name, or null to let Google choose by language
 * @param voicesLanguage    language filter for the voice list, or null for all voices
 * @param restartAfter      audio a StreamingRecognize call carries before it is replaced (Google stops at ~305 s)
 * @param pollInterval      first wait between long-running operation polls (doubles up to 5 s)
 * @param operationTimeout  how long a long-running recognition may take before it is given up
 */
record GoogleSettings(GoogleAuth auth, String quotaProject, BaseUrl speechBase, BaseUrl ttsBase, String speechGrpcTarget,
                      boolean grpcPlaintext, String ttsGrpcTarget, boolean ttsGrpcPlaintext, String model, String language, String ttsVoice, String voicesLanguage,
                      Duration restartAfter, Duration pollInterval, Duration operationTimeout,
                      HttpClient httpClient, Duration requestTimeout, Duration connectTimeout) {

    static final String PROVIDER = "google";
    static final URI DEFAULT_SPEECH_BASE = URI.create("https://speech.googleapis.com");
    static final URI DEFAULT_TTS_BASE = URI.create("https://texttospeech.googleapis.com");
    static final String DEFAULT_SPEECH_GRPC = "speech.googleapis.com:443";
    static final String DEFAULT_TTS_GRPC = "texttospeech.googleapis.com:443";
    static final String DEFAULT_LANGUAGE = "en-US";
    /** Google ends a StreamingRecognize call after about 305 s; restart with a margin. */
    static final Duration DEFAULT_RESTART_AFTER = Duration.ofSeconds(290);
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofMinutes(30);

    GoogleSettings {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(speechBase, "speechBase");
        Objects.requireNonNull(ttsBase, "ttsBase");
        Objects.requireNonNull(speechGrpcTarget, "speechGrpcTarget");
        Objects.requireNonNull(ttsGrpcTarget, "ttsGrpcTarget");
        Objects.requireNonNull(httpClient, "httpClient");
    }

    static GoogleSettings from(ProviderContext context) {
        ProviderConfig c = context.config();
        GoogleAuth auth = GoogleAuth.from(c, context);
        String grpcTarget = grpcTarget(c, "speech_grpc_endpoint", DEFAULT_SPEECH_GRPC);
        String ttsGrpcTarget = grpcTarget(c, "tts_grpc_endpoint", DEFAULT_TTS_GRPC);
        return new GoogleSettings(auth, c.string("quota_project").orElse(null),
                BaseUrl.from(c, "speech_endpoint", DEFAULT_SPEECH_BASE),
                BaseUrl.from(c, "tts_endpoint", DEFAULT_TTS_BASE),
                grpcTarget, c.bool("speech_grpc_plaintext").orElse(false),
                ttsGrpcTarget, c.bool("tts_grpc_plaintext").orElse(false),
                c.string("model").orElse(null), c.string("language").orElse(DEFAULT_LANGUAGE),
                c.string("tts_voice").orElse(null), c.string("voices_language").orElse(null),
                positive(c, "stream_restart_after", DEFAULT_RESTART_AFTER),
                positive(c, "operation_poll_interval", DEFAULT_POLL_INTERVAL),
                positive(c, "operation_timeout", DEFAULT_OPERATION_TIMEOUT),
                context.httpClient(), context.requestTimeout(), context.connectTimeout());
    }

    private static String grpcTarget(ProviderConfig c, String key, String fallback) {
        String target = c.string(key).orElse(fallback);
        if (!target.matches("[^/:\\s]+:\\d+|\\[[0-9a-fA-F:]+]:\\d+")) {
            throw c.invalid(key, "must be host:port, e.g. " + fallback);
        }
        return target;
    }

    private static Duration positive(ProviderConfig c, String key, Duration fallback) {
        Duration d = c.duration(key).orElse(fallback);
        if (d.isZero() || d.isNegative()) {
            throw c.invalid(key, "must be positive");
        }
        return d;
    }

    URI speech(String pathAndQuery) {
        return speechBase.http(pathAndQuery);
    }

    URI tts(String pathAndQuery) {
        return ttsBase.http(pathAndQuery);
    }

    /** Credentials to scrub from any text that goes into a message. */
    Secret[] secrets() {
        return auth.secrets();
    }

    @Override
    public String toString() {
        return "GoogleSettings[" + auth + ", speech=" + speechBase.http() + ", tts=" + ttsBase.http() + ", grpc="
                + speechGrpcTarget + (grpcPlaintext ? " (plaintext)" : "") + ", tts grpc=" + ttsGrpcTarget
                + (ttsGrpcPlaintext ? " (plaintext)" : "") + "]";
    }
}
