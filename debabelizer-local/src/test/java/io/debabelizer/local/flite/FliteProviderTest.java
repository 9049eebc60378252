package io.debabelizer.local.flite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.local.MapConfig;
import io.debabelizer.local.Pcm16;
import io.debabelizer.spi.Availability;
import io.debabelizer.tts.AudioChunk;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.TtsProvider;
import io.debabelizer.tts.Voice;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FliteProviderTest {

    private static TtsProvider provider;

    @BeforeAll
    static void createProvider() {
        FliteProviderFactory factory = new FliteProviderFactory();
        MapConfig config = MapConfig.empty("flite");
        Availability availability = factory.availability(config);
        if (!availability.available()) {
            System.out.println("Flite tests skipped: " + availability.reason());
        }
        assumeTrue(availability.available(), () -> "skipped: " + availability.reason());
        provider = factory.createTts(config.context());
    }

    @AfterAll
    static void closeProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void synthesizesAValidWavWithSpeech() {
        Synthesis s = provider.synthesize(SynthesisRequest.builder("Please call Stella.").build());

        assertThat(s.format().container()).isEqualTo(Container.WAV);
        assertThat(s.provider()).isEqualTo("flite");
        assertThat(s.voice()).isEqualTo("rms");
        byte[] wav = s.audio().bytes();
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wav, 0, 4)).isEqualTo("RIFF");
        assertThat(new String(wav, 8, 4)).isEqualTo("WAVE");
        assertThat(b.getInt(4)).isEqualTo(wav.length - 8);
        assertThat(b.getShort(20)).isEqualTo((short) 1);
        assertThat(b.getShort(22)).isEqualTo((short) 1);
        assertThat(b.getInt(24)).isEqualTo(16_000);
        assertThat(b.getInt(40)).isEqualTo(wav.length - 44);
        assertThat(s.durationSeconds()).isBetween(0.5, 3.0);
        assertThat(rms(Pcm16.toSamples(wav, 44, wav.length - 44))).isGreaterThan(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kal", "kal16", "awb", "rms", "slt"})
    void everyVoiceSpeaks(String voice) {
        Synthesis s = provider.synthesize(SynthesisRequest.builder("Please call Stella.").voice(voice)
                .outputFormat(AudioFormat.pcm16(0, 1)).build());
        int expectedRate = voice.equals("kal") ? 8000 : 16_000;
        assertThat(s.format()).isEqualTo(AudioFormat.pcm16(expectedRate, 1));
        assertThat(s.durationSeconds()).isBetween(0.5, 3.0);
        assertThat(rms(Pcm16.toSamples(s.audio().bytes(), 0, s.audio().size()))).isGreaterThan(300);
    }

    @Test
    void listsTheCompiledInVoices() {
        assertThat(provider.voices()).extracting(Voice::id).contains("kal", "kal16", "awb", "rms", "slt");
        assertThat(provider.voices()).allSatisfy(v -> assertThat(v.provider()).isEqualTo("flite"));
    }

    @Test
    void speedChangesTheDuration() {
        double normal = provider.synthesize(SynthesisRequest.builder("Please call Stella.").build())
                .durationSeconds();
        double fast = provider.synthesize(SynthesisRequest.builder("Please call Stella.").speed(2.0).build())
                .durationSeconds();
        assertThat(fast).isLessThan(normal * 0.75);
    }

    @Test
    void streamsSentenceBySentence() throws Exception {
        String text = "The first sentence is short. The second one follows it! Is there a third? Yes, there is.";
        List<AudioChunk> chunks = new ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (SynthesisStream stream = provider.synthesizeStream(SynthesisRequest.builder(text).build())) {
            assertThat(stream.format()).isEqualTo(AudioFormat.pcm16(16_000, 1));
            AudioChunk c;
            do {
                c = stream.nextChunk();
                chunks.add(c);
                all.write(c.data());
            } while (!c.last());
            assertThat(stream.timeToFirstAudio()).isPresent();
            // the base class terminates the chunk buffer a moment before it completes the future
            assertThat(stream.completion()).succeedsWithin(java.time.Duration.ofSeconds(30));
        }
        assertThat(chunks.stream().filter(c -> c.data().length > 0)).hasSize(4);
        double streamed = all.size() / 32_000.0;
        double whole = provider.synthesize(SynthesisRequest.builder(text).build()).durationSeconds();
        assertThat(streamed).isBetween(whole * 0.8, whole * 1.3);
    }

    @Test
    void firstAudioArrivesBeforeTheWholeTextIsSynthesized() throws Exception {
        // Ten sentences, and the stream buffers only a few: when the first chunk is read, synthesis cannot be done.
        String text = "This is sentence number one. ".repeat(10);
        try (SynthesisStream stream = provider.synthesizeStream(SynthesisRequest.builder(text).build())) {
            AudioChunk first = stream.nextChunk();
            assertThat(first.data()).isNotEmpty();
            assertThat(stream.completion()).isNotDone();
            int chunks = 1;
            while (!stream.nextChunk().last()) {
                chunks++;
            }
            assertThat(chunks).isEqualTo(10);
        }
    }

    @Test
    void rejectsEmptyTextAndUnknownVoices() {
        assertThatThrownBy(() -> provider.synthesize(SynthesisRequest.builder("  ").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> provider.synthesize(SynthesisRequest.builder("Hi.").voice("nobody").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("slt");
    }

    @Test
    void speaksTheTextOfSsml() {
        Synthesis s = provider.synthesize(SynthesisRequest.ssml(
                "<speak>Please <break time=\"200ms\"/> call <emphasis>Stella</emphasis>.</speak>").build());
        assertThat(s.durationSeconds()).isBetween(0.5, 4.0);
    }

    static double rms(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / Math.max(1, samples.length));
    }
}
