package io.debabelizer.deepgram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debabelizer.ConfigurationException;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.spi.QualityTier;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.testkit.ProviderSettings.MapProviderConfig;
import io.debabelizer.testkit.fake.TestAudio;
import java.net.URI;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Descriptor, configuration, availability and the base-URL override. */
class DeepgramProviderFactoryTest extends DeepgramTestSupport {

    @Test
    void isFoundByServiceLoaderWithItsDescriptor() {
        assertThat(ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::type))
                .contains(DeepgramProviderFactory.class);
        var d = new DeepgramProviderFactory().descriptor();
        assertThat(d.name()).isEqualTo("deepgram");
        assertThat(d.capabilities()).containsExactlyInAnyOrder(Capability.STT, Capability.STT_STREAMING,
                Capability.TTS, Capability.TTS_STREAMING);
        assertThat(d.wordTimestamps()).isTrue();
        assertThat(d.diarization()).isTrue();
        assertThat(d.quality()).isEqualTo(QualityTier.PREMIUM);
        assertThat(d.local()).isFalse();
        assertThat(d.sttPricePerMinute()).isPositive();
        assertThat(d.ttsPricePerMillionChars()).isPositive();
        assertThat(d.supportsLanguage("pt-BR")).isTrue();
        assertThat(d.configKeys()).extracting(ConfigKey::name).contains("api_key", "base_url", "model", "tts_model");
        assertThat(d.configKeys()).filteredOn(k -> k.name().equals("api_key")).singleElement()
                .satisfies(k -> {
                    assertThat(k.secret()).isTrue();
                    assertThat(k.envVarFor("deepgram")).isEqualTo("DEEPGRAM_API_KEY");
                });
        assertThat(d.configKeys()).filteredOn(k -> k.name().equals("base_url")).singleElement()
                .satisfies(k -> assertThat(k.envVarFor("deepgram")).isEqualTo("DEEPGRAM_BASE_URL"));
    }

    @Test
    void availabilityNamesTheMissingKey() {
        var f = new DeepgramProviderFactory();
        assertThat(f.availability(new MapProviderConfig("deepgram", Map.of())).reason())
                .isEqualTo("DEEPGRAM_API_KEY not set");
        assertThat(f.availability(new MapProviderConfig("deepgram", Map.of("api_key", "k"))).available()).isTrue();
        assertThat(catchThrowableOfType(ConfigurationException.class, () -> f.availability(
                new MapProviderConfig("deepgram", Map.of("api_key", "k", "base_url", "not a url"))))).isNotNull();
    }

    @Test
    void theWebSocketBaseFollowsTheRestBase() {
        DeepgramSettings selfHosted = DeepgramSettings.from(settings().context("deepgram",
                Map.of("api_key", "k", "base_url", "http://127.0.0.1:8080/prefix/")));
        assertThat(selfHosted.httpBase()).isEqualTo(URI.create("http://127.0.0.1:8080/prefix"));
        assertThat(selfHosted.wsBase()).isEqualTo(URI.create("ws://127.0.0.1:8080/prefix"));
        DeepgramSettings defaults = DeepgramSettings.from(settings().context("deepgram", Map.of("api_key", "k")));
        assertThat(defaults.httpBase()).isEqualTo(URI.create("https://api.deepgram.com"));
        assertThat(defaults.wsBase()).isEqualTo(URI.create("wss://api.deepgram.com"));
        assertThat(defaults.model()).isEqualTo("nova-3");
        assertThat(defaults.ttsModel()).isEqualTo("aura-2-thalia-en");
    }

    @Test
    void aBaseUrlOverrideWithATrailingSlashReachesTheSameServerForRestAndWebSocket() throws Exception {
        var stt = stt(Map.of("base_url", fake.baseUri() + "/"));
        TestAudio.Wav jfk = TestAudio.speech("jfk.wav");
        stt.transcribe(TranscriptionRequest.builder(jfk.asWavAudio()).build());
        assertThat(fake.http().lastRequest().path()).isEqualTo("/v1/listen");
        var stream = stt.openStream(io.debabelizer.stt.StreamRequest.builder(jfk.pcmFormat()).build());
        stream.send(jfk.pcm(), 0, 640);
        stream.endInput();
        drain(stream);
        assertThat(fake.webSocket().upgradeRequests()).hasSize(1);
    }

    @Test
    void theKeyNeverShowsInToString() {
        assertThat(stt().toString()).doesNotContain(KEY);
        assertThat(tts().toString()).doesNotContain(KEY);
        assertThat(DeepgramSettings.from(settings().context("deepgram", config(Map.of()))).toString())
                .doesNotContain(KEY);
    }

    @Test
    void languagesAreCanonicalBcp47BothWays() {
        assertThat(DeepgramLanguages.toDeepgram("pt_br")).isEqualTo("pt-BR");
        assertThat(DeepgramLanguages.toDeepgram("EN-us")).isEqualTo("en-US");
        assertThat(DeepgramLanguages.toDeepgram("Multi")).isEqualTo("multi");
        assertThat(DeepgramLanguages.toDeepgram("zh-hant-tw")).isEqualTo("zh-Hant-TW");
        assertThat(DeepgramLanguages.fromDeepgram("es-419")).isEqualTo("es-419");
        assertThat(DeepgramLanguages.fromDeepgram("en")).isEqualTo("en");
        assertThat(DeepgramLanguages.toDeepgram(" ")).isNull();
        assertThat(DeepgramLanguages.isDetect("auto")).isTrue();
    }
}
