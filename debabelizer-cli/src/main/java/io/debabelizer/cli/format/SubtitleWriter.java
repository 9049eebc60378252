package io.debabelizer.cli.format;

import java.util.List;

/** Writes cues as SubRip (SRT) or WebVTT. */
public final class SubtitleWriter {

    private SubtitleWriter() {
    }

    /** Numbered cues, {@code 00:00:01,234 --> 00:00:02,000}, a blank line after each. */
    public static String srt(List<Cue> cues) {
        StringBuilder sb = new StringBuilder();
        int n = 1;
        for (Cue cue : cues) {
            sb.append(n++).append('\n')
                    .append(timestamp(cue.start(), ',')).append(" --> ").append(timestamp(cue.end(), ',')).append('\n');
            if (cue.speaker() != null) {
                sb.append('[').append(cue.speaker()).append("] ");
            }
            sb.append(cue.text()).append("\n\n");
        }
        return sb.toString();
    }

    /** The {@code WEBVTT} header, then cues with {@code 00:00:01.234 --> 00:00:02.000} and escaped text. */
    public static String vtt(List<Cue> cues) {
        StringBuilder sb = new StringBuilder("WEBVTT\n\n");
        for (Cue cue : cues) {
            sb.append(timestamp(cue.start(), '.')).append(" --> ").append(timestamp(cue.end(), '.')).append('\n');
            if (cue.speaker() != null) {
                sb.append("<v ").append(escapeVtt(cue.speaker())).append('>');
            }
            sb.append(escapeVtt(cue.text())).append("\n\n");
        }
        return sb.toString();
    }

    /** {@code HH:MM:SS<sep>mmm}, rounded to the millisecond; negative times clamp to zero. */
    public static String timestamp(double seconds, char millisSeparator) {
        long millis = Math.max(0, Math.round(seconds * 1000));
        long h = millis / 3_600_000;
        long m = millis / 60_000 % 60;
        long s = millis / 1000 % 60;
        long ms = millis % 1000;
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d%c%03d", h, m, s, millisSeparator, ms);
    }

    /** WebVTT cue text must not contain raw {@code &}, {@code <} or {@code >} (nor so the sequence "-->"). */
    static String escapeVtt(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
