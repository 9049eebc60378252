package io.debabelizer.testkit;

import java.util.List;

/** The hooks a TTS provider's fake implements for {@link TtsProviderCompatibilityKit}. */
public interface TtsProviderFake extends ProviderFake {

    /** The texts that reached the fake for synthesis, in order. */
    List<String> receivedTexts();
}
