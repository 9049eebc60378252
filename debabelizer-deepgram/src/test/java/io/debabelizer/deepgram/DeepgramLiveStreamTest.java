package io.debabelizer.deepgram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.G711;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamEvent.CloseReason;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Live transcription over the /v1/listen WebSocket against the fake: protocol, order, faults. */
@Timeout(120)
class DeepgramLiveStreamTest extends DeepgramTestSupport {

    private static final ScriptedTranscript JFK = ScriptedTranscript.jfk();
    private static final int CHUNK_20MS = 640;

    private TestAudio.Wav jfk;

    @BeforeEach
    void script() {
        jfk = TestAudio.speech("jfk.wav");
        fake.willTranscribe(JFK.text(), JFK.words());
    }

    private StreamRequest.Builder request() {
        return StreamRequest.builder(jfk.pcmFormat()).language("en_us");
    }

    @Test
    void jfkIn20msChunksYieldsInterimsThenFinalsInOrderWithMonotoneTimes() throws Exception {
        SpeechStream stream = stt().openStream(request().endpointing(Duration.ofMillis(300))
                .utteranceEnd(Duration.ofMillis(500)).build());
        sendInChunks(stream, jfk.pcm(), CHUNK_20MS);
        stream.endInput();
        List<StreamEvent> events = drain(stream);

        RecordedRequest upgrade = fake.webSocket().upgradeRequests().getLast();
        assertThat(upgrade.path()).isEqualTo("/v1/listen");
        assertThat(upgrade.header("Authorization")).contains("Token " + KEY);
        assertThat(upgrade.query()).containsEntry("model", List.of("nova-3"))
                .containsEntry("encoding", List.of("linear16")).containsEntry("sample_rate", List.of("16000"))
                .containsEntry("channels", List.of("1")).containsEntry("language", List.of("en-US"))
                .containsEntry("interim_results", List.of("true")).containsEntry("endpointing", List.of("300"))
                .containsEntry("utterance_end_ms", List.of("500")).containsEntry("vad_events", List.of("true"))
                .containsEntry("punctuate", List.of("true")).containsEntry("smart_format", List.of("true"));

        assertThat(events.getLast()).isEqualTo(new StreamEvent.Closed(CloseReason.COMPLETED,
                jfk.pcm().length / 32000.0));
        assertThat(only(events, StreamEvent.Error.class)).isEmpty();
        List<StreamEvent.Final> finals = only(events, StreamEvent.Final.class);
        int firstInterim = events.indexOf(only(events, StreamEvent.Interim.class).getFirst());
        assertThat(firstInterim).isLessThan(events.indexOf(finals.getFirst()));
        assertThat(events.getFirst()).isInstanceOf(StreamEvent.SpeechStarted.class);
        // Endpointing at 300 ms splits the speech at its pauses; each of those finals is speech_final.
        assertThat(finals).filteredOn(StreamEvent.Final::speechFinal).hasSizeGreaterThanOrEqualTo(3);
        assertThat(only(events, StreamEvent.UtteranceEnd.class)).extracting(StreamEvent.UtteranceEnd::lastWordEnd)
                .contains(4.30);
        String text = String.join(" ", finals.stream().map(StreamEvent.Final::text).filter(t -> !t.isEmpty())
                .toList());
        assertThat(text).isEqualTo(JFK.text());
        List<Word> words = finals.stream().flatMap(f -> f.words().stream()).toList();
        assertThat(words).extracting(Word::punctuated)
                .containsExactlyElementsOf(JFK.words().stream().map(Word::punctuated).toList());
        for (int i = 1; i < words.size(); i++) {
            assertThat(words.get(i).start()).isGreaterThanOrEqualTo(words.get(i - 1).end());
        }
        double previousEnd = 0;
        for (StreamEvent.Final f : finals) {
            assertThat(f.start()).isGreaterThanOrEqualTo(previousEnd);
            assertThat(f.words()).allSatisfy(w -> assertThat(w.start()).isGreaterThanOrEqualTo(f.start()));
            previousEnd = f.end();
        }
        assertThat(fake.receivedAudioBytes()).isEqualTo(jfk.pcm());
        List<String> log = fake.liveLogs().getLast();
        assertThat(log.getLast()).isEqualTo("CloseStream");
        assertThat(log.subList(0, log.size() - 1)).allMatch(s -> s.startsWith("audio:"));
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void keepAliveIsSentWhileTheApplicationIsSilentSoTheIdleTimeoutNeverFires() throws Exception {
        fake.idleTimeout(Duration.ofMillis(1500));
        SpeechStream stream = stt(Map.of("keep_alive", "200ms")).openStream(request().build());
        stream.send(jfk.pcm(), 0, CHUNK_20MS);
        Awaitility.await().atMost(WAIT).until(() -> fake.liveLogs().getLast().stream()
                .filter("KeepAlive"::equals).count() >= 10); // well past the server's 1.5 s idle timeout
        assertThat(stream.completion()).isNotDone();
        sendInChunks(stream, Arrays.copyOfRange(jfk.pcm(), CHUNK_20MS, jfk.pcm().length), CHUNK_20MS);
        stream.endInput();
        List<StreamEvent> events = drain(stream);
        assertThat(events.getLast()).isInstanceOfSatisfying(StreamEvent.Closed.class,
                c -> assertThat(c.reason()).isEqualTo(CloseReason.COMPLETED));
        assertThat(fake.receivedAudioBytes()).isEqualTo(jfk.pcm());
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void withoutKeepAliveTheServerIdleTimeoutIsATypedError() throws Exception {
        fake.idleTimeout(Duration.ofMillis(500));
        SpeechStream stream = stt(Map.of("keep_alive", "60s")).openStream(request().build());
        stream.send(jfk.pcm(), 0, CHUNK_20MS);
        List<StreamEvent> events = drain(stream);
        assertThat(events.get(events.size() - 2)).isInstanceOfSatisfying(StreamEvent.Error.class, e -> {
            assertThat(e.error()).isInstanceOf(ProviderUnavailableException.class)
                    .hasMessageContaining("1011").hasMessageContaining("NET-0001");
            assertThat(e.error().isRetryable()).isTrue();
        });
        assertThat(((StreamEvent.Closed) events.getLast()).reason()).isEqualTo(CloseReason.FAILED);
        assertThat(fake.liveLogs().getLast()).containsExactly("audio:640", "idle-timeout");
    }

    @Test
    void finalizeSettlesWhatWasSentAndKeepsTheStreamOpen() throws Exception {
        SpeechStream stream = stt().openStream(request().endpointing(Duration.ZERO).build());
        int fourSeconds = 4 * 32000;
        sendInChunks(stream, Arrays.copyOf(jfk.pcm(), fourSeconds), CHUNK_20MS);
        stream.finalizeUtterance();
        StreamEvent.Final first = null;
        while (first == null) {
            StreamEvent e = stream.pollEvent(WAIT).orElseThrow();
            assertThat(e).isNotInstanceOfAny(StreamEvent.Closed.class, StreamEvent.Error.class);
            if (e instanceof StreamEvent.Final f) {
                first = f;
            }
        }
        assertThat(first.text()).isEqualTo("And so, my fellow Americans, ask");
        assertThat(first.speechFinal()).isFalse();
        assertThat(fake.webSocket().upgradeRequests().getLast().queryParam("endpointing")).contains("false");
        sendInChunks(stream, Arrays.copyOfRange(jfk.pcm(), fourSeconds, jfk.pcm().length), CHUNK_20MS);
        stream.endInput();
        List<StreamEvent> rest = drain(stream);
        assertThat(((StreamEvent.Closed) rest.getLast()).reason()).isEqualTo(CloseReason.COMPLETED);
        List<String> log = fake.liveLogs().getLast();
        assertThat(log.indexOf("Finalize")).isEqualTo(fourSeconds / CHUNK_20MS);
        assertThat(log.getLast()).isEqualTo("CloseStream");
    }

    @Test
    void telephonyMulawIsSentNativelyWithoutTranscoding() throws Exception {
        short[] eightKhz = AudioConverter.toMonoSamples(jfk.asPcmAudio(), 8000);
        byte[] mulaw = G711.encodeMulaw(eightKhz);
        SpeechStream stream = stt().openStream(StreamRequest.builder(AudioFormat.mulaw(8000)).language("en-US")
                .build());
        sendInChunks(stream, mulaw, 160); // 20 ms of 8 kHz µ-law
        stream.endInput();
        List<StreamEvent> events = drain(stream);

        assertThat(fake.webSocket().upgradeRequests().getLast().query())
                .containsEntry("encoding", List.of("mulaw")).containsEntry("sample_rate", List.of("8000"))
                .containsEntry("channels", List.of("1"));
        assertThat(fake.receivedAudioBytes()).as("the µ-law bytes, untouched").isEqualTo(mulaw);
        assertThat(fake.liveLogs().getLast()).filteredOn(s -> s.startsWith("audio:")).allMatch("audio:160"::equals);
        assertThat(String.join(" ", only(events, StreamEvent.Final.class).stream().map(StreamEvent.Final::text)
                .filter(t -> !t.isEmpty()).toList())).isEqualTo(JFK.text());
    }

    @Test
    void aSlowConsumerLosesNothing() throws Exception {
        SpeechStream stream = stt().openStream(request().eventBuffer(1).build());
        sendInChunks(stream, jfk.pcm(), CHUNK_20MS);
        stream.endInput();
        Thread.sleep(300); // let the reader hit the full buffer: the socket read must wait, not drop
        List<StreamEvent> events = drain(stream);
        assertThat(((StreamEvent.Closed) events.getLast()).reason()).isEqualTo(CloseReason.COMPLETED);
        assertThat(String.join(" ", only(events, StreamEvent.Final.class).stream().map(StreamEvent.Final::text)
                .filter(t -> !t.isEmpty()).toList())).isEqualTo(JFK.text());
    }

    @Test
    void slowServerResultsStillArriveBeforeTheEnd() throws Exception {
        fake.willFailLive(new DeepgramFake.LiveFault.DelayResults(Duration.ofMillis(20)));
        SpeechStream stream = stt().openStream(request().interimResults(false).build());
        sendInChunks(stream, jfk.pcm(), CHUNK_20MS);
        stream.endInput();
        List<StreamEvent> events = drain(stream);
        assertThat(((StreamEvent.Closed) events.getLast()).reason()).isEqualTo(CloseReason.COMPLETED);
        assertThat(only(events, StreamEvent.Interim.class)).isEmpty();
        assertThat(String.join(" ", only(events, StreamEvent.Final.class).stream().map(StreamEvent.Final::text)
                .filter(t -> !t.isEmpty()).toList())).isEqualTo(JFK.text());
    }

    @Test
    void utteranceEndWithoutInterimsAsksDeepgramForInterimsButDoesNotDeliverThem() throws Exception {
        SpeechStream stream = stt().openStream(request().interimResults(false).endpointing(Duration.ofMillis(300))
                .utteranceEnd(Duration.ofMillis(500)).build());
        sendInChunks(stream, jfk.pcm(), CHUNK_20MS);
        stream.endInput();
        List<StreamEvent> events = drain(stream);
        assertThat(fake.webSocket().upgradeRequests().getLast().queryParam("interim_results")).contains("true");
        assertThat(only(events, StreamEvent.Interim.class)).isEmpty();
        assertThat(only(events, StreamEvent.UtteranceEnd.class)).isNotEmpty();
        assertThat(((StreamEvent.Closed) events.getLast()).reason()).isEqualTo(CloseReason.COMPLETED);
    }

    @Test
    void anEmptySendNeverBecomesAZeroLengthFrame() throws Exception {
        SpeechStream stream = stt().openStream(request().build());
        stream.send(new byte[0]);
        stream.send(jfk.pcm(), 0, CHUNK_20MS);
        stream.endInput();
        drain(stream);
        assertThat(fake.liveLogs().getLast()).containsExactly("audio:640", "CloseStream");
        assertThat(fake.violations()).isEmpty();
    }

    // ---- handshake failures -----------------------------------------------------------------------------------

    @Test
    void paymentRequiredAtTheHandshakeIsAnAuthenticationErrorWithTheRequestId() {
        fake.webSocket().failNextUpgrades(1, DeepgramFake.paymentRequired());
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> stt().openStream(request().build()));
        assertThat(e).hasMessageContaining("402").hasMessageContaining("ASR_PAYMENT_REQUIRED");
        assertThat(e.requestId()).isPresent();
        assertThat(e.getMessage()).doesNotContain(KEY);
        assertThat(fake.webSocket().connections()).isEmpty();
    }

    @Test
    void wrongKeyAtTheHandshakeIsAnAuthenticationError() {
        DeepgramFake other = fake;
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> stt(Map.of("api_key", "wrong-key")).openStream(request().build()));
        assertThat(e).hasMessageContaining("INVALID_AUTH");
        assertThat(e.getMessage()).doesNotContain("wrong-key");
        assertThat(other.webSocket().connections()).isEmpty();
    }

