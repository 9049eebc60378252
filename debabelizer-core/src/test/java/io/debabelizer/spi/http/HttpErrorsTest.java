package io.debabelizer.spi.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.config.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {

    private static final Secret KEY = Secret.of("sk-very-secret-key-1234");

    @Test
    void statusCodesMapToTypedExceptionsNamingTheProvider() {
        assertThat(HttpErrors.forStatus("acme", 401, "bad key", null, null)).isInstanceOf(AuthenticationException.class)
                .hasMessage("acme: HTTP 401 Unauthorized: bad key");
        assertThat(HttpErrors.forStatus("acme", 403, null, null, null)).isInstanceOf(AuthenticationException.class);
        assertThat(HttpErrors.forStatus("acme", 402, "no credit", null, null))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("cannot pay");
        assertThat(HttpErrors.forStatus("acme", 400, "bad sample rate", null, null))
                .isExactlyInstanceOf(InvalidInputException.class);
        assertThat(HttpErrors.forStatus("acme", 408, null, null, null)).isInstanceOf(ProviderTimeoutException.class);
        DebabelizerException server = HttpErrors.forStatus("acme", 503, "", "req-7", null);
        assertThat(server).isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("acme: HTTP 503 Service Unavailable (request id req-7)");
        assertThat(server.isRetryable()).isTrue();
        assertThat(server.provider()).contains("acme");
        assertThat(HttpErrors.forStatus("acme", 599, null, null, null)).isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        DebabelizerException e = HttpErrors.forStatus("acme", 429, "slow down", null, "7");
        assertThat(e).isInstanceOfSatisfying(RateLimitedException.class,
                r -> assertThat(r.retryAfter()).contains(Duration.ofSeconds(7)));
        assertThat(e.isRetryable()).isTrue();
        DebabelizerException noHeader = HttpErrors.forStatus("acme", 429, null, null, null);
        assertThat(((RateLimitedException) noHeader).retryAfter()).isEmpty();
    }

    @Test
    void forResponseReadsRetryAfterAndRequestIdHeaders() {
        HttpHeaders headers = HttpHeaders.of(Map.of("Retry-After", List.of("3"), "x-request-id", List.of("abc")),
                (a, b) -> true);
        DebabelizerException e = HttpErrors.forResponse("acme", 429, headers, null, "x-request-id");
        assertThat(e.requestId()).contains("abc");
        assertThat(((RateLimitedException) e).retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterParsesSecondsAndHttpDates() {
        Clock clock = Clock.fixed(Instant.parse("2026-10-21T07:27:00Z"), ZoneOffset.UTC);
        assertThat(HttpErrors.parseRetryAfter("120", clock)).contains(Duration.ofSeconds(120));
        assertThat(HttpErrors.parseRetryAfter(" 0 ", clock)).contains(Duration.ZERO);
        assertThat(HttpErrors.parseRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT", clock)).contains(Duration.ofMinutes(1));
        assertThat(HttpErrors.parseRetryAfter("Wed, 21 Oct 2026 07:00:00 GMT", clock)).contains(Duration.ZERO);
        assertThat(HttpErrors.parseRetryAfter("soon", clock)).isEmpty();
        assertThat(HttpErrors.parseRetryAfter("", clock)).isEmpty();
        assertThat(HttpErrors.parseRetryAfter(null, clock)).isEmpty();
        assertThat(HttpErrors.parseRetryAfter("99999999999999999999999", clock)).isEmpty();
    }

    @Test
    void detailIsScrubbedOfSecretsAndShortened() {
        DebabelizerException e = HttpErrors.forStatus("acme", 401, "invalid key " + KEY.reveal() + "\n\n tried", null,
                null, KEY);
        assertThat(e.getMessage()).doesNotContain(KEY.reveal()).contains("invalid key **** tried");
        String longBody = "x".repeat(5000);
        assertThat(HttpErrors.forStatus("acme", 500, longBody, null, null).getMessage())
                .hasSizeLessThan(HttpErrors.MAX_DETAIL_CHARS + 60);
    }

    @Test
    void transportFailuresBecomeTimeoutsOrUnavailability() {
        assertThat(HttpErrors.forTransportFailure("acme", new HttpTimeoutException("request timed out")))
                .isInstanceOf(ProviderTimeoutException.class).hasMessageStartingWith("acme: ");
        assertThat(HttpErrors.forTransportFailure("acme",
                new CompletionException(new HttpConnectTimeoutException("connect"))))
                .isInstanceOf(ProviderTimeoutException.class);
        assertThat(HttpErrors.forTransportFailure("acme", new ConnectException("refused")))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("refused");
        assertThat(HttpErrors.forTransportFailure("acme", new IOException("closed mid-body")))
                .isInstanceOf(ProviderUnavailableException.class);
        AuthenticationException typed = new AuthenticationException("x", "acme", null, null);
        assertThat(HttpErrors.forTransportFailure("acme", new CompletionException(typed))).isSameAs(typed);
    }
}
