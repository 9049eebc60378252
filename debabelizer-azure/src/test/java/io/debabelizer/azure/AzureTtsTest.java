package io.debabelizer.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import io.debabelizer.tts.AudioChunk;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.Voice;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Synthesis and voices against the fake service. */
class AzureTtsTest extends AzureTestSupport {

    @Test
    void synthesisPostsSsmlWithFormatAndUserAgent() {
        Synthesis s = tts(Map.of("user_agent", "my-app/1.0")).synthesize(SynthesisRequest.builder("Tom & Jerry <3")
                .voice("en-GB-SoniaNeural").outputFormat(AudioFormat.wav16(16000, 1)).build());

        RecordedRequest r = fake.http().lastRequest();
        assertThat(r.path()).isEqualTo("/cognitiveservices/v1");
        assertThat(r.header("Content-Type")).hasValueSatisfying(c -> assertThat(c).startsWith("application/ssml+xml"));
        assertThat(r.header("X-Microsoft-OutputFormat")).contains("riff-16khz-16bit-mono-pcm");
        assertThat(r.header("User-Agent")).contains("my-app/1.0");
        assertThat(r.header("Ocp-Apim-Subscription-Key")).contains(KEY);
        assertThat(r.bodyText()).contains("<voice name=\"en-GB-SoniaNeural\">").contains("xml:lang=\"en-GB\"")
                .contains("Tom &amp; Jerry &lt;3");
        assertThat(fake.receivedTexts()).containsExactly("Tom & Jerry <3");
        assertThat(s.format()).isEqualTo(AudioFormat.wav16(16000, 1));
        assertThat(TestAudio.parseWav(s.audio().bytes()).pcmFormat().sampleRate()).isEqualTo(16000);
        assertThat(s.durationSeconds()).isPositive();
        assertThat(s.voice()).isEqualTo("en-GB-SoniaNeural");
        assertThat(s.requestId()).isNotBlank();
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void styleDegreeAndProsodyReachTheService() {
        tts().synthesize(SynthesisRequest.builder("Great news!").speed(1.25).pitch(-2).volumeGainDb(3)
                .providerOption("style", "cheerful").providerOption("style_degree", "1.5").build());
        String ssml = fake.receivedSsml().getLast();
        assertThat(ssml).contains("xmlns:mstts=\"https://www.w3.org/2001/mstts\"")
                .contains("<mstts:express-as style=\"cheerful\" styledegree=\"1.5\">")
                .contains("<prosody rate=\"+25%\" pitch=\"-2st\" volume=\"+3dB\">Great news!</prosody>")
                .contains("<voice name=\"en-US-JennyNeural\">");
        assertThat(fake.receivedTexts()).containsExactly("Great news!");
    }

    @Test
    void ssmlIsPassedThroughUnchanged() {
        String ssml = "<speak version='1.0' xml:lang='en-US'><voice name='en-US-AvaMultilingualNeural'>"
                + "Hi <break time='200ms'/> there</voice></speak>";
        tts().synthesize(SynthesisRequest.ssml(ssml).build());
        assertThat(fake.http().lastRequest().bodyText()).isEqualTo(ssml);
    }

    @Test
    void telephonyMulawAndCompressedFormats() {
        Synthesis raw = tts().synthesize(SynthesisRequest.builder("Hello").outputFormat(AudioFormat.mulaw(8000))
                .build());
        assertThat(fake.http().lastRequest().header("X-Microsoft-OutputFormat")).contains("raw-8khz-8bit-mono-mulaw");
        assertThat(raw.format()).isEqualTo(AudioFormat.mulaw(8000));
        assertThat(raw.durationSeconds()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.01));

        Synthesis riff = tts().synthesize(SynthesisRequest.builder("Hello")
                .outputFormat(AudioFormat.mulaw(8000).withContainer(Container.WAV)).build());
        assertThat(fake.http().lastRequest().header("X-Microsoft-OutputFormat")).contains("riff-8khz-8bit-mono-mulaw");
        assertThat(new String(riff.audio().bytes(), 0, 4)).isEqualTo("RIFF");

        Synthesis mp3 = tts().synthesize(SynthesisRequest.builder("Hello")
                .outputFormat(AudioFormat.of(Container.MP3, Encoding.MP3)).build());
        assertThat(fake.http().lastRequest().header("X-Microsoft-OutputFormat"))
                .contains("audio-24khz-96kbitrate-mono-mp3");
        assertThat(mp3.format().sampleRate()).isEqualTo(24000);

        tts().synthesize(SynthesisRequest.builder("Hello").outputFormat(new AudioFormat(Container.OGG, Encoding.OPUS,
                48000, 1, 0)).build());
        assertThat(fake.http().lastRequest().header("X-Microsoft-OutputFormat")).contains("ogg-48khz-16bit-mono-opus");
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void unsupportedFormatsFailBeforeAnyRequest() {
        assertThat(catchThrowableOfType(UnsupportedFormatException.class, () -> tts().synthesize(
                SynthesisRequest.builder("x").outputFormat(AudioFormat.pcm16(11025, 1)).build()))).isNotNull();
        assertThat(catchThrowableOfType(UnsupportedFormatException.class, () -> tts().synthesize(
                SynthesisRequest.builder("x").outputFormat(AudioFormat.wav16(24000, 2)).build()))).isNotNull();
        assertThat(fake.http().requestCount()).isZero();
    }

    @Test
    void streamingHandsTheBodyOnAsItArrives() throws Exception {
        try (SynthesisStream stream = tts().synthesizeStream(SynthesisRequest.builder("Streaming speech, please.")
                .outputFormat(AudioFormat.pcm16(24000, 1)).build())) {
            ByteArrayOutputStream audio = new ByteArrayOutputStream();
            int chunks = 0;
            AudioChunk c;
            do {
                c = stream.nextChunk();
                audio.writeBytes(c.data());
                chunks++;
            } while (!c.last());
            assertThat(chunks).isGreaterThan(2);
            assertThat(audio.size()).isEqualTo(AzureFake.speech("Streaming speech, please.",
                    "raw-24khz-16bit-mono-pcm").length);
        }
        assertThat(fake.http().lastRequest().header("X-Microsoft-OutputFormat")).contains("raw-24khz-16bit-mono-pcm");
    }

    @Test
    void voicesCarryLocaleGenderStylesAndType() {
        List<Voice> voices = tts().voices();
        assertThat(voices).extracting(Voice::id).containsExactly("en-US-JennyNeural", "de-DE-ConradNeural",
                "en-US-AvaMultilingualNeural");
        Voice jenny = voices.getFirst();
        assertThat(jenny.name()).isEqualTo("Jenny");
        assertThat(jenny.languages()).containsExactly("en-US");
        assertThat(jenny.gender()).isEqualTo(Voice.Gender.FEMALE);
        assertThat(jenny.attributes()).containsEntry("voiceType", "Neural").containsEntry("sampleRateHertz", "24000")
                .containsEntry("wordsPerMinute", "152");
        assertThat(jenny.attributes().get("styles")).startsWith("assistant,chat");
        Voice ava = voices.get(2);
        assertThat(ava.languages()).containsExactly("en-US", "de-DE", "fr-FR");
        assertThat(ava.attributes()).containsEntry("roles", "Narrator");
        assertThat(voices.get(1).gender()).isEqualTo(Voice.Gender.MALE);
        assertThat(fake.http().lastRequest().path()).isEqualTo("/cognitiveservices/voices/list");
    }
}
