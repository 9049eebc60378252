package io.debabelizer.testkit;

import static io.debabelizer.testkit.KitAssertions.API_KEY;
import static io.debabelizer.testkit.KitAssertions.assertNamesProviderWithoutSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.Capability;
import io.debabelizer.testkit.fake.TestAudio;
import io.debabelizer.tts.AudioChunk;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.TtsProvider;
import io.debabelizer.tts.Voice;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The compatibility kit for text-to-speech providers; see {@link SttProviderCompatibilityKit} for how a module
 * uses it. Streaming tests are skipped unless the descriptor declares {@link Capability#TTS_STREAMING}.
 *
 * @param <F> the module's fake
 */
@Timeout(120)
public abstract class TtsProviderCompatibilityKit<F extends TtsProviderFake> {

    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);
    /** Far above every configured timeout: a provider still waiting by then ignores its timeout. */
    private static final Duration GIVE_UP_LIMIT = Duration.ofSeconds(30);
    protected static final String TEXT = "Ask not what your country can do for you.";

    protected F fake;
    protected TtsProvider provider;
    private HttpClient httpClient;
    private final List<AutoCloseable> extraProviders = new ArrayList<>();

    /** Starts the module's fake server (fresh for each test). */
    protected abstract F startFake();

    /** Builds the provider under test; see {@link SttProviderCompatibilityKit#createProvider}. */
    protected abstract TtsProvider createProvider(F fake, ProviderSettings settings);

    /** The output format the kit asks for; the provider must deliver exactly it. */
    protected AudioFormat outputFormat() {
        return AudioFormat.wav16(24000, 1);
    }

    /** The request; override to add options the provider needs (a model, a default voice). */
    protected SynthesisRequest.Builder request(String text) {
        return SynthesisRequest.builder(text).outputFormat(outputFormat());
    }

    /**
     * Whether {@code voices()} asks the server (most providers have a voice-list endpoint). Providers that return a
     * documented, built-in set without a request (OpenAI) say false, which skips the malformed-voice-list test.
     */
    protected boolean voicesComeFromTheServer() {
        return true;
    }

    @BeforeEach
    void startKit() {
        httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        fake = startFake();
        provider = createProvider(fake, settings(Duration.ofSeconds(15), httpClient));
    }

    @AfterEach
    void stopKit() throws Exception {
        for (AutoCloseable c : extraProviders) {
            c.close();
        }
        if (provider != null) {
            provider.close();
        }
        if (fake != null) {
            fake.close();
        }
        if (httpClient != null) {
            HttpClients.closeOrFail(httpClient);
        }
    }

    private static ProviderSettings settings(Duration timeout, HttpClient client) {
        return new ProviderSettings(Secret.of(API_KEY), timeout, timeout, client);
    }

    private String name() {
        return provider.descriptor().name();
    }

    private void assumeStreaming() {
        assumeTrue(provider.descriptor().supports(Capability.TTS_STREAMING),
                () -> name() + " does not declare " + Capability.TTS_STREAMING.id() + "; streaming tests skipped");
    }

    @Test
    @DisplayName("synthesize: non-empty audio in the requested format; the text reached the server")
    void synthesizeReturnsAudioInTheRequestedFormat() {
        Synthesis s = provider.synthesize(request(TEXT).build());
        assertThat(s.provider()).isEqualTo(name());
        assertThat(s.sizeBytes()).as("audio bytes").isPositive();
        assertFormatMatches(s.format());
        if (outputFormat().container() == Container.WAV) {
            TestAudio.Wav wav = TestAudio.parseWav(s.audio().bytes());
            assertThat(wav.pcm()).as("WAV samples").isNotEmpty();
            if (outputFormat().sampleRate() > 0) {
                assertThat(wav.pcmFormat().sampleRate()).isEqualTo(outputFormat().sampleRate());
            }
        }
        assertThat(fake.receivedTexts()).last().isEqualTo(TEXT);
    }

    @Test
    @DisplayName("streaming synthesis: audio chunks, then exactly one last chunk; completion succeeds")
    void streamingSynthesisYieldsChunksThenLast() throws Exception {
        assumeStreaming();
        try (SynthesisStream stream = provider.synthesizeStream(request(TEXT).build())) {
            assertFormatMatches(stream.format());
            ByteArrayOutputStream audio = new ByteArrayOutputStream();
            int chunks = 0;
            AudioChunk c;
            do {
                c = stream.nextChunk();
                audio.writeBytes(c.data());
                chunks++;
                assertThat(chunks).as("chunk count").isLessThan(1_000_000);
            } while (!c.last());
            assertThat(audio.size()).as("audio bytes before the last chunk").isPositive();
            assertThat(stream.nextChunk().last()).as("after the last chunk, the last chunk again").isTrue();
            stream.completion().get(30, TimeUnit.SECONDS);
            assertThat(stream.timeToFirstAudio()).isPresent();
        }
        assertThat(fake.receivedTexts()).last().isEqualTo(TEXT);
    }

    @Test
    @DisplayName("streaming synthesis: a dropped connection surfaces as a retryable typed error")
    void streamingSynthesisDropIsATypedError() {
        assumeStreaming();
        fake.willFail(Fault.dropConnection(0));
        DebabelizerException e = catchThrowableOfType(DebabelizerException.class, () -> {
            try (SynthesisStream stream = provider.synthesizeStream(request(TEXT).build())) {
                while (!stream.nextChunk().last()) {
                    // read until the failure
                }
            }
        });
        assertThat(e).as("typed error after a dropped connection").isNotNull();
        assertThat(e.isRetryable()).as("%s is retryable", e).isTrue();
        assertNamesProviderWithoutSecret(e, name());
    }

    @Test
    @DisplayName("voices: listed, with ids and this provider's name")
    void voicesAreListed() {
        List<Voice> voices = provider.voices();
        assertThat(voices).isNotEmpty();
        assertThat(voices).allSatisfy(v -> {
            assertThat(v.provider()).isEqualTo(name());
            assertThat(v.id()).isNotBlank();
        });
        assertThat(voices).extracting(Voice::id).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("synthesize: 401 -> AuthenticationException naming the provider, no secret")
    void unauthorizedIsAnAuthenticationException() {
        assertSynthesisFailure(Fault.unauthorized(), AuthenticationException.class, provider);
    }

    @Test
    @DisplayName("synthesize: 429 -> RateLimitedException with Retry-After")
    void rateLimitIsARateLimitedException() {
        RateLimitedException e = assertSynthesisFailure(Fault.rateLimited(Duration.ofSeconds(2)),
                RateLimitedException.class, provider);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("synthesize: 5xx -> retryable ProviderUnavailableException")
    void serverErrorIsAProviderUnavailableException() {
        assertThat(assertSynthesisFailure(Fault.serverError(), ProviderUnavailableException.class, provider)
                .isRetryable()).isTrue();
    }

    @Test
    @DisplayName("voices: malformed payload -> ProtocolException")
    void malformedVoicesPayloadIsAProtocolException() {
        assumeTrue(voicesComeFromTheServer(), () -> name() + " lists its voices without a request");
        fake.willFail(Fault.malformedPayload());
        ProtocolException e = catchThrowableOfType(ProtocolException.class, provider::voices);
        assertThat(e).as("ProtocolException").isNotNull();
        assertNamesProviderWithoutSecret(e, name());
    }

    @Test
    @DisplayName("synthesize: no answer -> ProviderTimeoutException within the configured timeout")
    void hangIsAProviderTimeoutException() {
        TtsProvider shortTimeout = createProvider(fake, settings(SHORT_TIMEOUT, httpClient));
        extraProviders.add(shortTimeout);
        assertSynthesisFailure(Fault.hang(), ProviderTimeoutException.class, shortTimeout);
    }

    @Test
    @DisplayName("no leaked threads: debabelizer-* and HttpClient selector threads return to the baseline")
    void noThreadsLeakAfterClose() throws Exception {
        List<String> baseline = LiveThreads.named(LiveThreads.DEBABELIZER_OR_HTTP_SELECTOR);
        HttpClient ownClient = HttpClient.newHttpClient();
        try {
            try (TtsProvider p = createProvider(fake, settings(Duration.ofSeconds(15), ownClient))) {
                p.synthesize(request(TEXT).build());
                p.voices();
                if (p.descriptor().supports(Capability.TTS_STREAMING)) {
                    try (SynthesisStream s = p.synthesizeStream(request(TEXT).build())) {
                        while (!s.nextChunk().last()) {
                            // drain
                        }
                    }
                    p.synthesizeStream(request(TEXT).build()).cancel();
                    p.synthesizeStream(request(TEXT).build()); // left open: provider close must end it
                }
            }
            ownClient.shutdown();
            assertThat(ownClient.awaitTermination(Duration.ofSeconds(20)))
                    .as("the HttpClient terminates once the provider is closed (no exchange left open)").isTrue();
        } finally {
            ownClient.shutdownNow();
        }
        KitAssertions.awaitThreadsBackTo(baseline, LiveThreads.DEBABELIZER_OR_HTTP_SELECTOR);
    }

    private <E extends DebabelizerException> E assertSynthesisFailure(Fault fault, Class<E> type, TtsProvider p) {
        fake.willFail(fault);
        E e = withinLimit(() -> catchThrowableOfType(type, () -> p.synthesize(request(TEXT).build())));
        assertThat(e).as("%s for %s", type.getSimpleName(), fault).isNotNull();
        assertNamesProviderWithoutSecret(e, name());
        return e;
    }

    private void assertFormatMatches(AudioFormat actual) {
        AudioFormat wanted = outputFormat();
        assertThat(actual.container()).as("container").isEqualTo(wanted.container());
        assertThat(actual.encoding()).as("encoding").isEqualTo(wanted.encoding());
        if (wanted.sampleRate() > 0) {
            assertThat(actual.sampleRate()).as("sample rate").isEqualTo(wanted.sampleRate());
        }
        if (wanted.channels() > 0) {
            assertThat(actual.channels()).as("channels").isEqualTo(wanted.channels());
        }
    }

    /** Runs a failing call, failing the test if it has not returned within {@link #GIVE_UP_LIMIT}. */
    private <T> T withinLimit(org.junit.jupiter.api.function.ThrowingSupplier<T> call) {
        return assertTimeoutPreemptively(GIVE_UP_LIMIT, call, () -> name() + " did not give up within "
                + GIVE_UP_LIMIT + " (configured timeouts are " + SHORT_TIMEOUT + " for the timeout tests)");
    }
}
