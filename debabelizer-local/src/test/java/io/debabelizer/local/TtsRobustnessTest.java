package io.debabelizer.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.local.flite.FliteProviderFactory;
import io.debabelizer.local.freetts.FreeTtsProviderFactory;
import io.debabelizer.spi.Availability;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.TtsProvider;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Awkward text through each local TTS engine: a clear typed error or speech, never a crash or a hang. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TtsRobustnessTest {

    private static TtsProvider create(String engine) {
        ProviderFactory factory = switch (engine) {
            case "flite" -> new FliteProviderFactory();
            case "freetts" -> new FreeTtsProviderFactory();
            default -> throw new IllegalArgumentException(engine);
        };
        Availability a = factory.availability(MapConfig.empty(engine));
        if (!a.available()) {
            System.out.println(engine + " robustness tests skipped: " + a.reason());
        }
        assumeTrue(a.available(), () -> "skipped: " + a.reason());
        return factory.createTts(MapConfig.empty(engine).context());
    }

    private static Synthesis speak(TtsProvider tts, SynthesisRequest request) {
        Synthesis s = tts.synthesize(request);
        assertThat(s.audio().size()).isGreaterThan(0);
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite", "freetts"})
    void emptyOrUnspeakableTextIsAClearInputError(String engine) {
        try (TtsProvider tts = create(engine)) {
            for (String text : new String[] {"", "   \n\t ", "...!?", "😀🎉"}) {
                assertThatThrownBy(() -> tts.synthesize(SynthesisRequest.builder(text).build()))
                        .as("text %s", text).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("empty");
            }
            assertThatThrownBy(() -> tts.synthesize(SynthesisRequest.ssml("<speak><break time=\"1s\"/></speak>")
                    .build())).isInstanceOf(InvalidInputException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite", "freetts"})
    void veryLongTextIsSpokenWhole(String engine) {
        String sentence = "The quick brown fox jumps over the lazy dog near the river bank. ";
        String text = sentence.repeat(10_000 / sentence.length() + 1); // about 10,000 characters
        try (TtsProvider tts = create(engine)) {
            long t0 = System.nanoTime();
            Synthesis s = speak(tts, SynthesisRequest.builder(text).outputFormat(AudioFormat.pcm16(0, 1)).build());
            System.out.printf("%s: %d characters -> %.0f s of audio in %.1f s%n", engine, text.length(),
                    s.durationSeconds(), (System.nanoTime() - t0) / 1e9);
            assertThat(s.durationSeconds()).isGreaterThan(300.0); // 1,600 words at any plausible rate
            assertThat(s.audio().size()).isEqualTo(Math.round(s.durationSeconds() * s.format().sampleRate()) * 2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite", "freetts"})
    void unicodeAndEmojiAroundWordsNeitherCrashNorSilenceTheWords(String engine) {
        try (TtsProvider tts = create(engine)) {
            Synthesis s = speak(tts, SynthesisRequest.builder(
                    "Café naïve — “quoted” 😀 Please call Stella! 東京 𝄞 Ünïcödé ½ € 100.").build());
            assertThat(s.durationSeconds()).isGreaterThan(0.5);
            // A script the engine has no rules for is spoken as whatever it can make of it, or not at all.
            try {
                tts.synthesize(SynthesisRequest.builder("東京 Москва").build());
            } catch (DebabelizerException typed) {
                System.out.println(engine + ": non-Latin text refused: " + typed.getMessage());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"flite", "freetts"})
    void markupIsNeverSpokenAsTagsAndMalformedSsmlDoesNotCrash(String engine) {
        try (TtsProvider tts = create(engine)) {
            double plain = speak(tts, SynthesisRequest.builder("Please call Stella.").build()).durationSeconds();
            double ssml = speak(tts, SynthesisRequest.ssml("<speak><prosody rate=\"medium\">Please call "
                    + "<emphasis level=\"strong\">Stella</emphasis>.</prosody></speak>").build()).durationSeconds();
            assertThat(ssml).isBetween(plain * 0.7, plain * 1.5); // the tags were not read out
            speak(tts, SynthesisRequest.ssml("<speak>Please call <break time=\"300ms\" Stella & Bob").build());
            speak(tts, SynthesisRequest.builder("Plain text with <speak>tags</speak> & ampersands.").build());
        }
    }
}
