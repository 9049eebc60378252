package io.debabelizer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.DebabelizerException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Checks shared by the STT and TTS kits. */
final class KitAssertions {

    /** The credential every kit test configures; recognisable so a leak is easy to spot. */
    static final String API_KEY = ProviderSettings.KIT_API_KEY;

    private KitAssertions() {
    }

    /** The error names the provider, and neither it nor any cause mentions the credential. */
    static void assertNamesProviderWithoutSecret(DebabelizerException e, String provider) {
        assertThat(e.provider()).as("provider() of %s", e).contains(provider);
        assertThat(e.getMessage()).as("message names the provider").contains(provider);
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass().getName())
                    .doesNotContain(API_KEY);
            assertThat(t.toString()).as("toString of %s", t.getClass().getName()).doesNotContain(API_KEY);
            if (t.getCause() == t) {
                break;
            }
        }
    }

    /** Byte arrays are equal; on failure says where they differ instead of printing megabytes. */
    static void assertSameBytes(byte[] actual, byte[] expected, String what) {
        int mismatch = java.util.Arrays.mismatch(actual, expected);
        if (mismatch >= 0) {
            throw new AssertionError(what + ": " + actual.length + " bytes where " + expected.length
                    + " were expected; first difference at byte " + mismatch);
        }
    }

    /** Waits until no more threads matching {@code filter} are alive than in {@code baseline}. */
    static void awaitThreadsBackTo(List<String> baseline, Predicate<String> filter) {
        Awaitility.await("threads named debabelizer-* and HttpClient selectors back to " + baseline)
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(LiveThreads.named(filter)).as("live threads")
                        .hasSizeLessThanOrEqualTo(baseline.size()));
    }
}
