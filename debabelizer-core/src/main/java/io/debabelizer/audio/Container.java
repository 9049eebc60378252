package io.debabelizer.audio;

/** How encoded audio is packaged. {@link #RAW} means bare samples with no header at all. */
public enum Container {
    RAW("raw", "application/octet-stream", "raw"),
    WAV("wav", "audio/wav", "wav"),
    MP3("mp3", "audio/mpeg", "mp3"),
    FLAC("flac", "audio/flac", "flac"),
    OGG("ogg", "audio/ogg", "ogg"),
    WEBM("webm", "audio/webm", "webm"),
    MP4("mp4", "audio/mp4", "m4a"),
    ADTS("aac", "audio/aac", "aac");

    private final String id;
    private final String mimeType;
    private final String fileExtension;

    Container(String id, String mimeType, String fileExtension) {
        this.id = id;
        this.mimeType = mimeType;
        this.fileExtension = fileExtension;
    }

    /** Short lower-case name used in configuration, the CLI and JSON. */
    public String id() {
        return id;
    }

    public String mimeType() {
        return mimeType;
    }

    public String fileExtension() {
        return fileExtension;
    }
}
