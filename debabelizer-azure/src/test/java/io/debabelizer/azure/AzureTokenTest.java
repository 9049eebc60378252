package io.debabelizer.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.AuthenticationException;
import io.debabelizer.config.Secret;
import io.debabelizer.testkit.fake.RecordedRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Bearer tokens from the token service: issued once, reused for 9 minutes, renewed, dropped on 401. */
class AzureTokenTest extends AzureTestSupport {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-25T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();

    private AzureCredentials credentials(String key) {
        return AzureCredentials.token(Secret.of(key), URI.create(fake.endpoint() + AzureCredentials.ISSUE_TOKEN),
                client, Duration.ofSeconds(10), clock);
    }

    @Test
    void theTokenServiceIsAskedWithTheKeyAndAnEmptyBody() {
        AzureCredentials.Header h = credentials(KEY).header();

        assertThat(h.name()).isEqualTo("Authorization");
        assertThat(h.value()).startsWith("Bearer eyJ");
        RecordedRequest r = fake.http().lastRequest();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/sts/v1.0/issueToken");
        assertThat(r.header("Ocp-Apim-Subscription-Key")).contains(KEY);
        assertThat(r.header("Content-Type")).contains("application/x-www-form-urlencoded");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void aTokenIsReusedForNineMinutesThenRenewed() {
        AzureCredentials c = credentials(KEY);
        String first = c.header().value();
        clock.advance(Duration.ofMinutes(8).plusSeconds(59));
        assertThat(c.header().value()).isEqualTo(first);
        assertThat(fake.tokensIssued()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(c.header().value()).isNotEqualTo(first);
        assertThat(fake.tokensIssued()).isEqualTo(2);
    }

    @Test
    void concurrentRequestsShareOneFetch() throws Exception {
        AzureCredentials c = credentials(KEY);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Callable<String>> tasks = IntStream.range(0, 16).<Callable<String>>mapToObj(
                    i -> () -> c.header().value()).toList();
            List<String> values = pool.invokeAll(tasks).stream().map(AzureTokenTest::get).distinct().toList();
            assertThat(values).hasSize(1);
        }
        assertThat(fake.tokensIssued()).isEqualTo(1);
    }

    @Test
    void aRejectedTokenIsReplacedOnTheNextRequest() {
        var tts = tts(java.util.Map.of("auth", "token"));
        tts.voices();
        fake.expireTokens();
        assertThat(catchThrowableOfType(AuthenticationException.class, tts::voices)).isNotNull();
        assertThat(tts.voices()).isNotEmpty();
        assertThat(fake.tokensIssued()).isEqualTo(2);
        assertThat(fake.http().requests()).filteredOn(r -> r.path().equals(AzureTtsProvider.VOICES))
                .allSatisfy(r -> assertThat(r.header("Ocp-Apim-Subscription-Key")).isEmpty());
    }

    @Test
    void aWrongKeyAtTheTokenServiceIsAnAuthenticationError() {
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> credentials("wrong-key-123").header());
        assertThat(e.getMessage()).contains("Access denied").doesNotContain("wrong-key-123");
        assertThat(e.requestId()).isPresent();
    }

    private static String get(Future<String> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
