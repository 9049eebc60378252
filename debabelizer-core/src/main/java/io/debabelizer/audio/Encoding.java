package io.debabelizer.audio;

/** How samples are coded inside a {@link Container}. */
public enum Encoding {
    /** Linear PCM, signed integers (8-bit PCM in WAV is unsigned and is reported as {@link #PCM_UNSIGNED}). */
    PCM_SIGNED("pcm_s", true),
    PCM_UNSIGNED("pcm_u", true),
    PCM_FLOAT("pcm_f", true),
    /** G.711 µ-law, 8 bits per sample. */
    MULAW("mulaw", true),
    /** G.711 A-law, 8 bits per sample. */
    ALAW("alaw", true),
    MP3("mp3", false),
    FLAC("flac", false),
    OPUS("opus", false),
    VORBIS("vorbis", false),
    AAC("aac", false),
    /** The container was recognised but its codec was not (or not yet looked at). */
    UNKNOWN("unknown", false);

    private final String id;
    private final boolean uncompressed;

    Encoding(String id, boolean uncompressed) {
        this.id = id;
        this.uncompressed = uncompressed;
    }

    public String id() {
        return id;
    }

    /** Whether a sample can be read without a decoder (linear PCM or G.711). */
    public boolean isUncompressed() {
        return uncompressed;
    }
}
