package io.debabelizer.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.StreamClosedException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.testkit.Fault;
import io.debabelizer.testkit.fake.Json;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import io.debabelizer.testkit.fake.WsConnection;
import io.debabelizer.testkit.fake.WsMessage;
import io.debabelizer.tts.AudioChunk;
import io.debabelizer.tts.SpeechTiming;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.TextToSpeechStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** Text-in streaming over the stream-input WebSocket. */
@Timeout(60)
class ElevenLabsTextStreamTest extends ElevenLabsTestSupport {

    /** Ten pieces as an LLM would stream them: words cut into tokens, two sentences. */
    private static final List<String> PIECES = List.of("Hel", "lo there", ", my", " friend.", " It is", " a lovely",
            " day to", " walk in", " the", " park!");
    private static final String SPOKEN = String.join("", PIECES);

    private static PcmReader reader(TextToSpeechStream s) {
        return new PcmReader(s);
    }

    /** Reads chunks on a thread of its own, so a test can watch audio arrive while it keeps sending. */
    private static final class PcmReader {
        final ByteArrayOutputStream audio = new ByteArrayOutputStream();
        final List<SpeechTiming> timings = new ArrayList<>();
        final Thread thread;
        volatile Throwable failure;

        PcmReader(TextToSpeechStream s) {
            thread = Thread.ofVirtual().start(() -> {
                try {
                    AudioChunk c;
                    while (!(c = s.nextChunk()).last()) {
                        synchronized (this) {
                            audio.writeBytes(c.data());
                            timings.addAll(c.timings());
                        }
                    }
                } catch (Throwable t) {
                    failure = t;
                }
            });
        }

        synchronized int bytes() {
            return audio.size();
        }

        void join() throws InterruptedException {
            thread.join(WAIT);
        }
    }

