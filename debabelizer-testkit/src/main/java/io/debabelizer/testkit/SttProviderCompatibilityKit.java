package io.debabelizer.testkit;

import static io.debabelizer.testkit.KitAssertions.API_KEY;
import static io.debabelizer.testkit.KitAssertions.assertNamesProviderWithoutSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.StreamClosedException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamEvent.CloseReason;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.fake.TestAudio;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The compatibility kit for speech-to-text providers: every STT provider module has a test that extends this class
 * and implements two hooks, and so proves it behaves like every other provider (results, event order, error types,
 * timeouts, no lost audio, no leaked threads) against its own fake server.
 *
 * <pre>{@code
 * class DeepgramSttCompatibilityTest extends SttProviderCompatibilityKit<DeepgramFake> {
 *     protected DeepgramFake startFake() { return DeepgramFake.start(); }
 *     protected SttProvider createProvider(DeepgramFake fake, ProviderSettings settings) {
 *         return new DeepgramProviderFactory().createStt(settings.context("deepgram", Map.of(
 *                 "api_key", settings.apiKey().reveal(), "base_url", fake.baseUri().toString())));
 *     }
 * }
 * }</pre>
 *
 * Tests for capabilities the provider's descriptor does not claim (live streaming, word timestamps) are skipped
 * with the reason. Each test gets a fresh fake and provider; the kit closes both and its HTTP client afterwards.
 *
 * @param <F> the module's fake
 */
@Timeout(120)
public abstract class SttProviderCompatibilityKit<F extends SttProviderFake> {

