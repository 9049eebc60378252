package io.debabelizer.cli.format;

import java.util.Locale;

/** How {@code transcribe} prints its result. */
public enum TranscriptFormat {
    TEXT, JSON, SRT, VTT;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
