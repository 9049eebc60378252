package io.debabelizer.soniox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.StreamClosedException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.G711;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.HttpClients;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.StreamEvents;
import io.debabelizer.testkit.fake.TestAudio;
import io.debabelizer.testkit.fake.WsMessage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** Live transcription against {@link SonioxFake}: the wire protocol, events, keepalive, telephony and faults. */
@Timeout(120)
class SonioxLiveStreamTest {

    private static final String KEY = ProviderSettings.KIT_API_KEY;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ScriptedTranscript JFK = ScriptedTranscript.jfk();

    private SonioxFake fake;
    private HttpClient client;
    private SttProvider provider;
    private final TestAudio.Wav jfk = TestAudio.speech("jfk.wav");

    @BeforeEach
    void start() {
        fake = SonioxFake.start(KEY);
        fake.willTranscribe(JFK.text(), JFK.words());
        client = HttpClient.newHttpClient();
        provider = provider(Map.of());
    }

    @AfterEach
    void stop() throws InterruptedException {
        provider.close();
        fake.close();
        HttpClients.closeOrFail(client);
    }

    private SttProvider provider(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of("api_key", KEY, "base_url", fake.restUri().toString(),
                "ws_url", fake.wsUri().toString()));
        values.putAll(extra);
        return new SonioxProviderFactory().createStt(new ProviderContext(
                new ProviderSettings.MapProviderConfig("soniox", values), client, Duration.ofSeconds(15),
                Duration.ofSeconds(15)));
    }

    private static StreamRequest.Builder pcm() {
        return StreamRequest.builder(AudioFormat.pcm16(16000, 1)).language("en-US");
    }

    /** Sends {@code audio[from, to)} in chunks of {@code chunk} bytes; stops quietly when the stream has failed. */
    private static void send(SpeechStream s, byte[] audio, int from, int to, int chunk, ByteArrayOutputStream sent) {
        for (int off = from; off < to; off += chunk) {
            int n = Math.min(chunk, to - off);
            try {
                s.send(audio, off, n);
            } catch (StreamClosedException e) {
                return;
            }
            if (sent != null) {
                sent.write(audio, off, n);
            }
        }
    }

    private static List<StreamEvent> drain(SpeechStream s) throws InterruptedException {
        return StreamEvents.untilClosed(s, WAIT);
    }

    private static List<StreamEvent.Final> finals(List<StreamEvent> events) {
        return events.stream().filter(StreamEvent.Final.class::isInstance).map(StreamEvent.Final.class::cast)
                .toList();
    }

    private static String finalText(List<StreamEvent> events) {
        return finals(events).stream().map(StreamEvent.Final::text).filter(t -> !t.isEmpty())
                .collect(Collectors.joining(" "));
    }

    private static StreamEvent.Error failure(List<StreamEvent> events) {
        assertThat(events.getLast()).isInstanceOfSatisfying(StreamEvent.Closed.class,
                c -> assertThat(c.reason()).isEqualTo(StreamEvent.CloseReason.FAILED));
        assertThat(events.get(events.size() - 2)).isInstanceOf(StreamEvent.Error.class);
        StreamEvent.Error error = (StreamEvent.Error) events.get(events.size() - 2);
        assertThat(error.fatal()).isTrue();
        assertThat(error.error().getMessage()).doesNotContain(KEY);
        return error;
    }

    @Test
    void jfkIn20msChunksGivesInterimsThenFinalsInOrderWithMonotoneTimesAndOneEndpoint() throws Exception {
        SpeechStream s = provider.openStream(pcm().build());
        send(s, jfk.pcm(), 0, jfk.pcm().length, 640, null);
        s.endInput();
        List<StreamEvent> events = drain(s);

        assertThat(events).noneMatch(StreamEvent.Error.class::isInstance);
        assertThat(events.getLast()).isEqualTo(new StreamEvent.Closed(StreamEvent.CloseReason.COMPLETED,
                jfk.durationSeconds()));
        int firstInterim = events.indexOf(events.stream().filter(StreamEvent.Interim.class::isInstance).findFirst()
                .orElseThrow());
        int firstFinal = events.indexOf(finals(events).getFirst());
        assertThat(firstInterim).isLessThan(firstFinal);
        assertThat(finalText(events)).isEqualTo(JFK.text());
        for (StreamEvent.Final f : finals(events)) {
            if (!f.words().isEmpty()) {
                assertThat(f.text()).isEqualTo(ScriptedTranscript.join(f.words()));
                assertThat(f.language()).as("a language was given, none identified: Soniox reports none").isNull();
            }
        }
        List<Word> words = finals(events).stream().flatMap(f -> f.words().stream()).toList();
        assertThat(words).extracting(Word::punctuated).containsExactlyElementsOf(
                JFK.words().stream().map(Word::punctuated).toList());
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            assertThat(w.end()).isGreaterThanOrEqualTo(w.start()).isLessThanOrEqualTo(jfk.durationSeconds());
            if (i > 0) {
                assertThat(w.start()).isGreaterThanOrEqualTo(words.get(i - 1).end());
            }
            assertThat(w.start()).isCloseTo(JFK.words().get(i).start(), org.assertj.core.data.Offset.offset(0.001));
        }
        // The pause after "not" is an endpoint: a speech-final final, then UtteranceEnd at its last word's end.
        List<StreamEvent.UtteranceEnd> ends = events.stream().filter(StreamEvent.UtteranceEnd.class::isInstance)
                .map(StreamEvent.UtteranceEnd.class::cast).toList();
        assertThat(ends).containsExactly(new StreamEvent.UtteranceEnd(4.3));
        StreamEvent beforeEnd = events.get(events.indexOf(ends.getFirst()) - 1);
        assertThat(beforeEnd).isInstanceOfSatisfying(StreamEvent.Final.class, f -> {
            assertThat(f.speechFinal()).isTrue();
            assertThat(f.words().getLast().punctuated()).isEqualTo("not");
        });

        // What reached the server: header auth, the config first, then binary audio, then the empty frame, no more.
        SonioxFake.LiveSession session = fake.lastSession();
        assertThat(session.upgrade.header("Authorization")).contains("Bearer " + KEY);
        assertThat(session.upgrade.path()).isEqualTo(SonioxFake.WS_PATH);
        JsonNode config = session.config();
        assertThat(config.has("api_key")).isFalse();
        assertThat(config.path("model").asString()).isEqualTo("stt-rt-v5");
        assertThat(config.path("audio_format").asString()).isEqualTo("pcm_s16le");
        assertThat(config.path("sample_rate").asInt()).isEqualTo(16000);
        assertThat(config.path("num_channels").asInt()).isEqualTo(1);
        assertThat(config.path("language_hints").toString()).isEqualTo("[\"en\"]");
        assertThat(config.path("enable_endpoint_detection").asBoolean()).isTrue();
        assertThat(config.path("client_reference_id").asString()).isEqualTo(s.sessionId());
        assertThat(session.violations()).isEmpty();
        assertThat(session.afterEndOfAudio()).isEmpty();
        List<WsMessage> received = session.connection.received().stream()
                .filter(m -> !(m instanceof WsMessage.Close)).toList();
        assertThat(received.getFirst()).isInstanceOf(WsMessage.Text.class);
        assertThat(received.getLast()).isEqualTo(new WsMessage.Text(""));
        assertThat(received.subList(1, received.size() - 1)).allMatch(
                m -> m instanceof WsMessage.Binary b && b.data().length > 0);
        assertThat(fake.receivedAudioBytes()).isEqualTo(jfk.pcm());
        assertThat(session.sent().getLast()).contains("\"finished\":true");
    }

    @Test
    void finalizeUtteranceSendsFinalizeAndTheFinMarkerYieldsAFinal() throws Exception {
        SpeechStream s = provider.openStream(pcm().build());
        int threeSeconds = 3 * 32000;
        send(s, jfk.pcm(), 0, threeSeconds, 640, null);
        s.finalizeUtterance();
        StreamEvent.Final fin = null;
        while (fin == null) {
            StreamEvent e = s.pollEvent(WAIT).orElseThrow();
            assertThat(e).isNotInstanceOfAny(StreamEvent.Closed.class, StreamEvent.Error.class);
            if (e instanceof StreamEvent.Final f && f.words().stream().anyMatch(w -> w.punctuated().equals("Americans,"))) {
                fin = f;
            }
        }
        assertThat(fin.speechFinal()).isFalse();
        assertThat(fin.end()).isLessThanOrEqualTo(3.0);
        assertThat(fake.lastSession().connection.received()).contains(new WsMessage.Text("{\"type\":\"finalize\"}"));
        assertThat(fake.lastSession().sent()).anyMatch(m -> m.contains("<fin>"));
        send(s, jfk.pcm(), threeSeconds, jfk.pcm().length, 640, null);
        s.endInput();
        List<StreamEvent> rest = drain(s);
        assertThat(rest.getLast()).isInstanceOfSatisfying(StreamEvent.Closed.class,
                c -> assertThat(c.reason()).isEqualTo(StreamEvent.CloseReason.COMPLETED));
    }

    @Test
    void keepalivesHoldTheSessionOpenWhileTheApplicationIsSilent() throws Exception {
        fake.idleTimeout(Duration.ofSeconds(2));
        SpeechStream s = provider.openStream(pcm().providerOption("keepalive_interval", "200ms").build());
        send(s, jfk.pcm(), 0, 32000, 640, null);
        Awaitility.await().atMost(WAIT).until(() -> fake.lastSession().keepalives() >= 10); // >= 2 s of silence
        send(s, jfk.pcm(), 32000, jfk.pcm().length, 640, null);
        s.endInput();
        List<StreamEvent> events = drain(s);
        assertThat(events).noneMatch(StreamEvent.Error.class::isInstance);
        assertThat(finalText(events)).isEqualTo(JFK.text());
        assertThat(fake.lastSession().connection.received()).filteredOn(WsMessage.Text.class::isInstance)
                .map(m -> ((WsMessage.Text) m).text()).filteredOn(t -> t.contains("keepalive"))
                .allMatch("{\"type\":\"keepalive\"}"::equals);
        assertThat(fake.receivedAudioBytes()).as("keepalives carry no audio").isEqualTo(jfk.pcm());
    }

    @Test
    void withoutKeepalivesTheServerTimesOutAndTheApplicationIsTold() throws Exception {
        fake.idleTimeout(Duration.ofMillis(500));
        SpeechStream s = provider.openStream(pcm().build()); // default keepalive: 10 s, longer than this server waits
        send(s, jfk.pcm(), 0, 3200, 640, null);
        List<StreamEvent> events = drain(s);
        assertThat(failure(events).error()).isInstanceOf(ProviderTimeoutException.class);
        assertThat(fake.lastSession().keepalives()).isZero();
    }

    @Test
    void telephonyMulawIsSentNativelyWithoutTranscoding() throws Exception {
        short[] samples = new short[jfk.pcm().length / 4];
        ByteBuffer pcm = ByteBuffer.wrap(jfk.pcm()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = pcm.getShort(i * 4); // every other 16 kHz sample: 8 kHz, as a phone line carries it
        }
        byte[] mulaw = G711.encodeMulaw(samples);
        SpeechStream s = provider.openStream(StreamRequest.builder(AudioFormat.mulaw(8000)).language("en").build());
        send(s, mulaw, 0, mulaw.length, 160, null);
        s.endInput();
        List<StreamEvent> events = drain(s);

        JsonNode config = fake.lastSession().config();
        assertThat(config.path("audio_format").asString()).isEqualTo("mulaw");
        assertThat(config.path("sample_rate").asInt()).isEqualTo(8000);
        assertThat(config.path("num_channels").asInt()).isEqualTo(1);
        assertThat(fake.receivedAudioBytes()).as("the µ-law bytes, untouched").isEqualTo(mulaw);
        assertThat(finalText(events)).isEqualTo(JFK.text());
        assertThat(((StreamEvent.Closed) events.getLast()).audioSeconds()).isCloseTo(mulaw.length / 8000.0,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void diarizationAndLanguageIdentificationReachTheEvents() throws Exception {
        fake.language("es");
        SpeechStream s = provider.openStream(StreamRequest.builder(AudioFormat.pcm16(16000, 1)).diarize(true)
                .build());
        send(s, jfk.pcm(), 0, jfk.pcm().length, 640, null);
        s.endInput();
        List<StreamEvent> events = drain(s);
        JsonNode config = fake.lastSession().config();
        assertThat(config.path("enable_language_identification").asBoolean()).isTrue();
        assertThat(config.path("enable_speaker_diarization").asBoolean()).isTrue();
        assertThat(config.has("language_hints")).isFalse();
        assertThat(finals(events)).filteredOn(f -> !f.words().isEmpty()).allSatisfy(f -> {
            assertThat(f.language()).isEqualTo("es");
            assertThat(f.words()).allSatisfy(w -> assertThat(w.speaker()).isEqualTo("1"));
        });
    }

    @Test
    void anErrorCodeRightAfterTheUpgradeIsReportedAsATypedError() throws Exception {
        fake.failStreamWith(new SonioxFake.StreamError(401, "Invalid API key.", 0, 1000));
        SpeechStream s = provider.openStream(pcm().build());
        List<StreamEvent> events = drain(s);
        assertThat(failure(events).error()).isInstanceOf(AuthenticationException.class);
        assertThat(fake.lastSession().config()).as("the config had been sent").isNotNull();
        assertThat(catchThrowableOfType(StreamClosedException.class, () -> s.send(new byte[640]))).isNotNull();
    }

    @Test
    void errorCodesMidStreamAreTypedAndNoAudioIsLost() throws Exception {
        Map<Integer, Class<? extends DebabelizerException>> cases = Map.of(400, InvalidInputException.class,
                402, AuthenticationException.class, 408, ProviderTimeoutException.class, 429,
                RateLimitedException.class, 500, ProviderUnavailableException.class, 503,
                ProviderUnavailableException.class);
        for (var c : cases.entrySet()) {
            fake.failStreamWith(new SonioxFake.StreamError(c.getKey(), "Cannot continue request (code 7).",
                    4L * 32000, c.getKey() >= 500 ? 1011 : 1000));
            SpeechStream s = provider.openStream(pcm().build());
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            send(s, jfk.pcm(), 0, jfk.pcm().length, 640, sent);
            List<StreamEvent> events = drain(s);

            DebabelizerException error = failure(events).error();
            assertThat(error).as("error_code %s", c.getKey()).isInstanceOf(c.getValue());
            if (c.getKey() == 503) {
                assertThat(error.isRetryable()).isTrue();
                assertThat(error.getMessage()).contains("reconnect and continue");
            }
            byte[] all = sent.toByteArray();
            byte[] atServer = fake.receivedAudioBytes();
            assertThat(atServer.length).isBetween(4 * 32000, all.length);
            assertThat(atServer).isEqualTo(Arrays.copyOf(all, atServer.length));
            // Everything after the replay start is still held for a reconnect.
            long replayFrom = Math.round(s.unfinalizedAudioStart() * 32000);
            double lastFinalEnd = finals(events).isEmpty() ? 0 : finals(events).getLast().end();
            assertThat(replayFrom).isLessThanOrEqualTo(Math.round(lastFinalEnd * 32000) + 1);
            assertThat(s.unfinalizedAudio()).isEqualTo(Arrays.copyOfRange(all, (int) replayFrom, all.length));
        }
    }

    @Test
    void rejectedUpgradesAreThrownFromOpenStream() {
        fake.webSocket().failNextUpgrades(1, SonioxFake.restError(402, "payment_required", "Balance exhausted."));
        assertThat(catchThrowableOfType(AuthenticationException.class, () -> provider.openStream(pcm().build())))
                .hasMessageContaining("402");
        fake.webSocket().failNextUpgrades(1, SonioxFake.restError(503, "internal_error", "Try later."));
        assertThat(catchThrowableOfType(ProviderUnavailableException.class, () -> provider.openStream(pcm().build())))
                .matches(DebabelizerException::isRetryable);

        SttProvider wrongKey = provider(Map.of("api_key", "not-the-key"));
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> wrongKey.openStream(pcm().build()));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContain("not-the-key");
        assertThat(fake.sessions()).as("no session was opened").isEmpty();
    }

    @Test
    void aSlowServerStillDeliversEverythingInOrder() throws Exception {
        fake.delayResponses(Duration.ofMillis(50));
        SpeechStream s = provider.openStream(pcm().build());
        send(s, jfk.pcm(), 0, jfk.pcm().length, 6400, null);
        s.endInput();
        List<StreamEvent> events = drain(s);
        assertThat(events).noneMatch(StreamEvent.Error.class::isInstance);
        assertThat(finalText(events)).isEqualTo(JFK.text());
        assertThat(fake.receivedAudioBytes()).isEqualTo(jfk.pcm());
    }

    @Test
    void aMalformedMessageIsAProtocolErrorAndTheAudioSentSoFarIsAccountedFor() throws Exception {
        fake.willFail(io.debabelizer.testkit.Fault.malformedPayload());
        SpeechStream s = provider.openStream(pcm().build());
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        send(s, jfk.pcm(), 0, jfk.pcm().length, 640, sent);
        List<StreamEvent> events = drain(s);
        assertThat(failure(events).error()).isInstanceOf(io.debabelizer.ProtocolException.class);
        byte[] atServer = fake.receivedAudioBytes();
        assertThat(atServer).isNotEmpty().isEqualTo(Arrays.copyOf(sent.toByteArray(), atServer.length));
        assertThat(s.unfinalizedAudio()).as("no final came: everything sent is kept for replay")
                .isEqualTo(sent.toByteArray());
    }

    @Test
    void aConsumerThatFallsBehindLosesNothing() throws Exception {
        SpeechStream s = provider.openStream(pcm().eventBuffer(1).build());
        send(s, jfk.pcm(), 0, jfk.pcm().length, 640, null);
        s.endInput();
        Thread.sleep(1000); // the application is busy elsewhere; the reader must wait for it, not drop events
        List<StreamEvent> events = drain(s);
        assertThat(finalText(events)).isEqualTo(JFK.text());
        assertThat(events.getLast()).isInstanceOfSatisfying(StreamEvent.Closed.class,
                c -> assertThat(c.reason()).isEqualTo(StreamEvent.CloseReason.COMPLETED));
    }

    @Test
    void theWebSocketUrlIsUsedExactlyAsConfigured() {
        SttProvider elsewhere = provider(Map.of("ws_url", fake.webSocket().baseUri() + "/custom/realtime"));
        DebabelizerException e = catchThrowableOfType(DebabelizerException.class,
                () -> elsewhere.openStream(pcm().build()));
        assertThat(e).isInstanceOf(InvalidInputException.class).hasMessageContaining("404");
        assertThat(fake.webSocket().upgradeRequests().getLast().path()).isEqualTo("/custom/realtime");
    }
}
