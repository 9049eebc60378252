package io.debabelizer.spi;

/** What a provider can do. The ids are the stable names used in JSON and the CLI. */
public enum Capability {
    STT("stt"),
    STT_STREAMING("stt-streaming"),
    TTS("tts"),
    TTS_STREAMING("tts-streaming");

    private final String id;

    Capability(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
