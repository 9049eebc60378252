package io.debabelizer.azure;

import io.debabelizer.ProtocolException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.http.HttpErrors;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How requests authenticate: the resource key itself ({@code Ocp-Apim-Subscription-Key}), or a bearer token the
 * token service issues for that key. Tokens are valid for 10 minutes; one is reused for 9 and then replaced, one
 * fetch at a time however many threads ask.
 */
abstract sealed class AzureCredentials {

    /** One authentication header. */
    record Header(String name, String value) {
        @Override
        public String toString() {
            return name + ": ****";
        }
    }

    static final String KEY_HEADER = "Ocp-Apim-Subscription-Key";
    static final String ISSUE_TOKEN = "/sts/v1.0/issueToken";
    /** Tokens live 10 minutes; renewing after 9 leaves a minute for requests already under way. */
    static final Duration TOKEN_REUSE = Duration.ofMinutes(9);

    private final Secret key;

    private AzureCredentials(Secret key) {
        this.key = key;
    }

    static AzureCredentials key(Secret key) {
        return new KeyCredentials(key);
    }

    /** No authentication header: an on-premises container authenticates nothing itself. */
    static AzureCredentials none() {
        return new NoCredentials();
    }

    static AzureCredentials token(Secret key, URI tokenEndpoint, HttpClient client, Duration timeout, Clock clock) {
        return new TokenCredentials(key, tokenEndpoint, client, timeout, clock);
    }

    /** The resource key, for scrubbing error texts; null without one. */
    final Secret secret() {
        return key;
    }

    /** The header to put on a request now, or null when requests go without one. */
    abstract Header header();

    /** Adds the authentication header (if any) to a request. */
    final java.net.http.HttpRequest.Builder authorize(java.net.http.HttpRequest.Builder request) {
        Header h = header();
        return h == null ? request : request.header(h.name(), h.value());
    }

    /** A request was refused as unauthorised: a cached token is dropped so that the next request fetches one. */
    void rejected() {
    }

    private static final class KeyCredentials extends AzureCredentials {
        KeyCredentials(Secret key) {
            super(key);
        }

        @Override
        Header header() {
            return new Header(KEY_HEADER, secret().reveal());
        }
    }

    private static final class NoCredentials extends AzureCredentials {
        NoCredentials() {
            super(null);
        }

        @Override
        Header header() {
            return null;
        }
    }

    private static final class TokenCredentials extends AzureCredentials {
        private final URI endpoint;
        private final HttpClient client;
        private final Duration timeout;
        private final Clock clock;
        private Secret token;        // guarded by this
        private Instant renewAt;     // guarded by this

        TokenCredentials(Secret key, URI endpoint, HttpClient client, Duration timeout, Clock clock) {
            super(key);
            this.endpoint = endpoint;
            this.client = client;
            this.timeout = timeout;
            this.clock = clock;
        }

        @Override
        Header header() {
            return new Header("Authorization", "Bearer " + currentToken().reveal());
        }

        private synchronized Secret currentToken() {
            if (token == null || !clock.instant().isBefore(renewAt)) {
                Instant asked = clock.instant();
                token = issue();
                renewAt = asked.plus(TOKEN_REUSE);
            }
            return token;
        }

        @Override
        synchronized void rejected() {
            token = null;
        }

        /** {@code POST /sts/v1.0/issueToken} with the key; the body is the token itself (text/plain). */
        private Secret issue() {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(timeout)
                    .header(KEY_HEADER, secret().reveal())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<byte[]> r = HttpErrors.send(client, request, HttpResponse.BodyHandlers.ofByteArray(),
                    AzureSettings.PROVIDER);
            if (r.statusCode() / 100 != 2) {
                throw AzureErrors.forResponse(r.statusCode(), r.headers(), r.body(), secret());
            }
            String jwt = new String(r.body(), StandardCharsets.UTF_8).strip();
            if (jwt.isEmpty() || jwt.startsWith("{") || jwt.chars().anyMatch(Character::isWhitespace)) {
                throw new ProtocolException("the token service did not return a token", AzureSettings.PROVIDER,
                        AzureErrors.requestId(r.headers()), null);
            }
            return Secret.of(jwt);
        }
    }
}
