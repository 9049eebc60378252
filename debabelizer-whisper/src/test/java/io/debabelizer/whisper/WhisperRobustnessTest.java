package io.debabelizer.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.audio.Pcm;
import io.debabelizer.audio.Wav;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Awkward inputs, as real WAV files, through whisper.cpp with the weightless test model: it recognises nothing, so
 * these show that every input reaches the native decoder in the right shape and comes back without a crash or a
 * hang (a typed error for an empty file), not that anything is heard.
 */
@Timeout(300)
class WhisperRobustnessTest {

    private static final int RATE = 16_000;
    private static SttProvider provider;
    private static short[] speech;

    @BeforeAll
    static void create() throws Exception {
        WhisperNative.Status status = WhisperNative.status();
        Assumptions.assumeTrue(status.loaded(), () -> "skipped: " + status.problem());
        Path model = shared("models/for-tests-ggml-tiny.en.bin");
        Path jfk = shared("speech/jfk.wav");
        boolean present = Files.isRegularFile(model) && Files.isRegularFile(jfk);
        if (!present) {
            System.out.println("SKIPPED WhisperRobustnessTest: " + model + " or " + jfk + " is missing");
        }
        Assumptions.assumeTrue(present, "shared test model or jfk.wav missing");
        speech = Arrays.copyOf(AudioConverter.toMonoSamples(AudioData.of(jfk), RATE), 3 * RATE);
        provider = new WhisperProviderFactory().createStt(new ProviderContext(
                new MapConfig(Map.of("model_path", model.toString(), "threads", "2")), HttpClient.newHttpClient(),
                Duration.ofSeconds(30), Duration.ofSeconds(5)));
    }

    @AfterAll
    static void close() {
        if (provider != null) {
            provider.close();
        }
    }

    private static Path shared(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return Path.of("..", "shared", relative);
    }

    private static AudioData wav(AudioFormat format, byte[] samples) {
        AudioData file = AudioData.of(Wav.write(format, samples));
        assertThat(file.format().container()).isEqualTo(Container.WAV);
        return file;
    }

    private static Transcript transcribe(String what, AudioData audio, double expectedSeconds) {
        long t0 = System.nanoTime();
        Transcript t = provider.transcribe(TranscriptionRequest.builder(audio).build());
        System.out.printf("whisper (test model) %s: %.1f s of audio in %.1f s%n", what, t.durationSeconds(),
                (System.nanoTime() - t0) / 1e9);
        assertThat(t.text()).isEmpty(); // no weights, no words
        assertThat(t.provider()).isEqualTo("whisper");
        assertThat(t.durationSeconds()).isCloseTo(expectedSeconds, org.assertj.core.data.Offset.offset(0.01));
        return t;
    }

    @Test
    void anEmptyWavIsAClearInputError() {
        AudioData empty = wav(AudioFormat.pcm16(RATE, 1), new byte[0]);
        assertThatThrownBy(() -> provider.transcribe(TranscriptionRequest.builder(empty).build()))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void shortSilentAndClippedInputs() {
        transcribe("10 ms", wav(AudioFormat.pcm16(RATE, 1), Pcm.fromShorts(Arrays.copyOf(speech, 160))), 0.01);
        transcribe("3 s of digital silence", wav(AudioFormat.pcm16(RATE, 1), new byte[3 * RATE * 2]), 3.0);
        short[] clipped = new short[speech.length];
        for (int i = 0; i < speech.length; i++) {
            clipped[i] = (short) Math.clamp(speech[i] * 20L, Short.MIN_VALUE, Short.MAX_VALUE);
        }
        transcribe("clipped speech", wav(AudioFormat.pcm16(RATE, 1), Pcm.fromShorts(clipped)), 3.0);
    }

    @Test
    void eightKilohertzStereoAndFloatInputs() {
        AudioData mono = AudioData.of(AudioFormat.pcm16(RATE, 1), Pcm.fromShorts(speech));
        AudioData narrow = AudioConverter.toPcm16(mono, 8_000, 1);
        transcribe("8 kHz speech", wav(narrow.format(), narrow.bytes()), 3.0);
        AudioData stereo = AudioConverter.toPcm16(mono, RATE, 2);
        transcribe("stereo speech", wav(stereo.format(), stereo.bytes()), 3.0);
        AudioData up = AudioConverter.toPcm16(mono, 48_000, 1);
        AudioFormat float32 = new AudioFormat(Container.RAW, Encoding.PCM_FLOAT, 48_000, 1, 32);
        transcribe("48 kHz float speech",
                wav(float32, Pcm.fromFloat(Pcm.toFloat(up.bytes(), up.format()), float32)), 3.0);
    }

    @Test
    void longRunning_tenMinutesInOneRequest() {
        short[] s = new short[600 * RATE];
        Random noise = new Random(42);
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (noise.nextInt(5) - 2);
        }
        for (int at = RATE / 2; at + speech.length <= s.length; at += 60 * RATE) {
            System.arraycopy(speech, 0, s, at, speech.length);
        }
        transcribe("10 minutes, speech once a minute", wav(AudioFormat.pcm16(RATE, 1), Pcm.fromShorts(s)), 600.0);
    }
}
