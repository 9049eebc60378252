package io.debabelizer.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.ConfigurationException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.stt.TranscriptionRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhisperSettingsTest {

    private static final AudioData AUDIO = AudioData.of(AudioFormat.pcm16(16000, 1), new byte[320]);

    @Test
    void defaultsDetectTheLanguageAndDecodeGreedily() {
        WhisperSettings s = WhisperSettings.resolve(TranscriptionRequest.builder(AUDIO).build(), new MapConfig(Map.of()));
        assertThat(s.language()).isNull();
        assertThat(s.model()).isNull();
        assertThat(s.translate()).isFalse();
        assertThat(s.beamSize()).isEqualTo(1);
        assertThat(s.bestOf()).isEqualTo(5);
        assertThat(s.temperature()).isZero();
        assertThat(s.threads()).isBetween(1, 4);
        assertThat(s.wordTimestamps()).isTrue();
    }

    @Test
    void requestFieldsWinOverProviderOptionsWhichWinOverConfiguration() {
        MapConfig config = new MapConfig(Map.of("model", "small", "language", "fr", "threads", "3", "beam_size", "2",
                "temperature", "0.3", "initial_prompt", "from config", "translate", "true"));
        TranscriptionRequest request = TranscriptionRequest.builder(AUDIO).model("base.en").language("en-US")
                .providerOption("threads", 2).providerOption("beam_size", "5").providerOption("best_of", 3)
                .providerOption("initial_prompt", "Kennedy").providerOption("translate", false)
                .wordTimestamps(false).build();

        WhisperSettings s = WhisperSettings.resolve(request, config);

        assertThat(s.model()).isEqualTo("base.en");
        assertThat(s.language()).isEqualTo("en");
        assertThat(s.threads()).isEqualTo(2);
        assertThat(s.beamSize()).isEqualTo(5);
        assertThat(s.bestOf()).isEqualTo(3);
        assertThat(s.temperature()).isEqualTo(0.3f);
        assertThat(s.initialPrompt()).isEqualTo("Kennedy");
        assertThat(s.translate()).isFalse();
        assertThat(s.wordTimestamps()).isFalse();

        WhisperSettings fromConfig = WhisperSettings.resolve(TranscriptionRequest.builder(AUDIO).build(), config);
        assertThat(fromConfig.model()).isEqualTo("small");
        assertThat(fromConfig.language()).isEqualTo("fr");
        assertThat(fromConfig.translate()).isTrue();
    }

    @Test
    void languageAutoMeansDetect() {
        assertThat(WhisperSettings.whisperLanguage("auto")).isNull();
        assertThat(WhisperSettings.whisperLanguage("de_AT")).isEqualTo("de");
        assertThat(WhisperSettings.whisperLanguage("haw")).isEqualTo("haw");
    }

    @Test
    void badValuesAreTypedErrors() {
        assertThatThrownBy(() -> resolveWith("threads", "many")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("threads");
        assertThatThrownBy(() -> resolveWith("beam_size", 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> resolveWith("temperature", 3.5)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> resolveWith("translate", "perhaps")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> WhisperSettings.resolve(TranscriptionRequest.builder(AUDIO).language("english!")
                .build(), new MapConfig(Map.of()))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> WhisperSettings.resolve(TranscriptionRequest.builder(AUDIO).build(),
                new MapConfig(Map.of("temperature", "hot")))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("whisper.temperature");
    }

    private static WhisperSettings resolveWith(String key, Object value) {
        return WhisperSettings.resolve(TranscriptionRequest.builder(AUDIO).providerOption(key, value).build(),
                new MapConfig(Map.of()));
    }
}
