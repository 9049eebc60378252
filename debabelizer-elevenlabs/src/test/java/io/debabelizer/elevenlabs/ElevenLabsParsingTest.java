package io.debabelizer.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.AuthenticationException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.config.Secret;
import io.debabelizer.tts.SpeechTiming;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Error bodies, socket errors and character alignment, without a server. */
class ElevenLabsParsingTest {

    private static ElevenLabsErrors.Detail detail(String json) {
        return ElevenLabsErrors.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void errorBodiesInEveryShape() {
        assertThat(detail("{\"detail\":{\"status\":\"voice_not_found\",\"message\":\"No such voice.\"}}").text())
                .isEqualTo("voice_not_found: No such voice.");
        assertThat(detail("{\"detail\":[{\"loc\":[\"body\",\"text\"],\"msg\":\"field required\"}]}").text())
                .isEqualTo("body.text: field required");
        assertThat(detail("{\"detail\":\"plain words\"}").text()).isEqualTo("plain words");
        ElevenLabsErrors.Detail rich = detail("{\"detail\":{\"type\":\"rate_limit\",\"code\":\"system_busy\","
                + "\"message\":\"Busy\",\"request_id\":\"r-1\"}}");
        assertThat(rich.text()).isEqualTo("system_busy: Busy");
        assertThat(rich.requestId()).isEqualTo("r-1");
        assertThat(detail("<html>Bad gateway</html>").text()).isEqualTo("<html>Bad gateway</html>");
        assertThat(detail("").text()).isNull();
    }

    @Test
    void socketErrorsByCode() {
        Secret key = Secret.of("sk_live_123");
        assertThat(ElevenLabsErrors.forSocketError("invalid_api_key", "bad key sk_live_123", 1008, key))
                .isInstanceOf(AuthenticationException.class).message().doesNotContain("sk_live_123");
        assertThat(ElevenLabsErrors.forSocketError("rate_limited", "slow down", 1008, key))
                .isInstanceOf(RateLimitedException.class);
        assertThat(ElevenLabsErrors.forSocketError("input_timeout_exceeded", "late", 1008, key))
                .isInstanceOf(ProviderTimeoutException.class);
        assertThat(ElevenLabsErrors.forSocketError("internal_error", "oops", 1011, key))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(ElevenLabsErrors.forSocketError("invalid_request", "bad", 1008, key))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void wordsCutByAChunkBoundaryAreCompletedByTheNextChunk() {
        WordAligner a = new WordAligner();
        a.sentText("Hello big world ");
        List<SpeechTiming> out = new ArrayList<>();
        // chunk 1: "Hello bi" (0.4 s), chunk 2: "g world " starting at 0.4 s of stream time
        out.addAll(a.feed(chars("Hello bi"), times(8, 0), times(8, 1), 0));
        assertThat(out).extracting(SpeechTiming::text).containsExactly("Hello");
        out.addAll(a.feed(chars("g world "), times(8, 0), times(8, 1), 0.4));
        out.addAll(a.finish());
        assertThat(out).extracting(SpeechTiming::text).containsExactly("Hello", "big", "world");
        assertThat(out.get(1).start()).isEqualTo(0.30, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(out.get(1).end()).isEqualTo(0.45, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(out.get(1).textOffset()).isEqualTo(6);
        assertThat(out.get(2).textOffset()).isEqualTo(10);
    }

    @Test
    void timesThatGoBackwardsAreMadeMonotone() {
        WordAligner a = new WordAligner();
        List<SpeechTiming> out = new ArrayList<>(a.feed(chars("ab cd"), new double[] {0.5, 0.6, 0.7, 0.2, 0.3},
                new double[] {0.6, 0.7, 0.7, 0.3, 0.1}, 0));
        out.addAll(a.finish());
        assertThat(out.get(1).start()).isEqualTo(0.5);
        assertThat(out.get(1).end()).isGreaterThanOrEqualTo(out.get(1).start());
        assertThat(out.get(1).textOffset()).isEqualTo(-1);
    }

    private static List<String> chars(String s) {
        return s.chars().mapToObj(c -> String.valueOf((char) c)).toList();
    }

    /** 50 ms per character: starts (offset 0) or ends (offset 1). */
    private static double[] times(int n, int offset) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = (i + offset) * 0.05;
        }
        return t;
    }
}