    /** 20 ms of 16 kHz 16-bit mono. */
    private static final int CHUNK_BYTES = 640;
    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);
    /** Far above every configured timeout: a provider still waiting by then ignores its timeout. */
    private static final Duration GIVE_UP_LIMIT = Duration.ofSeconds(30);

    protected F fake;
    protected SttProvider provider;
    private HttpClient httpClient;
    private final List<AutoCloseable> extraProviders = new ArrayList<>();

    // ---- hooks ----------------------------------------------------------------------------------------------

    /** Starts the module's fake server (fresh for each test). */
    protected abstract F startFake();

    /**
     * Builds the provider under test, pointed at {@code fake}, configured with {@code settings.apiKey()} and
     * {@code settings.requestTimeout()}/{@code connectTimeout()}, using {@code settings.httpClient()}.
     */
    protected abstract SttProvider createProvider(F fake, ProviderSettings settings);

    /** The recording used (in {@code shared/speech}); 16-bit mono PCM WAV. */
    protected String speechFile() {
        return "jfk.wav";
    }

    /** What the fake is told to recognise. Word times must lie within the recording. */
    protected ScriptedTranscript script() {
        return ScriptedTranscript.jfk();
    }

    /** The live-stream request; override to add options the provider needs. */
    protected StreamRequest.Builder streamRequest(AudioFormat pcm) {
        return StreamRequest.builder(pcm).language("en");
    }

    /** The batch request; override to add options the provider needs. */
    protected TranscriptionRequest.Builder batchRequest(TestAudio.Wav audio) {
        return TranscriptionRequest.builder(audio.asWavAudio()).language("en");
    }

    /** Whether the provider sends interim results on live streams (most do). */
    protected boolean sendsInterimResults() {
        return true;
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------

    @BeforeEach
    void startKit() {
        httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        fake = startFake();
        fake.willTranscribe(script().text(), script().words());
        provider = createProvider(fake, settings(Duration.ofSeconds(15)));
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

    private ProviderSettings settings(Duration timeout) {
        return new ProviderSettings(Secret.of(API_KEY), timeout, timeout, httpClient);
    }

    /** A second provider on the same fake with 1 s timeouts, closed after the test. */
    private SttProvider providerWithShortTimeout() {
        SttProvider p = createProvider(fake, settings(SHORT_TIMEOUT));
        extraProviders.add(p);
        return p;
    }

    private ProviderDescriptor descriptor() {
        return provider.descriptor();
    }

    private String name() {
        return descriptor().name();
    }

    private void assumeStreaming() {
        assumeTrue(descriptor().supports(Capability.STT_STREAMING),
                () -> name() + " does not declare " + Capability.STT_STREAMING.id() + "; live tests skipped");
    }

    private TestAudio.Wav speech() {
        return TestAudio.speech(speechFile());
    }

    // ---- batch ----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("batch: returns the scripted text, words and provider name; the audio reached the server intact")
    void batchTranscriptionReturnsTheScriptedResult() {
        TestAudio.Wav audio = speech();
        Transcript t = provider.transcribe(batchRequest(audio).build());

        assertThat(t.text()).isEqualTo(script().text());
        assertThat(t.provider()).isEqualTo(name());
        if (descriptor().wordTimestamps()) {
            assertThat(t.words()).extracting(Word::punctuated)
                    .containsExactlyElementsOf(script().words().stream().map(Word::punctuated).toList());
            assertWordTimesSane(t.words(), audio.durationSeconds());
        }
        KitAssertions.assertSameBytes(fake.receivedAudioBytes(), audio.fileBytes(), "audio that reached the server");
    }

    @Test
    @DisplayName("batch: 401 -> AuthenticationException naming the provider, no secret")
    void batchUnauthorizedIsAnAuthenticationException() {
        assertBatchFailure(Fault.unauthorized(), AuthenticationException.class, provider);
    }

    @Test
    @DisplayName("batch: 429 -> RateLimitedException with the server's Retry-After")
    void batchRateLimitIsARateLimitedExceptionWithRetryAfter() {
        RateLimitedException e = assertBatchFailure(Fault.rateLimited(Duration.ofSeconds(2)),
                RateLimitedException.class, provider);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    @DisplayName("batch: 5xx -> retryable ProviderUnavailableException")
    void batchServerErrorIsARetryableProviderUnavailableException() {
        ProviderUnavailableException e = assertBatchFailure(Fault.serverError(), ProviderUnavailableException.class,
                provider);
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    @DisplayName("batch: malformed payload -> ProtocolException")
    void batchMalformedPayloadIsAProtocolException() {
        assertBatchFailure(Fault.malformedPayload(), ProtocolException.class, provider);
    }

    @Test
    @DisplayName("batch: no answer -> ProviderTimeoutException within the configured timeout")
    void batchHangIsAProviderTimeoutException() {
        assertBatchFailure(Fault.hang(), ProviderTimeoutException.class, providerWithShortTimeout());
    }

    @Test
    @DisplayName("batch: connection dropped mid-response -> retryable error")
    void batchDroppedConnectionIsARetryableError() {
        DebabelizerException e = assertBatchFailure(Fault.dropConnection(0), DebabelizerException.class, provider);
        assertThat(e.isRetryable()).as("%s is retryable", e).isTrue();
    }

    private <E extends DebabelizerException> E assertBatchFailure(Fault fault, Class<E> type, SttProvider p) {
        fake.willFail(fault);
        E e = withinLimit(() -> catchThrowableOfType(type, () -> p.transcribe(batchRequest(speech()).build())));
        assertThat(e).as("%s for %s", type.getSimpleName(), fault).isNotNull();
        assertNamesProviderWithoutSecret(e, name());
        return e;
    }

    // ---- live -----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("live: interims before finals, final text = punctuated words, sane times, one Closed(COMPLETED) last")
    void streamingDeliversOrderedResultsThenExactlyOneClosed() throws Exception {
        assumeStreaming();
        TestAudio.Wav audio = speech();
        SpeechStream stream = provider.openStream(streamRequest(audio.pcmFormat()).build());
        assertThat(stream.provider()).isEqualTo(name());
        sendInChunks(stream, audio.pcm(), 0, audio.pcm().length, null);
        stream.endInput();
        List<StreamEvent> events = drain(stream);

        assertThat(events).filteredOn(e -> e instanceof StreamEvent.Error).as("errors").isEmpty();
        assertEndsWithOneClosed(events, CloseReason.COMPLETED);
        List<StreamEvent.Final> finals = finals(events);
        assertThat(finals).as("finals").isNotEmpty();
        if (sendsInterimResults()) {
            int firstInterim = indexOf(events, StreamEvent.Interim.class);
            assertThat(firstInterim).as("an interim arrives before the first final").isBetween(0,
                    events.indexOf(finals.getFirst()));
        }
        assertFinalsSpellTheScript(finals, audio.durationSeconds());
        assertThat(stream.nextEvent()).as("after Closed, the same Closed again").isEqualTo(events.getLast());
        assertThat(stream.completion()).isCompletedWithValue((StreamEvent.Closed) events.getLast());
        KitAssertions.assertSameBytes(fake.receivedAudioBytes(), audio.pcm(), "audio that reached the server");
    }

    @Test
    @DisplayName("live: finalizeUtterance() yields a Final before end of input")
    void finalizeUtteranceYieldsAFinalBeforeEndOfInput() throws Exception {
        assumeStreaming();
        TestAudio.Wav audio = speech();
        int half = frameAligned(audio.pcm().length / 2, audio.pcmFormat());
        SpeechStream stream = provider.openStream(streamRequest(audio.pcmFormat()).build());
        sendInChunks(stream, audio.pcm(), 0, half, null);
        stream.finalizeUtterance();

        List<StreamEvent> early = new ArrayList<>();
        StreamEvent.Final first = null;
        while (first == null) {
            StreamEvent e = stream.pollEvent(EVENT_WAIT).orElseThrow(
                    () -> new AssertionError("no Final within " + EVENT_WAIT + " of finalizeUtterance()"));
            early.add(e);
            assertThat(e).as("stream must stay open after finalizeUtterance()")
                    .isNotInstanceOfAny(StreamEvent.Closed.class, StreamEvent.Error.class);
            if (e instanceof StreamEvent.Final f && !f.text().isEmpty()) {
                first = f;
            }
        }
        double sentSeconds = (double) half / audio.pcmFormat().bytesPerSecond();
        assertThat(first.words()).allSatisfy(w -> assertThat(w.end()).isLessThanOrEqualTo(sentSeconds + 0.05));

        sendInChunks(stream, audio.pcm(), half, audio.pcm().length, null);
        stream.endInput();
        List<StreamEvent> all = new ArrayList<>(early);
        all.addAll(drain(stream));
        assertEndsWithOneClosed(all, CloseReason.COMPLETED);
        assertFinalsSpellTheScript(finals(all), audio.durationSeconds());
    }

    @Test
    @DisplayName("live: endInput() delivers the remaining results, then Closed; later sends throw")
    void endInputDeliversRemainingResultsThenClosed() throws Exception {
        assumeStreaming();
        TestAudio.Wav audio = speech();
        SpeechStream stream = provider.openStream(streamRequest(audio.pcmFormat()).build());
        stream.send(audio.pcm()); // all at once: the stream must split or pace it as the provider needs
        stream.endInput();
        stream.endInput(); // idempotent
        assertThatThrownBy(() -> stream.send(new byte[CHUNK_BYTES])).isInstanceOf(StreamClosedException.class);
        List<StreamEvent> events = drain(stream);
        assertEndsWithOneClosed(events, CloseReason.COMPLETED);
        assertFinalsSpellTheScript(finals(events), audio.durationSeconds());
    }

    @Test
    @DisplayName("live: cancel() gives Closed(CANCELLED) promptly; later send throws StreamClosedException")
    void cancelClosesPromptlyAndRejectsLaterSends() throws Exception {
        assumeStreaming();
        TestAudio.Wav audio = speech();
        SpeechStream stream = provider.openStream(streamRequest(audio.pcmFormat()).build());
        sendInChunks(stream, audio.pcm(), 0, frameAligned(audio.pcm().length / 4, audio.pcmFormat()), null);
        stream.cancel();

        List<StreamEvent> events = drain(stream);
        assertEndsWithOneClosed(events, CloseReason.CANCELLED);
        assertThat(stream.completion()).isDone();
        StreamClosedException e = catchThrowableOfType(StreamClosedException.class,
                () -> stream.send(new byte[CHUNK_BYTES]));
        assertThat(e).as("send after cancel").isNotNull();
        assertThat(e.provider()).contains(name());
        assertThatThrownBy(stream::finalizeUtterance).isInstanceOf(StreamClosedException.class);
        stream.close(); // harmless after cancel
    }

    @Test
    @DisplayName("live: 401 at connect -> openStream throws AuthenticationException")
    void streamingUnauthorizedIsThrownFromOpenStream() {
        assumeStreaming();
        assertOpenFailure(Fault.unauthorized(), AuthenticationException.class, provider);
    }

    @Test
    @DisplayName("live: 429 at connect -> openStream throws RateLimitedException with retry-after")
    void streamingRateLimitIsThrownFromOpenStream() {
        assumeStreaming();
        RateLimitedException e = assertOpenFailure(Fault.rateLimited(Duration.ofSeconds(3)),
                RateLimitedException.class, provider);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("live: no handshake answer -> ProviderTimeoutException within the configured timeout")
    void streamingHangIsAProviderTimeoutException() {
        assumeStreaming();
        assertOpenFailure(Fault.hang(), ProviderTimeoutException.class, providerWithShortTimeout());
    }

    @Test
    @DisplayName("live: server error mid-stream -> Error(ProviderUnavailableException) then Closed(FAILED)")
    void streamingServerErrorArrivesAsErrorThenClosedFailed() throws Exception {
        assumeStreaming();
        assertStreamFailure(Fault.serverError(), ProviderUnavailableException.class);
    }

    @Test
    @DisplayName("live: malformed message mid-stream -> Error(ProtocolException) then Closed(FAILED)")
    void streamingMalformedPayloadArrivesAsErrorThenClosedFailed() throws Exception {
        assumeStreaming();
        assertStreamFailure(Fault.malformedPayload(), ProtocolException.class);
    }

    @Test
    @DisplayName("live: dropped connection -> typed error event, and no audio after the last final is lost")
    void droppedConnectionLosesNoAudio() throws Exception {
        assumeStreaming();
        TestAudio.Wav audio = speech();
        AudioFormat f = audio.pcmFormat();
        int finalizeAt = frameAligned(3 * f.bytesPerSecond(), f);
        long dropAfter = 6L * f.bytesPerSecond();
        fake.willFail(Fault.dropConnection(dropAfter));
        SpeechStream stream = provider.openStream(streamRequest(f).build());

        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        sendInChunks(stream, audio.pcm(), 0, finalizeAt, sent);
        stream.finalizeUtterance();
        List<StreamEvent> events = new ArrayList<>();
        while (finals(events).isEmpty()) {
            StreamEvent e = stream.pollEvent(EVENT_WAIT).orElseThrow(() -> new AssertionError("no Final"));
            events.add(e);
            assertThat(e).isNotInstanceOf(StreamEvent.Closed.class);
        }
        // Keep talking until the stream notices the drop (or the recording ends).
        try {
            sendInChunks(stream, audio.pcm(), finalizeAt, audio.pcm().length, sent);
        } catch (StreamClosedException expected) {
            // the failure was noticed while sending
        }
        events.addAll(drain(stream));

        assertEndsWithOneClosed(events, CloseReason.FAILED);
        StreamEvent.Error error = (StreamEvent.Error) events.get(events.size() - 2);
        assertThat(error.fatal()).isTrue();
        assertThat(error.error().isRetryable()).as("%s is retryable", error.error()).isTrue();
        assertNamesProviderWithoutSecret(error.error(), name());

        byte[] all = sent.toByteArray();
        byte[] received = fake.receivedAudioBytes();
        assertThat(received.length).as("bytes that reached the server").isLessThanOrEqualTo(all.length);
        KitAssertions.assertSameBytes(received, Arrays.copyOf(all, received.length),
                "what reached the server is what was sent, in order");
        double lastFinalEnd = finals(events).getLast().end();
        long lastFinalByte = frameAligned((int) Math.round(lastFinalEnd * f.bytesPerSecond()), f);
        long unfinalizedStart = Math.round(stream.unfinalizedAudioStart() * f.bytesPerSecond());
        byte[] unfinalized = stream.unfinalizedAudio();
        assertThat(unfinalizedStart).as("replay starts no later than the last final's end")
                .isLessThanOrEqualTo(lastFinalByte);
        KitAssertions.assertSameBytes(unfinalized,
                Arrays.copyOfRange(all, (int) Math.min(unfinalizedStart, all.length), all.length),
                "unfinalizedAudio() must be everything sent from unfinalizedAudioStart() on");
    }

    @Test
    @DisplayName("no leaked threads: debabelizer-* and HttpClient selector threads return to the baseline")
    void noThreadsLeakAfterClose() throws Exception {
        List<String> baseline = LiveThreads.named(LiveThreads.DEBABELIZER_OR_HTTP_SELECTOR);
        HttpClient ownClient = HttpClient.newHttpClient();
        SpeechStream leftOpen = null;
        try {
            SttProvider p = createProvider(fake, new ProviderSettings(Secret.of(API_KEY), Duration.ofSeconds(15),
                    Duration.ofSeconds(15), ownClient));
            try {
                TestAudio.Wav audio = speech();
                p.transcribe(batchRequest(audio).build());
                if (descriptor().supports(Capability.STT_STREAMING)) {
                    SpeechStream s = p.openStream(streamRequest(audio.pcmFormat()).build());
                    sendInChunks(s, audio.pcm(), 0, audio.pcm().length / 2, null);
                    s.endInput();
                    drain(s);
                    SpeechStream cancelled = p.openStream(streamRequest(audio.pcmFormat()).build());
                    cancelled.send(new byte[CHUNK_BYTES]);
                    cancelled.cancel();
                    drain(cancelled);
                    leftOpen = p.openStream(streamRequest(audio.pcmFormat()).build());
                    leftOpen.send(new byte[CHUNK_BYTES]);
                }
            } finally {
                p.close();
            }
            if (leftOpen != null) {
                SpeechStream open = leftOpen;
                Awaitility.await("provider close() ends the streams still open").atMost(Duration.ofSeconds(10))
                        .until(() -> open.completion().isDone());
                assertThat(open.completion().join().reason()).as("close reason of a stream ended by provider close")
                        .isIn(CloseReason.SHUTDOWN, CloseReason.CANCELLED);
            }
            ownClient.shutdown();
            assertThat(ownClient.awaitTermination(Duration.ofSeconds(20)))
                    .as("the HttpClient terminates once the provider is closed (no exchange or WebSocket left open)")
                    .isTrue();
        } finally {
            ownClient.shutdownNow();
        }
        KitAssertions.awaitThreadsBackTo(baseline, LiveThreads.DEBABELIZER_OR_HTTP_SELECTOR);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private <E extends DebabelizerException> E assertOpenFailure(Fault fault, Class<E> type, SttProvider p) {
        fake.willFail(fault);
        E e = withinLimit(() -> catchThrowableOfType(type,
                () -> p.openStream(streamRequest(speech().pcmFormat()).build())));
        assertThat(e).as("openStream throws %s for %s", type.getSimpleName(), fault).isNotNull();
        assertNamesProviderWithoutSecret(e, name());
        return e;
    }

    private void assertStreamFailure(Fault fault, Class<? extends DebabelizerException> type) throws Exception {
        TestAudio.Wav audio = speech();
        fake.willFail(fault);
        SpeechStream stream = provider.openStream(streamRequest(audio.pcmFormat()).build());
        try {
            sendInChunks(stream, audio.pcm(), 0, audio.pcm().length, null);
            stream.endInput();
        } catch (StreamClosedException expected) {
            // the failure arrived while sending
        }
        List<StreamEvent> events = drain(stream);
        assertEndsWithOneClosed(events, CloseReason.FAILED);
        assertThat(events.size()).as("an Error precedes Closed(FAILED): %s", events).isGreaterThanOrEqualTo(2);
        assertThat(events.get(events.size() - 2)).isInstanceOfSatisfying(StreamEvent.Error.class, err -> {
            assertThat(err.fatal()).isTrue();
            assertThat(err.error()).isInstanceOf(type);
            assertNamesProviderWithoutSecret(err.error(), name());
            assertThat(err.toString()).doesNotContain(API_KEY);
        });
        assertThatThrownBy(() -> stream.send(new byte[CHUNK_BYTES])).isInstanceOf(StreamClosedException.class);
    }

    /** Sends {@code pcm[from, to)} in 20 ms chunks without pacing (faster than real time); records into {@code sent}. */
    private static void sendInChunks(SpeechStream stream, byte[] pcm, int from, int to, ByteArrayOutputStream sent) {
        for (int off = from; off < to; off += CHUNK_BYTES) {
            int n = Math.min(CHUNK_BYTES, to - off);
            stream.send(pcm, off, n);
            if (sent != null) {
                sent.write(pcm, off, n);
            }
        }
    }

    /** Reads events up to and including Closed. */
    private static List<StreamEvent> drain(SpeechStream stream) throws InterruptedException {
        return StreamEvents.untilClosed(stream, EVENT_WAIT);
    }

    private static void assertEndsWithOneClosed(List<StreamEvent> events, CloseReason reason) {
        assertThat(events).as("events").isNotEmpty();
        assertThat(events.getLast()).as("last event of %s", events).isInstanceOfSatisfying(StreamEvent.Closed.class,
                c -> assertThat(c.reason()).isEqualTo(reason));
        assertThat(events).filteredOn(e -> e instanceof StreamEvent.Closed).as("Closed events").hasSize(1);
    }

    private static List<StreamEvent.Final> finals(List<StreamEvent> events) {
        return events.stream().filter(e -> e instanceof StreamEvent.Final).map(e -> (StreamEvent.Final) e)
                .toList();
    }

    private static int indexOf(List<StreamEvent> events, Class<?> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private void assertFinalsSpellTheScript(List<StreamEvent.Final> finals, double audioSeconds) {
        for (StreamEvent.Final f : finals) {
            if (!f.words().isEmpty()) {
                assertThat(f.text()).as("final text = its punctuated words").isEqualTo(
                        ScriptedTranscript.join(f.words()));
            }
        }
        String text = finals.stream().map(StreamEvent.Final::text).filter(t -> !t.isBlank())
                .collect(Collectors.joining(" "));
        assertThat(text).as("finals together").isEqualTo(script().text());
        if (descriptor().wordTimestamps()) {
            assertWordTimesSane(finals.stream().flatMap(f -> f.words().stream()).toList(), audioSeconds);
        }
    }

    private static void assertWordTimesSane(List<Word> words, double audioSeconds) {
        double previousStart = 0;
        for (Word w : words) {
            assertThat(w.start()).as("start of %s", w).isGreaterThanOrEqualTo(previousStart);
            assertThat(w.end()).as("end of %s", w).isGreaterThanOrEqualTo(w.start())
                    .isLessThanOrEqualTo(audioSeconds + 0.05);
            previousStart = w.start();
        }
    }

    private static int frameAligned(int bytes, AudioFormat f) {
        return bytes - bytes % f.frameSize();
    }

    /** Runs a failing call, failing the test if it has not returned within {@link #GIVE_UP_LIMIT}. */
    private <T> T withinLimit(org.junit.jupiter.api.function.ThrowingSupplier<T> call) {
        return assertTimeoutPreemptively(GIVE_UP_LIMIT, call, () -> name() + " did not give up within "
                + GIVE_UP_LIMIT + " (configured timeouts are " + SHORT_TIMEOUT + " for the timeout tests)");
    }
}
