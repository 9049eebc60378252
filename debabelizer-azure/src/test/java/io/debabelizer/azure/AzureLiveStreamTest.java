package io.debabelizer.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.AuthenticationException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import io.debabelizer.testkit.fake.WsConnection;
import io.debabelizer.testkit.fake.WsMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Live recognition over USP against the fake service: order, framing, turns, times, errors. */
class AzureLiveStreamTest extends AzureTestSupport {

    private final TestAudio.Wav jfk = TestAudio.speech("jfk.wav");

    @BeforeEach
    void script() {
        ScriptedTranscript s = ScriptedTranscript.jfk();
        fake.willTranscribe(s.text(), s.words());
    }

    private StreamRequest.Builder request() {
        return StreamRequest.builder(jfk.pcmFormat()).language("en-US");
    }

    @Test
    void jfkStreamsInterimsThenFinalsWithWordTimings() throws Exception {
        SpeechStream stream = stt().openStream(request().build());
        sendInChunks(stream, jfk.pcm(), 0, jfk.pcm().length, 640); // 20 ms chunks
        stream.endInput();
        List<StreamEvent> events = drain(stream);

        List<StreamEvent.Final> finals = only(events, StreamEvent.Final.class);
        assertThat(finals).as("continuous recognition: several phrases in one turn").hasSizeGreaterThan(1);
        assertThat(events.indexOf(only(events, StreamEvent.Interim.class).getFirst()))
                .isLessThan(events.indexOf(finals.getFirst()));
        assertThat(finals.stream().map(StreamEvent.Final::text).collect(Collectors.joining(" ")))
                .isEqualTo(ScriptedTranscript.jfk().text());
        List<Word> words = finals.stream().flatMap(f -> f.words().stream()).toList();
        assertThat(words).extracting(Word::word).containsExactlyElementsOf(
                ScriptedTranscript.jfk().words().stream().map(Word::word).toList());
        // ticks (100 ns) became the scripted seconds
        assertThat(words.getFirst().start()).isCloseTo(0.32, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(words.getLast().end()).isCloseTo(10.50, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(only(events, StreamEvent.SpeechStarted.class)).isNotEmpty();
        assertThat(events.getLast()).isEqualTo(new StreamEvent.Closed(StreamEvent.CloseReason.COMPLETED,
                jfk.durationSeconds()));
        assertThat(fake.violations()).isEmpty();
        assertThat(fake.receivedAudioBytes()).isEqualTo(jfk.pcm());
    }

    @Test
    void upgradeCarriesAuthConnectionIdAndQuery() throws Exception {
        SpeechStream stream = stt().openStream(request().endpointing(Duration.ofMillis(800)).build());
        stream.send(jfk.pcm(), 0, 3200);
        stream.endInput();
        drain(stream);

        RecordedRequest upgrade = fake.webSocket().upgradeRequests().getFirst();
        assertThat(upgrade.path()).isEqualTo("/speech/recognition/conversation/cognitiveservices/v1");
        assertThat(upgrade.header("Ocp-Apim-Subscription-Key")).contains(KEY);
        assertThat(upgrade.header("X-ConnectionId")).hasValueSatisfying(id -> assertThat(id).matches("[0-9A-F]{32}"));
        assertThat(upgrade.queryParam("language")).contains("en-US");
        assertThat(upgrade.queryParam("format")).contains("detailed");
        assertThat(upgrade.queryParam("profanity")).contains("masked");
        assertThat(upgrade.queryParam("wordLevelTimestamps")).contains("true");
        assertThat(upgrade.queryParam("segmentationSilenceTimeoutMs")).contains("800");
    }

    @Test
    void messagesGoConfigContextHeaderAudioThenEmptyAudio() throws Exception {
        SpeechStream stream = stt().openStream(request().build());
        stream.send(jfk.pcm(), 0, 20_000); // more than one message's worth: split at 8 KiB
        stream.endInput();
        drain(stream);

        assertThat(fake.liveLogs().getFirst().subList(0, 7)).containsExactly("speech.config", "speech.context",
                "audio:header", "audio:8192", "audio:8192", "audio:3616", "audio:end");
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void framingAndHeadersOfEveryClientMessage() throws Exception {
        SpeechStream stream = stt().openStream(request().build());
        stream.send(jfk.pcm(), 0, 6400);
        stream.endInput();
        drain(stream);

        WsConnection conn = fake.webSocket().connections().getFirst();
        List<WsMessage> received = conn.received();
        WsMessage.Text config = (WsMessage.Text) received.get(0);
        assertThat(config.text()).startsWith("Path: speech.config\r\nX-RequestId: ").contains(
                "\r\nContent-Type: application/json\r\n\r\n{");
        assertThat(config.text()).containsPattern("X-Timestamp: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\r\n");
        UspWire.ClientMessage context = UspWire.readText(((WsMessage.Text) received.get(1)).text());
        UspWire.ClientMessage header = UspWire.readBinary(((WsMessage.Binary) received.get(2)).data());
        UspWire.ClientMessage audio = UspWire.readBinary(((WsMessage.Binary) received.get(3)).data());
        UspWire.ClientMessage end = UspWire.readBinary(((WsMessage.Binary) received.get(4)).data());
        assertThat(context.requestId()).isEqualTo(header.requestId()).isEqualTo(audio.requestId())
                .isEqualTo(end.requestId()).isNotEqualTo(UspWire.readText(config.text()).requestId());
        assertThat(header.contentType()).isEqualTo("audio/x-wav");
        assertThat(header.payload()).hasSize(44);
        assertThat(new String(header.payload(), 0, 4)).isEqualTo("RIFF");
        assertThat(audio.contentType()).isNull();
        assertThat(audio.payload()).isEqualTo(java.util.Arrays.copyOf(jfk.pcm(), 6400));
        assertThat(end.payload()).isEmpty();
        // 2-byte big-endian header length in front of the ASCII headers
        byte[] raw = ((WsMessage.Binary) received.get(3)).data();
        int length = ((raw[0] & 0xFF) << 8) | (raw[1] & 0xFF);
        assertThat(new String(raw, 2, length)).startsWith("Path: audio\r\n").endsWith("\r\n");
        JsonNode contextBody = io.debabelizer.testkit.fake.Json.parse(context.text());
        assertThat(contextBody.path("phraseOutput").path("detailed").path("options").get(0).asString())
                .isEqualTo("WordTimings");
    }

    @Test
    void finalizeEndsTheTurnAndTheNextAudioOpensANewOneWithContinuousTimes() throws Exception {
        SpeechStream stream = stt().openStream(request().build());
        int half = 5 * jfk.pcmFormat().bytesPerSecond();
        sendInChunks(stream, jfk.pcm(), 0, half, 3200);
        stream.finalizeUtterance();
        List<StreamEvent> early = new ArrayList<>();
        while (only(early, StreamEvent.Final.class).isEmpty()) {
            StreamEvent e = stream.pollEvent(WAIT).orElseThrow();
            assertThat(e).isNotInstanceOf(StreamEvent.Closed.class);
            early.add(e);
        }
        sendInChunks(stream, jfk.pcm(), half, jfk.pcm().length, 3200);
        stream.endInput();
        List<StreamEvent> events = new ArrayList<>(early);
        events.addAll(drain(stream));

        List<String> log = fake.liveLogs().getFirst();
        assertThat(log.stream().filter(e -> e.equals("speech.context")).count()).isEqualTo(2);
        assertThat(log.stream().filter(e -> e.equals("speech.config")).count()).isEqualTo(1);
        List<Word> words = only(events, StreamEvent.Final.class).stream().flatMap(f -> f.words().stream()).toList();
        assertThat(words).extracting(Word::punctuated).containsExactlyElementsOf(
                ScriptedTranscript.jfk().words().stream().map(Word::punctuated).toList());
        for (int i = 0; i < words.size(); i++) {
            Word expected = ScriptedTranscript.jfk().words().get(i);
            // second-turn ticks count from the turn's start; the stream adds where the turn began
            assertThat(words.get(i).start()).isCloseTo(Math.max(expected.start(), i >= 7 ? 5.0 : 0),
                    org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(fake.violations()).isEmpty();
        assertThat(events.getLast()).isInstanceOf(StreamEvent.Closed.class);
    }

    @Test
    void phraseListAndCandidateLanguagesGoInSpeechContext() throws Exception {
        SpeechStream stream = stt().openStream(StreamRequest.builder(jfk.pcmFormat())
                .providerOption("phrases", List.of("Americans", "fellow"))
                .providerOption("candidate_languages", "de-DE, en-US").build());
        sendInChunks(stream, jfk.pcm(), 0, jfk.pcm().length, 6400);
        stream.endInput();
        List<StreamEvent> events = drain(stream);

        RecordedRequest upgrade = fake.webSocket().upgradeRequests().getFirst();
        assertThat(upgrade.queryParam("lidEnabled")).contains("true");
        assertThat(upgrade.queryParam("language")).isEmpty();
        UspWire.ClientMessage context = UspWire.readText(((WsMessage.Text) fake.webSocket().connections().getFirst()
                .received().get(1)).text());
        JsonNode body = io.debabelizer.testkit.fake.Json.parse(context.text());
        assertThat(body.path("dgi").path("Groups").get(0).path("Type").asString()).isEqualTo("Generic");
        assertThat(body.path("dgi").path("Groups").get(0).path("Items").get(0).path("Text").asString())
                .isEqualTo("Americans");
        assertThat(body.path("languageId").path("languages").get(1).asString()).isEqualTo("en-US");
        assertThat(only(events, StreamEvent.Final.class)).allSatisfy(f -> assertThat(f.language()).isEqualTo("de-DE"));
    }

    @Test
    void ticksAsQuotedStringsAreRead() throws Exception {
        fake.quoteTicks(true);
        SpeechStream stream = stt().openStream(request().build());
        sendInChunks(stream, jfk.pcm(), 0, jfk.pcm().length, 6400);
        stream.endInput();
        List<Word> words = only(drain(stream), StreamEvent.Final.class).stream().flatMap(f -> f.words().stream())
                .toList();
        assertThat(words.get(1).start()).isCloseTo(0.54, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void closeCodesBecomeTypedErrors() throws Exception {
        for (var c : Map.of(1007, InvalidInputException.class, 1008, RateLimitedException.class,
                1011, io.debabelizer.ProviderUnavailableException.class).entrySet()) {
            fake.willCloseLive(new AzureFake.CloseWith(c.getKey(), "closed by test", 6400));
            SpeechStream stream = stt().openStream(request().build());
            sendInChunks(stream, jfk.pcm(), 0, 32_000, 3200);
            List<StreamEvent> events = drain(stream);
            StreamEvent.Error error = only(events, StreamEvent.Error.class).getFirst();
            assertThat(error.error()).isInstanceOf(c.getValue());
            assertThat(error.error().requestId()).as("the connection id names the stream")
                    .contains(((AzureSpeechStream) stream).connectionId());
            assertThat(events.getLast()).isEqualTo(new StreamEvent.Closed(StreamEvent.CloseReason.FAILED,
                    ((StreamEvent.Closed) events.getLast()).audioSeconds()));
        }
    }

    @Test
    void handshakeRejectionsAreTyped() {
        fake.webSocket().failNextUpgrades(1, AzureFake.error(403, "403", "Forbidden"));
        assertThat(catchThrowableOfType(AuthenticationException.class, () -> stt().openStream(request().build())))
                .isNotNull();
        fake.webSocket().failNextUpgrades(1, AzureFake.tooManyRequests(Duration.ofSeconds(7)));
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                () -> stt().openStream(request().build()));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.requestId()).isPresent();
    }

    @Test
    void onlyMonoSixteenBitPcmIsStreamed() {
        assertThat(catchThrowableOfType(UnsupportedFormatException.class, () -> stt().openStream(
                StreamRequest.builder(AudioFormat.mulaw(8000)).build()))).isNotNull();
        assertThat(catchThrowableOfType(UnsupportedFormatException.class, () -> stt().openStream(
                StreamRequest.builder(AudioFormat.pcm16(16000, 2)).build()))).isNotNull();
    }

    @Test
    void bearerTokenAuthenticatesTheUpgrade() throws Exception {
        SpeechStream stream = stt(Map.of("auth", "token")).openStream(request().build());
        stream.send(jfk.pcm(), 0, 3200);
        stream.endInput();
        drain(stream);
        RecordedRequest upgrade = fake.webSocket().upgradeRequests().getFirst();
        assertThat(upgrade.header("Authorization")).hasValueSatisfying(a -> assertThat(a).startsWith("Bearer eyJ"));
        assertThat(upgrade.header("Ocp-Apim-Subscription-Key")).isEmpty();
        assertThat(fake.tokensIssued()).isEqualTo(1);
    }

    @Test
    void serverMessagesWithoutSpacesAfterColonsParse() {
        Usp.Message m = Usp.Message.parse(UspWire.serviceText("turn.end", "ABC", null), "X");
        assertThat(m.path()).isEqualTo("turn.end");
        assertThat(m.requestId()).isEqualTo("ABC");
        assertThat(m.body()).isEmpty();
        assertThat(Set.of(m.headers().keySet().toArray())).contains("content-type");
    }
}
