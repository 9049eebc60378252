package io.debabelizer.azure;

import io.debabelizer.ConfigurationException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.spi.http.BaseUrl;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything an Azure provider needs from its configuration section and the processor.
 *
 * @param credentials        key or token authentication (or none, for a container at a custom endpoint)
 * @param endpoints          where each API lives
 * @param voice              default synthesis voice
 * @param candidateLanguages locales to pick from when a request names no language (empty: open detection)
 * @param profanity          {@code masked}, {@code removed} or {@code raw}
 * @param fastAfter          recordings longer than this go to fast transcription instead of short-audio REST
 * @param userAgent          the {@code User-Agent} synthesis requires
 */
record AzureSettings(AzureCredentials credentials, AzureEndpoints endpoints, String voice,
                     List<String> candidateLanguages, String profanity, Duration fastAfter, String userAgent,
                     HttpClient httpClient, Duration requestTimeout, Duration connectTimeout) {

    static final String PROVIDER = "azure";
    static final String DEFAULT_VOICE = "en-US-JennyNeural";
    /** The short-audio REST API takes at most 60 s of audio. */
    static final Duration DEFAULT_FAST_AFTER = Duration.ofSeconds(60);
    static final String DEFAULT_USER_AGENT = "debabelizer";
    static final List<String> PROFANITY_MODES = List.of("masked", "removed", "raw");

    AzureSettings {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(httpClient, "httpClient");
        candidateLanguages = List.copyOf(candidateLanguages);
    }

    static AzureSettings from(ProviderContext context) {
        return from(context, Clock.systemUTC());
    }

    static AzureSettings from(ProviderContext context, Clock clock) {
        ProviderConfig c = context.config();
        AzureEndpoints endpoints = endpoints(c);
        Secret key = c.secret("api_key").orElse(null);
        String auth = c.string("auth").map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("key");
        AzureCredentials credentials;
        if (key == null || key.isBlank()) {
            if (c.string("endpoint").isEmpty()) {
                throw new ConfigurationException("azure.api_key is not set (environment variable AZURE_SPEECH_KEY)");
            }
            credentials = AzureCredentials.none(); // an on-premises container takes no key
        } else {
            credentials = switch (auth) {
                case "key" -> AzureCredentials.key(key);
                case "token" -> AzureCredentials.token(key, endpoints.api(AzureCredentials.ISSUE_TOKEN),
                        context.httpClient(), context.requestTimeout(), clock);
                default -> throw c.invalid("auth", "must be key or token, not '" + auth + "'");
            };
        }
        String profanity = c.string("profanity").map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("masked");
        if (!PROFANITY_MODES.contains(profanity)) {
            throw c.invalid("profanity", "must be one of " + PROFANITY_MODES);
        }
        Duration fastAfter = c.duration("fast_transcription_after").orElse(DEFAULT_FAST_AFTER);
        if (fastAfter.isNegative()) {
            throw c.invalid("fast_transcription_after", "must not be negative");
        }
        return new AzureSettings(credentials, endpoints, c.string("voice").orElse(DEFAULT_VOICE),
                languages(c.string("candidate_languages").orElse("")), profanity, fastAfter,
                c.string("user_agent").orElse(DEFAULT_USER_AGENT), context.httpClient(), context.requestTimeout(),
                context.connectTimeout());
    }

    /** {@code endpoint} wins over {@code region}; one of them is required. */
    static AzureEndpoints endpoints(ProviderConfig c) {
        if (c.uri("endpoint").isPresent()) {
            return AzureEndpoints.forEndpoint(BaseUrl.from(c, "endpoint", null));
        }
        String region = c.string("region").orElseThrow(() -> new ConfigurationException(
                "azure.region is not set (environment variable AZURE_SPEECH_REGION), nor azure.endpoint "
                        + "(AZURE_SPEECH_ENDPOINT)"));
        try {
            return AzureEndpoints.forRegion(region);
        } catch (IllegalArgumentException e) {
            throw c.invalid("region", e.getMessage());
        }
    }

    /** A comma- or space-separated list of locales. */
    static List<String> languages(String list) {
        return Arrays.stream(list.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "AzureSettings[" + endpoints.stt().http() + ", voice=" + voice + "]";
    }
}
