package io.debabelizer.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.ProtocolException;
import io.debabelizer.testkit.fake.FakeResponse;
import io.debabelizer.tts.Voice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The voice list and the model list. */
@Timeout(60)
class ElevenLabsVoicesTest extends ElevenLabsTestSupport {

    @Test
    void voicesCarryLabelsLanguagesAndPreviewUrls() {
        List<Voice> voices = tts().voices();
        assertThat(fake.http().lastRequest().path()).isEqualTo("/v1/voices");
        assertThat(fake.http().lastRequest().header("xi-api-key")).contains(KEY);
        assertThat(voices).extracting(Voice::id).containsExactly(ElevenLabsFake.RACHEL, ElevenLabsFake.ADAM,
                ElevenLabsFake.MIA);
        Voice rachel = voices.getFirst();
        assertThat(rachel.name()).isEqualTo("Rachel");
        assertThat(rachel.provider()).isEqualTo("elevenlabs");
        assertThat(rachel.gender()).isEqualTo(Voice.Gender.FEMALE);
        assertThat(rachel.languages()).containsExactly("en-US");
        assertThat(rachel.attributes()).containsEntry("accent", "american").containsEntry("use_case", "narration")
                .containsEntry("category", "premade").containsKey("preview_url");
        assertThat(rachel.attributes().get("preview_url")).startsWith("https://").endsWith(".mp3");
        Voice adam = voices.get(1);
        assertThat(adam.gender()).isEqualTo(Voice.Gender.MALE);
        assertThat(adam.description()).isEqualTo("deep");
        assertThat(adam.languages()).isEmpty();
        Voice mia = voices.get(2);
        assertThat(mia.languages()).containsExactly("es-ES");
        assertThat(mia.attributes()).containsEntry("category", "cloned");
    }

    @Test
    void aVoiceWithoutIdIsAProtocolError() {
        fake.http().failNext(1, FakeResponse.json(200, "{\"voices\":[{\"name\":\"Nameless\"}]}"));
        assertThat(catchThrowableOfType(ProtocolException.class, () -> tts().voices()))
                .hasMessageContaining("voice_id");
    }

    @Test
    void modelsAreListed() {
        List<ElevenLabsModel> models = tts().models();
        assertThat(fake.http().lastRequest().path()).isEqualTo("/v1/models");
        assertThat(models).extracting(ElevenLabsModel::id).containsExactly("eleven_multilingual_v2",
                "eleven_flash_v2_5");
        ElevenLabsModel flash = models.get(1);
        assertThat(flash.name()).isEqualTo("Eleven Flash v2.5");
        assertThat(flash.textToSpeech()).isTrue();
        assertThat(flash.languages()).containsExactly("en", "es", "hu");
        assertThat(flash.maxCharacters()).isEqualTo(40000);
        assertThat(flash.costMultiplier()).isEqualTo(0.5);
    }

    @Test
    void aModelListThatIsNotAnArrayIsAProtocolError() {
        fake.http().failNext(1, FakeResponse.json(200, "{\"models\":[]}"));
        assertThat(catchThrowableOfType(ProtocolException.class, () -> tts().models())).isNotNull();
    }
}