    @Test
    void tooManyStreamsIsRateLimitedWithTheRetryHint() {
        fake.webSocket().failNextUpgrades(1, DeepgramFake.tooManyRequests(Duration.ofSeconds(7)));
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                () -> stt().openStream(request().build()));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void serverErrorAtTheHandshakeIsProviderUnavailable() {
        fake.webSocket().failNextUpgrades(1, DeepgramFake.serverError(503));
        ProviderUnavailableException e = catchThrowableOfType(ProviderUnavailableException.class,
                () -> stt().openStream(request().build()));
        assertThat(e).hasMessageContaining("503").hasMessageContaining("Please try again later");
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void anUnknownExtraIsRejectedByTheServerAsInvalidInput() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> stt().openStream(request().providerOption("no_such_option", true).build()));
        assertThat(e).hasMessageContaining("INVALID_QUERY_PARAMETER").hasMessageContaining("no_such_option");
    }

    @Test
    void extrasArePassedThroughAsQueryParameters() throws Exception {
        SpeechStream stream = stt().openStream(request().diarize(true).model("nova-2")
                .providerOption("keyterms", List.of("Americans", "country")).providerOption("tag", "jfk")
                .providerOption("diarize_model", "latest").build());
        stream.send(jfk.pcm(), 0, CHUNK_20MS);
        stream.endInput();
        drain(stream);
        assertThat(fake.webSocket().upgradeRequests().getLast().query())
                .containsEntry("keyterm", List.of("Americans", "country")).containsEntry("tag", List.of("jfk"))
                .containsEntry("diarize", List.of("true")).containsEntry("diarize_model", List.of("latest"))
                .containsEntry("model", List.of("nova-2")).doesNotContainKey("keyterms");
    }

    @Test
    void unsupportedRawFormatsAreRejectedBeforeConnecting() {
        AudioFormat bigEndian = new AudioFormat(io.debabelizer.audio.Container.RAW,
                io.debabelizer.audio.Encoding.PCM_SIGNED, 16000, 1, 16, true);
        assertThat(catchThrowableOfType(UnsupportedFormatException.class,
                () -> stt().openStream(StreamRequest.builder(bigEndian).build()))).isNotNull();
        assertThat(fake.webSocket().upgradeRequests()).isEmpty();
    }

    // ---- faults after the upgrade -----------------------------------------------------------------------------

    @Test
    void undecodableAudioClose1008IsInvalidInputAndTheServerGotAPrefix() throws Exception {
        fake.willFailLive(new DeepgramFake.LiveFault.CloseWith(1008, "DATA-0000", 3200));
        SpeechStream stream = stt().openStream(request().build());
        try {
            sendInChunks(stream, jfk.pcm(), CHUNK_20MS);
            stream.endInput();
        } catch (io.debabelizer.StreamClosedException expected) {
            // noticed while sending
        }
        List<StreamEvent> events = drain(stream);
        assertThat(events.get(events.size() - 2)).isInstanceOfSatisfying(StreamEvent.Error.class,
                e -> assertThat(e.error()).isInstanceOf(InvalidInputException.class).hasMessageContaining("1008")
                        .hasMessageContaining("DATA-0000"));
        assertThat(((StreamEvent.Closed) events.getLast()).reason()).isEqualTo(CloseReason.FAILED);
        byte[] received = fake.receivedAudioBytes();
        assertThat(received.length).isGreaterThanOrEqualTo(3200);
        assertThat(received).isEqualTo(Arrays.copyOf(jfk.pcm(), received.length));
    }

    @Test
    void anErrorRightAfterTheUpgradeIsProviderUnavailableNotASilentGap() throws Exception {
        fake.willFailLive(new DeepgramFake.LiveFault.CloseWith(1011, "NET-0000", 0));
        SpeechStream stream = stt().openStream(request().build());
        List<StreamEvent> events = drain(stream);
        assertThat(events).hasSize(2);
        assertThat(events.getFirst()).isInstanceOfSatisfying(StreamEvent.Error.class, e -> {
            assertThat(e.error()).isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("NET-0000");
            assertThat(e.fatal()).isTrue();
        });
        assertThat(fake.receivedAudioBytes()).isEmpty();
    }

    @Test
    void aNormalCloseBeforeCloseStreamIsStillAnError() throws Exception {
        fake.willFailLive(new DeepgramFake.LiveFault.CloseWith(1000, "", 6400));
        SpeechStream stream = stt().openStream(request().build());
        try {
            sendInChunks(stream, jfk.pcm(), CHUNK_20MS);
        } catch (io.debabelizer.StreamClosedException expected) {
            // noticed while sending
        }
        List<StreamEvent> events = drain(stream);
        assertThat(events.get(events.size() - 2)).isInstanceOfSatisfying(StreamEvent.Error.class,
                e -> assertThat(e.error()).isInstanceOf(ProviderUnavailableException.class)
                        .hasMessageContaining("before CloseStream"));
    }

    @Test
    void aDroppedConnectionIsARetryableErrorAndTheUnsentAudioCanBeReplayed() throws Exception {
        fake.willFail(io.debabelizer.testkit.Fault.dropConnection(64_000));
        SpeechStream stream = stt().openStream(request().build());
        try {
            sendInChunks(stream, jfk.pcm(), CHUNK_20MS);
        } catch (io.debabelizer.StreamClosedException expected) {
            // noticed while sending
        }
        List<StreamEvent> events = drain(stream);
        DebabelizerException error = ((StreamEvent.Error) events.get(events.size() - 2)).error();
        assertThat(error.isRetryable()).isTrue();
        byte[] received = fake.receivedAudioBytes();
        assertThat(received).isEqualTo(Arrays.copyOf(jfk.pcm(), received.length));
        int replayFrom = (int) Math.round(stream.unfinalizedAudioStart() * 32000);
        assertThat(replayFrom).isLessThanOrEqualTo(received.length);
        byte[] replay = stream.unfinalizedAudio();
        assertThat(replay).isEqualTo(Arrays.copyOfRange(jfk.pcm(), replayFrom, replayFrom + replay.length));
    }
}
