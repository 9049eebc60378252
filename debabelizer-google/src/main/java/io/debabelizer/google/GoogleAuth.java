package io.debabelizer.google;

import io.debabelizer.ConfigurationException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import java.nio.file.Path;
import java.util.Map;

/**
 * How requests prove who they come from: an API key, or OAuth access tokens minted from a service-account key.
 * The same headers serve REST ({@code X-Goog-Api-Key} / {@code Authorization}) and gRPC metadata (lower-cased).
 */
sealed interface GoogleAuth permits GoogleAuth.ApiKey, ServiceAccountAuth {

    /** The headers to send; may fetch a fresh access token (and throw its typed error). */
    Map<String, String> headers();

    /** Credentials to scrub from any text that goes into a message. */
    Secret[] secrets();

    /** API key wins over a service account when both are configured: it needs no token round trip. */
    static GoogleAuth from(ProviderConfig config, ProviderContext context) {
        var key = config.secret("api_key");
        if (key.isPresent()) {
            return new ApiKey(key.get());
        }
        var file = config.string("credentials_file");
        if (file.isPresent()) {
            ServiceAccountKey account = ServiceAccountKey.read(Path.of(file.get()));
            return new ServiceAccountAuth(account, context.httpClient(), context.requestTimeout());
        }
        throw new ConfigurationException("google needs GOOGLE_API_KEY (google.api_key) or "
                + "GOOGLE_APPLICATION_CREDENTIALS (google.credentials_file, a service-account JSON key file)");
    }

    /** An API key, sent as {@code X-Goog-Api-Key}. */
    record ApiKey(Secret key) implements GoogleAuth {

        @Override
        public Map<String, String> headers() {
            return Map.of("X-Goog-Api-Key", key.reveal());
        }

        @Override
        public Secret[] secrets() {
            return new Secret[] {key};
        }

        @Override
        public String toString() {
            return "api key";
        }
    }
}
