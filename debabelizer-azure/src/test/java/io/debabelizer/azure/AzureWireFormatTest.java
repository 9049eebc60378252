package io.debabelizer.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.ProtocolException;
import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.fake.Json;
import io.debabelizer.tts.SynthesisRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Pure mappings: USP framing, ticks, detailed results, SSML, output format names. */
class AzureWireFormatTest {

    @Test
    void textMessagesAreHeaderLinesAnEmptyLineAndTheBody() {
        String m = Usp.text("speech.context", "0123456789ABCDEF0123456789ABCDEF",
                Instant.parse("2026-11-25T10:00:00.123Z"), "application/json", "{}");
        assertThat(m).isEqualTo("Path: speech.context\r\nX-RequestId: 0123456789ABCDEF0123456789ABCDEF\r\n"
                + "X-Timestamp: 2026-11-25T10:00:00.123Z\r\nContent-Type: application/json\r\n\r\n{}");
    }

    @Test
    void binaryMessagesStartWithABigEndianHeaderLength() {
        ByteBuffer b = Usp.binary("audio", "AB", Instant.parse("2026-11-25T10:00:00Z"), null, new byte[] {9, 8, 7},
                1, 2);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        String headers = "Path: audio\r\nX-RequestId: AB\r\nX-Timestamp: 2026-11-25T10:00:00.000Z\r\n";
        assertThat(((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF)).isEqualTo(headers.length());
        assertThat(new String(bytes, 2, headers.length(), StandardCharsets.US_ASCII)).isEqualTo(headers);
        assertThat(bytes).endsWith(8, 7).hasSize(2 + headers.length() + 2);
    }

    @Test
    void idsAre32UpperCaseHexDigits() {
        assertThat(Usp.newId()).matches("[0-9A-F]{32}").isNotEqualTo(Usp.newId());
    }

    @Test
    void serviceMessagesWithoutPathAreProtocolErrors() {
        assertThatThrownBy(() -> Usp.Message.parse("{\"Text\":\"hi\"}", "C")).isInstanceOf(ProtocolException.class);
        Usp.Message m = Usp.Message.parse("path: speech.hypothesis\r\nX-RequestId: R\r\n\r\n{\"Text\":\"hi\"}", "C");
        assertThat(m.path()).isEqualTo("speech.hypothesis");
        assertThat(m.body()).isEqualTo("{\"Text\":\"hi\"}");
    }

    @Test
    void ticksAreHundredNanosecondsAsIntegersOrQuotedStrings() {
        assertThat(AzureJson.ticksToSeconds(Json.parse("{\"t\":32100000}").path("t"), null)).isEqualTo(3.21);
        assertThat(AzureJson.ticksToSeconds(Json.parse("{\"t\":\"1800000\"}").path("t"), null)).isEqualTo(0.18);
        assertThat(AzureJson.ticksToSeconds(Json.parse("{}").path("t"), null)).isZero();
        assertThatThrownBy(() -> AzureJson.ticksToSeconds(Json.parse("{\"t\":\"soon\"}").path("t"), null))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void detailedResultsTakeDisplayFormsForTheirLexicalWords() {
        RecognizedPhrase p = RecognizedPhrase.parse(Json.parse("""
                {"RecognitionStatus":"Success","Offset":1000000,"Duration":14600000,
                 "NBest":[{"Confidence":0.9052885,"Lexical":"what's the weather like","ITN":"what's the weather like",
                   "MaskedITN":"what's the weather like","Display":"What's the weather like?",
                   "Words":[{"Word":"what's","Offset":1000000,"Duration":3200000,"Confidence":0.92},
                            {"Word":"the","Offset":4200000,"Duration":1000000},
                            {"Word":"weather","Offset":5200000,"Duration":5000000},
                            {"Word":"like","Offset":10200000,"Duration":5400000}]}]}
                """), 2.0, "R");
        assertThat(p.isSuccess()).isTrue();
        assertThat(p.display()).isEqualTo("What's the weather like?");
        assertThat(p.lexical()).isEqualTo("what's the weather like");
        assertThat(p.start()).isCloseTo(2.1, Offset.offset(1e-9));
        assertThat(p.end()).isCloseTo(3.56, Offset.offset(1e-9));
        assertThat(p.words()).extracting(Word::punctuated).containsExactly("What's", "the", "weather", "like?");
        assertThat(p.words().getFirst().start()).isCloseTo(2.1, Offset.offset(1e-9));
        assertThat(p.words().getFirst().confidence()).isEqualTo(0.92);
        assertThat(p.wordText()).isEqualTo("What's the weather like?");
    }

    @Test
    void inverseTextNormalisationLeavesUnmatchedWordsLexical() {
        assertThat(RecognizedPhrase.align(List.of("remind", "me", "to", "buy", "five", "pencils"),
                List.of("Remind", "me", "to", "buy", "5", "pencils."))).containsExactly("Remind", "me", "to", "buy",
                "five", "pencils.");
    }

    @Test
    void simpleResultsCarryDisplayTextOnly() {
        RecognizedPhrase p = RecognizedPhrase.parse(Json.parse("""
                {"RecognitionStatus":"Success","DisplayText":"Remind me to buy 5 pencils.","Offset":1800000,
                 "Duration":32100000,"PrimaryLanguage":{"Language":"en-US","Confidence":"High"}}"""), 0, null);
        assertThat(p.display()).isEqualTo("Remind me to buy 5 pencils.");
        assertThat(p.words()).isEmpty();
        assertThat(p.language()).isEqualTo("en-US");
        assertThat(RecognizedPhrase.isNothingRecognised("InitialSilenceTimeout")).isTrue();
    }

    @Test
    void ssmlEscapesTextAndNamesTheVoiceAndItsLocale() {
        String ssml = Ssml.of(SynthesisRequest.builder("a < b & \"c\" 'd'\u0001").build(), "de-DE-ConradNeural");
        assertThat(ssml).isEqualTo("<speak version=\"1.0\" xmlns=\"http://www.w3.org/2001/10/synthesis\" "
                + "xmlns:mstts=\"https://www.w3.org/2001/mstts\" xml:lang=\"de-DE\"><voice name=\"de-DE-ConradNeural\">"
                + "a &lt; b &amp; &quot;c&quot; &apos;d&apos;</voice></speak>");
        assertThat(Ssml.of(SynthesisRequest.builder("hi").language("fr").build(), "x")).contains("xml:lang=\"fr-FR\"");
    }

    @Test
    void prosodyOnlyForWhatDiffersFromNormal() {
        assertThat(Ssml.prosody(SynthesisRequest.builder("x").build())).isNull();
        assertThat(Ssml.prosody(SynthesisRequest.builder("x").speed(0.8).build())).isEqualTo("rate=\"-20%\"");
        assertThat(Ssml.prosody(SynthesisRequest.builder("x").pitch(1.5).volumeGainDb(-6).build()))
                .isEqualTo("pitch=\"+1.5st\" volume=\"-6dB\"");
    }

    @Test
    void outputFormatNames() {
        assertThat(OutputFormat.forRequest(null).name()).isEqualTo("riff-24khz-16bit-mono-pcm");
        assertThat(OutputFormat.forRequest(AudioFormat.wav16(8000, 1)).name()).isEqualTo("riff-8khz-16bit-mono-pcm");
        assertThat(OutputFormat.forRequest(AudioFormat.wav16(22050, 1)).name())
                .isEqualTo("riff-22050hz-16bit-mono-pcm");
        assertThat(OutputFormat.forRequest(AudioFormat.wav16(44100, 1)).name())
                .isEqualTo("riff-44100hz-16bit-mono-pcm");
        assertThat(OutputFormat.forRequest(AudioFormat.wav16(48000, 1)).name()).isEqualTo("riff-48khz-16bit-mono-pcm");
        assertThat(OutputFormat.forRequest(AudioFormat.pcm16(16000, 1)).name()).isEqualTo("raw-16khz-16bit-mono-pcm");
        assertThat(OutputFormat.forRequest(AudioFormat.alaw(8000)).name()).isEqualTo("raw-8khz-8bit-mono-alaw");
        assertThat(OutputFormat.forRequest(new AudioFormat(Container.MP3, Encoding.MP3, 48000, 1, 0)).name())
                .isEqualTo("audio-48khz-192kbitrate-mono-mp3");
        assertThat(OutputFormat.forRequest(new AudioFormat(Container.WEBM, Encoding.OPUS, 16000, 1, 0)).name())
                .isEqualTo("webm-16khz-16bit-mono-opus");
        assertThat(OutputFormat.forRequest(AudioFormat.of(Container.OGG, Encoding.OPUS)).format().sampleRate())
                .isEqualTo(24000);
        for (AudioFormat f : List.of(AudioFormat.wav16(32000, 1), AudioFormat.mulaw(16000),
                AudioFormat.of(Container.FLAC, Encoding.FLAC), new AudioFormat(Container.WEBM, Encoding.OPUS, 48000,
                        1, 0))) {
            assertThatThrownBy(() -> OutputFormat.forRequest(f)).isInstanceOf(UnsupportedFormatException.class);
        }
        assertThat(AzureFake.OUTPUT_FORMATS).as("every name we produce is one Azure lists").contains(
                OutputFormat.forRequest(AudioFormat.wav16(24000, 1)).name(),
                OutputFormat.forRequest(AudioFormat.mulaw(8000).withContainer(Container.WAV)).name());
    }
}
