package io.debabelizer.cli.stream;

import io.debabelizer.DebabelizerException;
import io.debabelizer.cli.Progress;
import io.debabelizer.cli.format.StreamEventWriter;
import io.debabelizer.stt.StreamEvent;
import java.util.Locale;

/**
 * Shows live-stream events as they arrive. In JSON mode every event is one line on stdout. In text mode final
 * results are lines on stdout; interim results are drawn in place on the terminal's status line, or printed as
 * {@code interim:} lines when asked for and no terminal is watching. It also remembers how the stream ended.
 */
public final class StreamPrinter {

    /** What the user asked to see. */
    public record Options(boolean json, boolean timestamps, boolean interimLines) {
    }

    private final Progress progress;
    private final Options options;
    private volatile double secondsSent;
    private volatile double totalSeconds;
    private volatile String interim = "";
    private volatile DebabelizerException fatalError;
    private volatile StreamEvent.Closed closed;
    private int finals;

    public StreamPrinter(Progress progress, Options options) {
        this.progress = progress;
        this.options = options;
    }

    /** Shows one event; returns false once the stream has closed. */
    public boolean accept(StreamEvent event) {
        if (options.json()) {
            progress.result(StreamEventWriter.jsonLine(event));
        }
        switch (event) {
            case StreamEvent.Interim i -> {
                interim = i.text().strip();
                if (!options.json()) {
                    if (progress.terminal() && !progress.quiet()) {
                        redraw();
                    } else if (options.interimLines() && !interim.isEmpty()) {
                        progress.result("interim: " + interim);
                    }
                }
            }
            case StreamEvent.Final f -> {
                finals++;
                interim = "";
                if (!options.json() && !f.text().isBlank()) {
                    progress.result(StreamEventWriter.finalLine(f, options.timestamps()));
                }
                redraw();
            }
            case StreamEvent.Error e -> {
                if (e.fatal()) {
                    fatalError = e.error();
                } else {
                    progress.warn(e.error().getMessage());
                }
            }
            case StreamEvent.Closed c -> {
                closed = c;
                progress.clearStatus();
                return false;
            }
            case StreamEvent.SpeechStarted s -> {
                // Only JSON consumers care about these.
            }
            case StreamEvent.UtteranceEnd u -> {
                // Only JSON consumers care about these.
            }
        }
        return true;
    }

    /** The sender reports how far it has got. */
    public void sent(double seconds, double total) {
        this.secondsSent = seconds;
        this.totalSeconds = total;
        redraw();
    }

    private void redraw() {
        String line = String.format(Locale.ROOT, "%.1f/%.1f s sent", secondsSent, totalSeconds);
        if (!options.json() && !interim.isEmpty()) {
            line += " │ " + interim;
        }
        progress.status(line);
    }

    /** The fatal error that ended the stream, or null. */
    public DebabelizerException fatalError() {
        return fatalError;
    }

    /** The closing event, or null while the stream is open. */
    public StreamEvent.Closed closed() {
        return closed;
    }

    public int finals() {
        return finals;
    }
}
