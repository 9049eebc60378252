package io.debabelizer.soniox;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.config.Secret;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every documented Soniox error code and the REST error body as typed exceptions. */
class SonioxErrorsTest {

    private static final Secret KEY = Secret.of("sk-test-0123456789");

    @ParameterizedTest
    @CsvSource({
        "400, io.debabelizer.InvalidInputException, false",
        "401, io.debabelizer.AuthenticationException, false",
        "402, io.debabelizer.AuthenticationException, false",
        "408, io.debabelizer.ProviderTimeoutException, true",
        "429, io.debabelizer.RateLimitedException, true",
        "500, io.debabelizer.ProviderUnavailableException, true",
        "503, io.debabelizer.ProviderUnavailableException, true",
    })
    void realTimeErrorCodesMapToTypedExceptions(int code, Class<?> type, boolean retryable) {
        DebabelizerException e = SonioxErrors.forErrorCode("soniox", code, "went wrong with key " + KEY.reveal(),
                KEY);
        assertThat(e).isInstanceOf(type);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.provider()).contains("soniox");
        assertThat(e.getMessage()).startsWith("soniox: error " + code).doesNotContain(KEY.reveal());
    }

    @Test
    void code503SaysToReconnectAndContinue() {
        DebabelizerException e = SonioxErrors.forErrorCode("soniox", 503,
                "Cannot continue request (code N). Please restart the request.", KEY);
        assertThat(e).isInstanceOf(ProviderUnavailableException.class);
        assertThat(e.getMessage()).contains("reconnect and continue");
    }

    @Test
    void code402MentionsBilling() {
        assertThat(SonioxErrors.forErrorCode("soniox", 402, "Balance exhausted.", KEY).getMessage())
                .contains("billing");
    }

    @Test
    void restErrorBodyGivesTypeMessageValidationAndRequestId() {
        String body = "{\"status_code\":400,\"error_type\":\"invalid_request\",\"message\":\"Invalid request.\","
                + "\"validation_errors\":[{\"error_type\":\"x\",\"location\":\"body.model\",\"message\":\"bad model\"}],"
                + "\"request_id\":\"req-42\"}";
        DebabelizerException e = SonioxErrors.forRest("soniox", 400, headers(Map.of()),
                body.getBytes(StandardCharsets.UTF_8), KEY);
        assertThat(e).isInstanceOf(InvalidInputException.class);
        assertThat(e.getMessage()).contains("invalid_request: Invalid request.").contains("body.model bad model");
        assertThat(e.requestId()).contains("req-42");
    }

    @Test
    void restRateLimitCarriesRetryAfterAndPlainTextBodiesSurvive() {
        DebabelizerException e = SonioxErrors.forRest("soniox", 429, headers(Map.of("Retry-After", List.of("7"))),
                "{\"status_code\":429,\"error_type\":\"limit_exceeded\",\"message\":\"Slow down.\"}"
                        .getBytes(StandardCharsets.UTF_8), KEY);
        assertThat(e).isInstanceOfSatisfying(RateLimitedException.class,
                r -> assertThat(r.retryAfter()).contains(Duration.ofSeconds(7)));
        DebabelizerException html = SonioxErrors.forRest("soniox", 502, headers(Map.of()),
                "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8), KEY);
        assertThat(html).isInstanceOf(ProviderUnavailableException.class);
        assertThat(html.getMessage()).contains("bad gateway");
        assertThat(SonioxErrors.forRest("soniox", 401, headers(Map.of()), new byte[0], KEY))
                .isInstanceOf(AuthenticationException.class);
        assertThat(SonioxErrors.forRest("soniox", 408, headers(Map.of()), new byte[0], KEY))
                .isInstanceOf(ProviderTimeoutException.class);
    }

    private static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (a, b) -> true);
    }
}
