package io.debabelizer.cli.format;

import io.debabelizer.DebabelizerException;
import io.debabelizer.stt.StreamEvent;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/** Renders live-stream events: plain final lines for people, or one JSON object per event (JSON Lines). */
public final class StreamEventWriter {

    private StreamEventWriter() {
    }

    /** A final result as one line of text, optionally prefixed with its {@code [start-end]} times. */
    public static String finalLine(StreamEvent.Final f, boolean timestamps) {
        String text = f.text().strip();
        return timestamps ? "[" + seconds(f.start()) + "-" + seconds(f.end()) + "] " + text : text;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f", Math.max(0, s));
    }

    /** The event as one compact JSON object whose {@code type} says which event it is. */
    public static String jsonLine(StreamEvent event) {
        return Json.compact(json(event));
    }

    public static ObjectNode json(StreamEvent event) {
        ObjectNode o = Json.object();
        switch (event) {
            case StreamEvent.Interim i -> {
                o.put("type", "interim");
                o.put("text", i.text());
                Json.putSeconds(o, "start", i.start());
                Json.putSeconds(o, "end", i.end());
                Json.putNumber(o, "stability", i.stability());
                o.set("words", TranscriptWriter.words(i.words()));
            }
            case StreamEvent.Final f -> {
                o.put("type", "final");
                o.put("text", f.text());
                Json.putSeconds(o, "start", f.start());
                Json.putSeconds(o, "end", f.end());
                Json.putNumber(o, "confidence", f.confidence());
                o.put("speech_final", f.speechFinal());
                o.put("language", f.language());
                o.set("words", TranscriptWriter.words(f.words()));
            }
            case StreamEvent.SpeechStarted s -> {
                o.put("type", "speech_started");
                Json.putSeconds(o, "at", s.at());
            }
            case StreamEvent.UtteranceEnd u -> {
                o.put("type", "utterance_end");
                Json.putSeconds(o, "last_word_end", u.lastWordEnd());
            }
            case StreamEvent.Error e -> {
                DebabelizerException error = e.error();
                o.put("type", "error");
                o.put("message", error.getMessage());
                o.put("error", error.getClass().getSimpleName());
                o.put("fatal", e.fatal());
                o.put("retryable", error.isRetryable());
                o.put("provider", error.provider().orElse(null));
                o.put("request_id", error.requestId().orElse(null));
            }
            case StreamEvent.Closed c -> {
                o.put("type", "closed");
                o.put("reason", c.reason().name().toLowerCase(Locale.ROOT));
                Json.putSeconds(o, "audio_seconds", c.audioSeconds());
            }
        }
        return o;
    }
}
