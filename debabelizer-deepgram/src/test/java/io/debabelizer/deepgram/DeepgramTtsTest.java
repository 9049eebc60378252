package io.debabelizer.deepgram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.AuthenticationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.testkit.Fault;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import io.debabelizer.tts.AudioChunk;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.TextToSpeechStream;
import io.debabelizer.tts.Voice;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Aura over REST and the speak WebSocket, and the voice list. */
@Timeout(60)
class DeepgramTtsTest extends DeepgramTestSupport {

    private static final String TEXT = "Hello, how can I help you today?";

    private RecordedRequest last() {
        return fake.http().lastRequest();
    }

    @Test
    void synthesizeMapsVoiceFormatAndResponseHeaders() {
        Synthesis s = tts().synthesize(SynthesisRequest.builder(TEXT).outputFormat(AudioFormat.wav16(16000, 1))
                .voice("aura-2-celeste-es").speed(1.25).build());
        RecordedRequest r = last();
        assertThat(r.path()).isEqualTo("/v1/speak");
        assertThat(r.header("Authorization")).contains("Token " + KEY);
        assertThat(r.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.bodyText()).isEqualTo("{\"text\":\"" + TEXT + "\"}");
        assertThat(r.query()).containsEntry("model", List.of("aura-2-celeste-es"))
                .containsEntry("encoding", List.of("linear16")).containsEntry("container", List.of("wav"))
                .containsEntry("sample_rate", List.of("16000")).containsEntry("speed", List.of("1.25"));
        assertThat(s.format()).isEqualTo(AudioFormat.wav16(16000, 1));
        assertThat(TestAudio.parseWav(s.audio().bytes()).pcmFormat().sampleRate()).isEqualTo(16000);
        assertThat(s.durationSeconds()).isCloseTo(0.05 * TEXT.length(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(s.requestId()).isNotBlank();
        assertThat(s.model()).isEqualTo("aura-2-celeste-es");
        assertThat(s.characters()).isEqualTo(TEXT.length());
    }

    @Test
    void theDefaultVoiceComesFromConfiguration() {
        tts(Map.of("tts_model", "aura-orion-en")).synthesize(SynthesisRequest.builder(TEXT)
                .outputFormat(AudioFormat.pcm16(24000, 1)).build());
        assertThat(last().query()).containsEntry("model", List.of("aura-orion-en"))
                .containsEntry("container", List.of("none"));
        tts().synthesize(SynthesisRequest.builder(TEXT).build());
        assertThat(last().query()).containsEntry("model", List.of("aura-2-thalia-en"))
                .containsEntry("encoding", List.of("mp3")).doesNotContainKeys("sample_rate", "container");
    }

    @Test
    void telephonyAndCompressedFormats() {
        Synthesis mulaw = tts().synthesize(SynthesisRequest.builder(TEXT).outputFormat(AudioFormat.mulaw(8000))
                .build());
        assertThat(last().query()).containsEntry("encoding", List.of("mulaw")).containsEntry("container",
                List.of("none")).containsEntry("sample_rate", List.of("8000"));
        assertThat(mulaw.format()).isEqualTo(AudioFormat.mulaw(8000));
        assertThat(mulaw.sizeBytes()).isEqualTo((int) Math.round(0.05 * TEXT.length() * 8000));

        Synthesis opus = tts().synthesize(SynthesisRequest.builder(TEXT)
                .outputFormat(AudioFormat.of(Container.OGG, Encoding.OPUS)).build());
        assertThat(last().query()).containsEntry("encoding", List.of("opus")).containsEntry("container",
                List.of("ogg")).doesNotContainKey("sample_rate");
        assertThat(opus.format().container()).isEqualTo(Container.OGG);
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void formatsAuraCannotProduceAreRejectedBeforeSending() {
        assertThat(catchThrowableOfType(UnsupportedFormatException.class, () -> tts().synthesize(
                SynthesisRequest.builder(TEXT).outputFormat(AudioFormat.wav16(44100, 1)).build())))
                .hasMessageContaining("44100");
        assertThat(catchThrowableOfType(UnsupportedFormatException.class, () -> tts().openTextStream(
                SynthesisRequest.builder(TEXT).outputFormat(AudioFormat.of(Container.MP3, Encoding.MP3)).build())))
                .isNotNull();
        assertThat(fake.http().requests()).isEmpty();
    }

    @Test
    void tooMuchTextIsInvalidInput() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> tts().synthesize(SynthesisRequest.builder("a".repeat(2001)).build()));
        assertThat(e).hasMessageContaining("413").hasMessageContaining("maximum character limit");
    }

    @Test
    void streamedSynthesisFailsTypedAtTheStart() {
        fake.http().failNext(1, DeepgramFake.paymentRequired());
        assertThat(catchThrowableOfType(AuthenticationException.class, () -> tts().synthesizeStream(
                SynthesisRequest.builder(TEXT).build()))).hasMessageContaining("402");
    }

    @Test
    void streamedSynthesisDeliversTheWholeBody() throws Exception {
        try (SynthesisStream s = tts().synthesizeStream(SynthesisRequest.builder(TEXT.repeat(4))
                .outputFormat(AudioFormat.pcm16(24000, 1)).build())) {
            ByteArrayOutputStream audio = new ByteArrayOutputStream();
            AudioChunk c;
            int chunks = 0;
            while (!(c = s.nextChunk()).last()) {
                audio.writeBytes(c.data());
                chunks++;
            }
            assertThat(chunks).isGreaterThan(1);
            assertThat(audio.size()).isEqualTo((int) Math.round(0.05 * TEXT.length() * 4 * 24000) * 2);
        }
    }

    @Test
    void voicesComeFromTheModelList() {
        List<Voice> voices = tts().voices();
        assertThat(fake.http().lastRequest().path()).isEqualTo("/v1/models");
        assertThat(voices).extracting(Voice::id).containsExactly("aura-2-thalia-en", "aura-orion-en",
                "aura-2-celeste-es");
        Voice celeste = voices.get(2);
        assertThat(celeste.languages()).containsExactly("es", "es-CO");
        assertThat(celeste.gender()).isEqualTo(Voice.Gender.FEMALE);
        assertThat(celeste.name()).isEqualTo("Celeste");
        assertThat(celeste.attributes()).containsEntry("architecture", "aura-2").containsEntry("accent", "Colombian")
                .containsKey("sample");
        assertThat(voices.get(1).gender()).isEqualTo(Voice.Gender.MALE);
    }

    // ---- speak WebSocket ------------------------------------------------------------------------------------

    private static byte[] readAll(SynthesisStream s) throws InterruptedException {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        AudioChunk c;
        while (!(c = s.nextChunk()).last()) {
            audio.writeBytes(c.data());
        }
        return audio.toByteArray();
    }

    @Test
    void textStreamSpeaksFlushesClearsAndCloses() throws Exception {
        TextToSpeechStream s = tts().openTextStream(SynthesisRequest.builder("Hello there. ")
                .outputFormat(AudioFormat.pcm16(16000, 1)).build());
        s.flush();
        s.sendText("This part is dropped.");
        ((DeepgramTextStream) s).clear();
        s.sendText("How are you?");
        s.endInput();
        byte[] audio = readAll(s);
        s.completion().get();

        RecordedRequest upgrade = fake.webSocket().upgradeRequests().getLast();
        assertThat(upgrade.path()).isEqualTo("/v1/speak");
        assertThat(upgrade.header("Authorization")).contains("Token " + KEY);
        assertThat(upgrade.query()).containsEntry("model", List.of("aura-2-thalia-en"))
                .containsEntry("encoding", List.of("linear16")).containsEntry("sample_rate", List.of("16000"));
        assertThat(fake.liveLogs().getLast()).containsExactly("Speak", "Flush", "Speak", "Clear", "Speak", "Close");
        assertThat(fake.receivedTexts()).containsExactly("Hello there. ", "This part is dropped.", "How are you?");
        int spokenChars = "Hello there. ".length() + "How are you?".length();
        assertThat(audio.length).isEqualTo((int) Math.round(0.05 * "Hello there. ".length() * 16000) * 2
                + (int) Math.round(0.05 * "How are you?".length() * 16000) * 2);
        assertThat(spokenChars).isPositive();
        DeepgramTextStream dg = (DeepgramTextStream) s;
        Awaitility.await().atMost(WAIT).until(() -> dg.flushedCount() == 1 && dg.clearedCount() == 1);
        assertThat(dg.requestId()).isNotBlank();
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void aWavTextStreamStartsWithAStreamingHeader() throws Exception {
        TextToSpeechStream s = tts().openTextStream(SynthesisRequest.builder("Hi.")
                .outputFormat(AudioFormat.wav16(24000, 1)).build());
        s.endInput();
        byte[] audio = readAll(s);
        assertThat(new String(audio, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(fake.webSocket().upgradeRequests().getLast().query()).doesNotContainKey("container");
    }

    @Test
    void aDroppedTextStreamIsARetryableError() throws Exception {
        fake.willFail(Fault.dropConnection(0));
        TextToSpeechStream s = tts().openTextStream(SynthesisRequest.builder(TEXT).build());
        s.flush();
        DebabelizerException e = catchThrowableOfType(DebabelizerException.class, () -> readAll(s));
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).doesNotContain(KEY);
    }

    @Test
    void aServerFailureOnTheTextStreamIsProviderUnavailable() throws Exception {
        fake.willFail(Fault.serverError());
        TextToSpeechStream s = tts().openTextStream(SynthesisRequest.builder(TEXT).build());
        s.endInput();
        assertThat(catchThrowableOfType(ProviderUnavailableException.class, () -> readAll(s)))
                .hasMessageContaining("1011");
        assertThat(catchThrowableOfType(io.debabelizer.StreamClosedException.class, () -> s.sendText("more")))
                .isNotNull();
    }
}
