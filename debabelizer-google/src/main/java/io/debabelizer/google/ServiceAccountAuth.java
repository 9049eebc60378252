package io.debabelizer.google;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.ProtocolException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.http.HttpErrors;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;

/**
 * OAuth access tokens for a service account by the JWT bearer grant (RFC 7523): an RS256-signed assertion posted
 * to the key file's {@code token_uri}. A token is reused until {@link #REFRESH_MARGIN} before it expires; one
 * thread refreshes while the others wait for its result.
 */
final class ServiceAccountAuth implements GoogleAuth {

    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** Refresh this long before expiry, so a token never expires in flight. */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    private static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);

    private record Token(Secret value, Instant expires) {
    }

    private final ServiceAccountKey key;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final ReentrantLock refresh = new ReentrantLock();
    private volatile Token token;

    ServiceAccountAuth(ServiceAccountKey key, HttpClient http, Duration timeout) {
        this(key, http, timeout, Clock.systemUTC());
    }

    ServiceAccountAuth(ServiceAccountKey key, HttpClient http, Duration timeout, Clock clock) {
        this.key = key;
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Authorization", "Bearer " + accessToken().reveal());
    }

    @Override
    public Secret[] secrets() {
        Token t = token;
        return t == null ? new Secret[0] : new Secret[] {t.value()};
    }

    Secret accessToken() {
        Token t = token;
        if (isFresh(t)) {
            return t.value();
        }
        refresh.lock();
        try {
            t = token;
            if (!isFresh(t)) {
                t = fetch();
                token = t;
            }
            return t.value();
        } finally {
            refresh.unlock();
        }
    }

    private boolean isFresh(Token t) {
        return t != null && clock.instant().isBefore(t.expires().minus(REFRESH_MARGIN));
    }

    private Token fetch() {
        Instant now = clock.instant();
        String form = "grant_type=" + URLEncoder.encode(GRANT_TYPE, StandardCharsets.UTF_8)
                + "&assertion=" + URLEncoder.encode(assertion(now), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(key.tokenUri())
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = HttpErrors.send(http, request, HttpResponse.BodyHandlers.ofByteArray(),
                    GoogleSettings.PROVIDER);
        } catch (DebabelizerException e) {
            throw GoogleErrors.withPrefix(e, "the token endpoint " + key.tokenUri() + " failed: ");
        }
        if (response.statusCode() / 100 != 2) {
            throw tokenError(response);
        }
        JsonNode n = GoogleJson.parse(response.body(), null);
        String accessToken = n.path("access_token").asString(null);
        if (accessToken == null || accessToken.isBlank()) {
            throw new ProtocolException("the token endpoint answered without access_token",
                    GoogleSettings.PROVIDER, null, null);
        }
        long expiresIn = n.path("expires_in").asLong(3600);
        return new Token(Secret.of(accessToken), now.plusSeconds(expiresIn));
    }

    /** 4xx means the account or key was refused (e.g. {@code invalid_grant}); 5xx is retryable. */
    private DebabelizerException tokenError(HttpResponse<byte[]> response) {
        String detail = tokenErrorText(response.body());
        String message = "the token endpoint refused the service account " + key.clientEmail() + " (HTTP "
                + response.statusCode() + (detail == null ? "" : ": " + detail) + ")";
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            return GoogleErrors.withPrefix(HttpErrors.forResponse(GoogleSettings.PROVIDER, response.statusCode(),
                    response.headers(), detail, null), "the token endpoint failed: ");
        }
        return new AuthenticationException(message, GoogleSettings.PROVIDER, null, null);
    }

    private static String tokenErrorText(byte[] body) {
        try {
            JsonNode n = GoogleJson.MAPPER.readTree(body);
            String error = n.path("error").asString(null);
            String description = n.path("error_description").asString(null);
            if (error == null) {
                return null;
            }
            return description == null ? error : error + ": " + description;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code header.claims.signature}, each base64url without padding. */
    String assertion(Instant now) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        if (key.privateKeyId() != null) {
            header.put("kid", key.privateKeyId());
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", key.clientEmail());
        claims.put("scope", SCOPE);
        claims.put("aud", key.tokenUri().toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(GoogleJson.MAPPER.writeValueAsBytes(header)) + "."
                + b64.encodeToString(GoogleJson.MAPPER.writeValueAsBytes(claims));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key.privateKey());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new AuthenticationException("cannot sign the token request with the service-account key ("
                    + e.getClass().getSimpleName() + ")", GoogleSettings.PROVIDER, null, null);
        }
    }

    @Override
    public String toString() {
        return "service account " + key.clientEmail();
    }
}
