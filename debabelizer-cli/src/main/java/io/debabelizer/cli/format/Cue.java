package io.debabelizer.cli.format;

/**
 * One subtitle cue.
 *
 * @param start   seconds
 * @param end     seconds, {@code >= start}
 * @param text    what is shown
 * @param speaker speaker label when the words were diarized, else {@code null}
 */
public record Cue(double start, double end, String text, String speaker) {
}
