package io.debabelizer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LiveThreadsTest {

    @Test
    void seesVirtualAndPlatformThreadsByName() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Runnable park = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread virtual = Thread.ofVirtual().name("debabelizer-livethreads-virtual").start(park);
        Thread platform = Thread.ofPlatform().name("debabelizer-livethreads-platform").start(park);
        try {
            assertThat(LiveThreads.named(n -> n.startsWith("debabelizer-livethreads-")))
                    .containsExactlyInAnyOrder("debabelizer-livethreads-virtual", "debabelizer-livethreads-platform");
        } finally {
            release.countDown();
            virtual.join();
            platform.join();
        }
        assertThat(LiveThreads.named(n -> n.startsWith("debabelizer-livethreads-"))).isEmpty();
    }

    @Test
    void recognisesHttpClientSelectorThreads() {
        assertThat(LiveThreads.DEBABELIZER_OR_HTTP_SELECTOR.test("HttpClient-3-SelectorManager")).isTrue();
        assertThat(LiveThreads.DEBABELIZER_OR_HTTP_SELECTOR.test("debabelizer-deepgram-send-1")).isTrue();
        assertThat(LiveThreads.DEBABELIZER_OR_HTTP_SELECTOR.test("HttpClient-3-Worker-0")).isFalse();
        assertThat(LiveThreads.DEBABELIZER_OR_HTTP_SELECTOR.test("main")).isFalse();
    }
}
