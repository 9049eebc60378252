package io.debabelizer.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.ConfigurationException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.UnsupportedCapabilityException;
import io.debabelizer.config.DebabelizerConfig;
import io.debabelizer.stt.SttProvider;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProviderRegistryTest {

    private final FakeProvider deepgram = FakeProvider.cloud(ProviderDescriptor.builder("deepgram")
            .capabilities(Capability.STT, Capability.STT_STREAMING));
    private final FakeProvider local = FakeProvider.local(ProviderDescriptor.builder("local")
            .capabilities(Capability.STT, Capability.TTS));
    private final AtomicInteger clientsAsked = new AtomicInteger();

    private ProviderRegistry registry(DebabelizerConfig config, ProviderFactory... factories) {
        return new ProviderRegistry(List.of(factories), config, () -> {
            clientsAsked.incrementAndGet();
            return null; // fakes never use it; tests only count the asks
        });
    }

    @Test
    void reportsAvailabilityWithReasons() {
        ProviderRegistry r = registry(DebabelizerConfig.empty(), deepgram, local);
        assertThat(r.statuses()).extracting(ProviderStatus::name).containsExactly("deepgram", "local");
        assertThat(r.status("deepgram").available()).isFalse();
        assertThat(r.status("deepgram").availability().reason()).isEqualTo("DEEPGRAM_API_KEY not set");
        assertThat(r.status("local").available()).isTrue();

        ProviderRegistry configured = registry(DebabelizerConfig.builder()
                .providerSetting("deepgram", "api_key", "k").build(), deepgram, local);
        assertThat(configured.status("deepgram").available()).isTrue();
    }

    @Test
    void anAvailabilityCheckThatThrowsMeansUnavailable() {
        FakeProvider broken = new FakeProvider(ProviderDescriptor.builder("broken").capabilities(Capability.STT)
                .build(), c -> {
                    throw new IllegalStateException("libfoo.so not found");
                });
        ProviderRegistry r = registry(DebabelizerConfig.empty(), broken, local);
        assertThat(r.status("broken").available()).isFalse();
        assertThat(r.status("broken").availability().reason()).contains("libfoo.so not found");
        assertThat(r.status("local").available()).isTrue();
    }

    @Test
    void aFactoryWhoseDescriptorFailsIsSkippedAndDuplicatesKeepTheFirst() {
        ProviderFactory bad = new ProviderFactory() {
            @Override
            public ProviderDescriptor descriptor() {
                throw new IllegalStateException("boom");
            }

            @Override
            public Availability availability(ProviderConfig config) {
                return Availability.ok();
            }
        };
        FakeProvider localAgain = FakeProvider.local(ProviderDescriptor.builder("local")
                .capabilities(Capability.STT));
        ProviderRegistry r = registry(DebabelizerConfig.empty(), bad, local, localAgain);
        assertThat(r.statuses()).extracting(ProviderStatus::name).containsExactly("local");
        r.stt("local");
        assertThat(local.sttCreated).hasValue(1);
        assertThat(localAgain.sttCreated).hasValue(0);
    }

    @Test
    void createsLazilyOnceAndPassesTheContext() throws Exception {
        DebabelizerConfig config = DebabelizerConfig.builder().requestTimeout(Duration.ofSeconds(12))
                .providerSetting("local", "model_path", "/m").build();
        ProviderRegistry r = registry(config, local);
        assertThat(local.sttCreated).hasValue(0);
        assertThat(clientsAsked).hasValue(0);

        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<SttProvider>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return r.stt("LOCAL");
            }, runnable -> Thread.ofVirtual().start(runnable)));
        }
        start.countDown();
        SttProvider first = calls.get(0).get(30, TimeUnit.SECONDS);
        for (CompletableFuture<SttProvider> c : calls) {
            assertThat(c.get(30, TimeUnit.SECONDS)).isSameAs(first);
        }
        assertThat(local.sttCreated).hasValue(1);
        ProviderContext ctx = local.contexts.get(0);
        assertThat(ctx.config().string("model_path")).contains("/m");
        assertThat(ctx.requestTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(ctx.connectTimeout()).isEqualTo(Duration.ofSeconds(10));

        r.tts("local");
        assertThat(local.ttsCreated).hasValue(1);
    }

    @Test
    void refusesUnknownUnavailableAndMissingSides() {
        ProviderRegistry r = registry(DebabelizerConfig.empty(), deepgram, local);
        assertThatThrownBy(() -> r.stt("nosuch")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("nosuch").hasMessageContaining("deepgram, local");
        assertThatThrownBy(() -> r.stt("deepgram")).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("DEEPGRAM_API_KEY not set");
        assertThatThrownBy(() -> r.tts("deepgram")).isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("text-to-speech");
        assertThat(deepgram.sttCreated).hasValue(0);
    }

    @Test
    void closeClosesEveryCreatedProviderOnceAndRefusesMore() {
        ProviderRegistry r = registry(DebabelizerConfig.empty(), deepgram, local);
        r.stt("local");
        r.tts("local");
        r.close();
        r.close();
        assertThat(local.closed).hasValue(2); // two distinct objects, each closed once
        assertThat(deepgram.closed).hasValue(0);
        assertThatThrownBy(() -> r.stt("local")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void providerFailingToCloseDoesNotStopTheOthers() {
        ProviderRegistry r = new ProviderRegistry(List.of(new ThrowingOnClose(), local), DebabelizerConfig.empty(),
                () -> (HttpClient) null);
        r.stt("throwing");
        r.stt("local");
        r.close();
        assertThat(local.closed).hasValue(1);
    }

    /** A provider whose close throws. */
    private static final class ThrowingOnClose implements ProviderFactory {
        @Override
        public ProviderDescriptor descriptor() {
            return ProviderDescriptor.builder("throwing").capabilities(Capability.STT).build();
        }

        @Override
        public Availability availability(ProviderConfig config) {
            return Availability.ok();
        }

        @Override
        public SttProvider createStt(ProviderContext context) {
            return new SttProvider() {
                @Override
                public ProviderDescriptor descriptor() {
                    return ThrowingOnClose.this.descriptor();
                }

                @Override
                public io.debabelizer.stt.Transcript transcribe(io.debabelizer.stt.TranscriptionRequest request) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void close() {
                    throw new IllegalStateException("close failed");
                }
            };
        }
    }

    @Test
    void discoversNothingWhenNoProviderModuleIsOnTheClassPath() {
        assertThat(ProviderRegistry.discoverFactories()).isEmpty();
    }
}
