package io.debabelizer.cli.format;

import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.Word;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders a {@link Transcript} in each {@link TranscriptFormat}. The JSON shape is a stable interface. */
public final class TranscriptWriter {

    private final CueSegmenter segmenter;

    public TranscriptWriter() {
        this(new CueSegmenter());
    }

    public TranscriptWriter(CueSegmenter segmenter) {
        this.segmenter = segmenter;
    }

    /** The whole output for {@code format}, ending with a newline (or empty for an empty SRT). */
    public String render(Transcript transcript, TranscriptFormat format) {
        return switch (format) {
            case TEXT -> text(transcript);
            case JSON -> Json.pretty(json(transcript)) + "\n";
            case SRT -> SubtitleWriter.srt(segmenter.segment(transcript));
            case VTT -> SubtitleWriter.vtt(segmenter.segment(transcript));
        };
    }

    /** The text; with speaker labels, one line per speaker turn ({@code [speaker] words}). */
    static String text(Transcript transcript) {
        boolean diarized = transcript.words().stream().anyMatch(w -> w.speaker() != null);
        if (!diarized) {
            return transcript.text().strip() + "\n";
        }
        StringBuilder sb = new StringBuilder();
        String speaker = null;
        boolean first = true;
        for (Word w : transcript.words()) {
            if (first || !Objects.equals(w.speaker(), speaker)) {
                if (!first) {
                    sb.append('\n');
                }
                speaker = w.speaker();
                sb.append('[').append(speaker == null ? "?" : speaker).append(']');
                first = false;
            }
            sb.append(' ').append(w.punctuated().strip());
        }
        return sb.append('\n').toString();
    }

    /**
     * {@code text, provider, model, language, duration, confidence, request_id, words[], usage}; unknown values are
     * {@code null}, never omitted, so consumers can rely on every key being there.
     */
    public static ObjectNode json(Transcript t) {
        ObjectNode root = Json.object();
        root.put("text", t.text());
        root.put("provider", t.provider());
        root.put("model", t.model());
        root.put("language", t.language());
        Json.putSeconds(root, "duration", t.durationSeconds());
        Json.putNumber(root, "confidence", t.confidence());
        root.put("request_id", t.requestId());
        root.set("words", words(t.words()));
        ObjectNode usage = root.putObject("usage");
        Json.putSeconds(usage, "audio_seconds", t.usage().audioSeconds());
        return root;
    }

    static ArrayNode words(Iterable<Word> words) {
        ArrayNode array = Json.array();
        for (Word w : words) {
            ObjectNode o = array.addObject();
            o.put("word", w.word());
            o.put("punctuated", w.punctuated());
            Json.putSeconds(o, "start", w.start());
            Json.putSeconds(o, "end", w.end());
            Json.putNumber(o, "confidence", w.confidence());
            o.put("speaker", w.speaker());
        }
        return array;
    }
}