    @Test
    void tenPiecesYieldAudioBeforeTheLastPieceIsSent() throws Exception {
        TextToSpeechStream s = tts().openTextStream(SynthesisRequest.builder("")
                .outputFormat(AudioFormat.pcm16(16000, 1)).build());
        PcmReader r = reader(s);
        for (int i = 0; i < PIECES.size() - 1; i++) {
            s.sendText(PIECES.get(i));
        }
        // The first sentence ended in piece 4 and was flushed: its audio comes while the last piece is unsent.
        Awaitility.await().atMost(WAIT).until(() -> r.bytes() > 0);
        assertThat(s.timeToFirstAudio()).isPresent();
        s.sendText(PIECES.getLast());
        s.endInput();
        r.join();
        assertThat(r.failure).isNull();
        s.completion().get(30, TimeUnit.SECONDS);

        // All the text was spoken: 50 ms per character sent (pieces end with the spaces we add).
        List<String> pieces = fake.receivedTexts();
        assertThat(String.join("", pieces).replace(" ", "")).isEqualTo(SPOKEN.replace(" ", ""));
        int spokenChars = String.join("", pieces).length();
        assertThat(r.audio.size()).isEqualTo(spokenChars * (int) Math.round(0.05 * 16000) * 2);
        assertCoversText(r.timings, SPOKEN);
        assertMonotone(r.timings);
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void theProtocolIsFollowedMessageByMessage() throws Exception {
        TextToSpeechStream s = tts(Map.of("chunk_length_schedule", "50, 90", "model", "eleven_flash_v2_5"))
                .openTextStream(SynthesisRequest.builder("Hi! ").voice("Adam").language("en-GB")
                        .outputFormat(AudioFormat.pcm16(24000, 1)).providerOption("stability", 0.3)
                        .providerOption("auto_mode", true).build());
        s.sendText("How are");
        s.sendText(" you");
        s.flush();
        s.sendText("Fine, thanks");
        s.endInput();
        drain(s);
        s.completion().get(30, TimeUnit.SECONDS);

        ElevenLabsFake.SocketLog log = fake.sockets().getLast();
        RecordedRequest upgrade = log.upgrade();
        assertThat(upgrade.path()).isEqualTo("/v1/text-to-speech/" + ElevenLabsFake.ADAM + "/stream-input");
        assertThat(upgrade.header("xi-api-key")).contains(KEY);
        assertThat(upgrade.query()).containsEntry("model_id", List.of("eleven_flash_v2_5"))
                .containsEntry("output_format", List.of("pcm_24000")).containsEntry("language_code", List.of("en"))
                .containsEntry("auto_mode", List.of("true"));
        List<JsonNode> messages = log.messages().stream().map(Json::parse).toList();
        JsonNode init = messages.getFirst();
        assertThat(init.path("text").asString()).isEqualTo(" ");
        assertThat(init.path("voice_settings").path("stability").asDouble()).isEqualTo(0.3);
        assertThat(init.path("generation_config").path("chunk_length_schedule").toString()).isEqualTo("[50,90]");
        assertThat(log.messages()).noneMatch(m -> m.contains(KEY));
        assertThat(messages.subList(1, messages.size())).extracting(m -> m.toString()).containsExactly(
                "{\"text\":\"Hi! \",\"flush\":true}",
                "{\"text\":\"How \"}",
                "{\"text\":\"are \"}",
                "{\"text\":\"you \",\"flush\":true}",
                "{\"text\":\"Fine, \"}",
                "{\"text\":\"thanks \",\"flush\":true}",
                "{\"text\":\"\"}");
        assertThat(((ElevenLabsTextStream) s).flushesSent()).isEqualTo(3);
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void withoutSentenceFlushesSentenceEndsTryToTriggerGeneration() throws Exception {
        TextToSpeechStream s = tts().openTextStream(SynthesisRequest.builder("")
                .providerOption("flush_on_sentence_end", "false").outputFormat(AudioFormat.pcm16(16000, 1)).build());
        s.sendText("One sentence. Another");
        s.endInput();
        drain(s);
        assertThat(List.copyOf(fake.sockets().getLast().messages()).subList(1, 4)).containsExactly(
                "{\"text\":\"One sentence. \",\"try_trigger_generation\":true}",
                "{\"text\":\"Another \",\"flush\":true}",
                "{\"text\":\"\"}");
    }

    @Test
    void wordTimingsRunInStreamTimeAcrossChunksAndAcceptTheSpecsDurationKey() throws Exception {
        fake.durationsKey("charsDurationsMs");
        String text = "The quick brown fox jumps over the lazy dog. It was not amused by this at all.";
        TextToSpeechStream s = tts().openTextStream(SynthesisRequest.builder(text)
                .outputFormat(AudioFormat.pcm16(16000, 1)).build());
        s.endInput();
        Drained d = drain(s);
        assertThat(fake.sockets().getLast().audioMessages()).hasSizeGreaterThanOrEqualTo(4);
        assertCoversText(d.timings(), text);
        assertMonotone(d.timings());
        // Every character is 50 ms in the fake, so stream time is the character's place in what was sent.
        String sent = String.join("", fake.receivedTexts());
        for (SpeechTiming t : d.timings()) {
            int at = t.textOffset();
            assertThat(sent.substring(at, at + t.text().length())).isEqualTo(t.text());
            assertThat(t.start()).as("%s", t).isCloseTo(at * 0.05, Offset.offset(1e-6));
            assertThat(t.end()).as("%s", t).isCloseTo((at + t.text().length()) * 0.05, Offset.offset(1e-6));
        }
        assertThat(d.timings().getLast().end()).isCloseTo(d.audio().length / 32000.0 - 0.05, Offset.offset(1e-6));
    }

    @Test
    void isFinalCompletesTheStreamAndTheSocketIsClosedNormally() throws Exception {
        TextToSpeechStream s = tts().openTextStream(SynthesisRequest.builder("Bye now.")
                .outputFormat(AudioFormat.wav16(24000, 1)).build());
        s.endInput();
        s.endInput(); // idempotent
        Drained d = drain(s);
        assertThat(TestAudio.parseWav(d.audio()).pcmFormat().sampleRate()).isEqualTo(24000);
        s.completion().get(30, TimeUnit.SECONDS);
        WsConnection conn = fake.webSocket().connections().getLast();
        assertThat(conn.awaitEnd(WAIT)).isTrue();
        assertThat(conn.closeReceived()).hasValueSatisfying(c -> assertThat(c.code()).isEqualTo(1000));
        assertThat(conn.protocolErrors()).isEmpty();
        assertThat(catchThrowableOfType(StreamClosedException.class, () -> s.sendText("more"))).isNotNull();
    }

    @Test
    void upgradeRejectionsAreThrownFromOpenTextStream() {
        fake.willFail(Fault.unauthorized());
        assertThat(catchThrowableOfType(AuthenticationException.class, () -> tts().openTextStream(
                SynthesisRequest.builder("").build()))).hasMessageContaining("invalid_api_key");
        fake.willFail(Fault.rateLimited(Duration.ofSeconds(3)));
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> tts().openTextStream(
                SynthesisRequest.builder("").build()));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(e.requestId()).isPresent();
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> tts().openTextStream(
                SynthesisRequest.builder("").model("eleven_v3").build()))).hasMessageContaining("eleven_v3");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> tts().openTextStream(
                SynthesisRequest.builder("").providerOption("previous_text", "x").build())))
                .hasMessageContaining("previous_text");
    }

    @Test
    void aSocketErrorMessageIsMappedByItsErrorCode() throws Exception {
        fake.willFail(new ElevenLabsFake.Trouble.SocketError("quota_exceeded",
                "This request exceeds your quota of 10000.", 1008));
        TextToSpeechStream s = tts().openTextStream(SynthesisRequest.builder("").build());
        s.sendText("Hello there. ");
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> drain(s));
        assertThat(e).hasMessageContaining("quota_exceeded").hasMessageContaining("exceeds your quota");

        fake.willFail(new ElevenLabsFake.Trouble.SocketError("input_timeout_exceeded",
                "Have not received a new text input within the timeout of 20.0 seconds.", 1008));
        TextToSpeechStream t = tts().openTextStream(SynthesisRequest.builder("").build());
        t.sendText("Hello there. ");
        assertThat(catchThrowableOfType(ProviderTimeoutException.class, () -> drain(t))).isNotNull();
    }

    @Test
    void serverFailuresMidStreamAreTyped() throws Exception {
        fake.willFail(Fault.serverError());
        TextToSpeechStream s = tts().openTextStream(SynthesisRequest.builder("Hello there, friend.").build());
        s.endInput();
        assertThat(catchThrowableOfType(ProviderUnavailableException.class, () -> drain(s)))
                .hasMessageContaining("internal_error");

        fake.willFail(Fault.malformedPayload());
        TextToSpeechStream m = tts().openTextStream(SynthesisRequest.builder("Hello there, friend.").build());
        m.endInput();
        assertThat(catchThrowableOfType(ProtocolException.class, () -> drain(m))).isNotNull();

        fake.willFail(Fault.dropConnection(0));
        TextToSpeechStream d = tts().openTextStream(SynthesisRequest.builder("Hello there, friend.").build());
        d.endInput();
        DebabelizerException e = catchThrowableOfType(DebabelizerException.class, () -> drain(d));
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).doesNotContain(KEY);
    }

    @Test
    void aSocketThatNeverSendsAudioTimesOutAfterTheEndOfInput() {
        fake.willFail(new ElevenLabsFake.Trouble.SilentSocket());
        TextToSpeechStream s = tts(Map.of(), Duration.ofSeconds(1)).openTextStream(
                SynthesisRequest.builder("Is anybody there?").build());
        s.endInput();
        assertThat(catchThrowableOfType(ProviderTimeoutException.class, () -> drain(s)))
                .hasMessageContaining("after the end of input");
        Awaitility.await().atMost(WAIT).until(() -> fake.webSocket().connections().getLast().closeReceived()
                .map(WsMessage.Close::abnormal).orElse(false) || !fake.webSocket().connections().getLast().isOpen());
    }

    @Test
    void anIdleStreamSendsKeepAliveSpacesUntilTheEndOfInput() throws Exception {
        TextToSpeechStream s = tts(Map.of("keep_alive", "200ms")).openTextStream(SynthesisRequest.builder("Wait")
                .outputFormat(AudioFormat.pcm16(16000, 1)).build());
        Awaitility.await().atMost(WAIT).until(() -> fake.sockets().getLast().messages().stream().skip(1)
                .filter("{\"text\":\" \"}"::equals).count() >= 2);
        s.sendText(" for me.");
        s.endInput();
        Drained d = drain(s);
        assertCoversText(d.timings(), "Wait for me.");
        assertThat(fake.sockets().getLast().messages().getLast()).isEqualTo("{\"text\":\"\"}");
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void cancelAbortsTheSocket() throws Exception {
        TextToSpeechStream s = tts().openTextStream(SynthesisRequest.builder("Hello. ").build());
        s.cancel();
        assertThat(s.nextChunk().last()).isTrue();
        assertThat(s.completion()).isDone();
        Awaitility.await().atMost(WAIT).until(() -> !fake.webSocket().connections().getLast().isOpen());
    }

    @Test
    void sentenceEnds() {
        assertThat(ElevenLabsTextStream.endsSentence("Hello there. ")).isTrue();
        assertThat(ElevenLabsTextStream.endsSentence("Really?\" ")).isTrue();
        assertThat(ElevenLabsTextStream.endsSentence("一つ。")).isTrue();
        assertThat(ElevenLabsTextStream.endsSentence("and so, ")).isFalse();
        assertThat(ElevenLabsTextStream.endsSentence("a list\n")).isTrue();
        assertThat(ElevenLabsTextStream.endsSentence(" ")).isFalse();
        assertThat(ElevenLabsTextStream.lastSentenceEnd("dog. It was ")).isEqualTo(5);
        assertThat(ElevenLabsTextStream.lastSentenceEnd("A. B? c ")).isEqualTo(6);
        assertThat(ElevenLabsTextStream.lastSentenceEnd("3.5 apples ")).isZero();
    }
}
