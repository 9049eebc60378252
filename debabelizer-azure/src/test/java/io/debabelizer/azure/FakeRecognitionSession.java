package io.debabelizer.azure;

import io.debabelizer.stt.Word;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.fake.Json;
import io.debabelizer.testkit.fake.WsConnection;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the fake service recognises on one connection, across its turns: as the audio received reaches the scripted
 * words it sends {@code speech.startDetected} and {@code speech.hypothesis} (lexical, unpunctuated); once a pause of
 * the segmentation silence follows a word, a {@code speech.phrase} (detailed format); at the end of a turn's audio,
 * phrases for what remains, {@code speech.endDetected} and {@code turn.end}. Times go out in ticks counted from the
 * start of the turn's audio, as the service counts them.
 */
final class FakeRecognitionSession {

    private final WsConnection conn;
    private final ScriptedTranscript.Cursor cursor;
    private final List<Word> script;
    private final double segmentationSilence;
    private final boolean quotedTicks;
    private String requestId;
    private double turnStart;
    private boolean wordTimings;
    private String language;
    private boolean speechStarted;
    private int settled;
    private double now;

    FakeRecognitionSession(WsConnection conn, ScriptedTranscript script, double segmentationSilence,
                           boolean quotedTicks) {
        this.conn = conn;
        this.cursor = script.cursor();
        this.script = script.words();
        this.segmentationSilence = segmentationSilence;
        this.quotedTicks = quotedTicks;
    }

    /** A turn's audio begins ({@code turn.start} goes out) at {@code streamSeconds} of the connection's audio. */
    void turnStarted(String turnRequestId, double streamSeconds, boolean timings, String recognisedLanguage)
            throws IOException {
        this.requestId = turnRequestId;
        this.turnStart = streamSeconds;
        this.wordTimings = timings;
        this.language = recognisedLanguage;
        this.speechStarted = false;
        send("turn.start", Json.write(Json.object().set("context", Json.object().put("serviceTag",
                "7B33613B91714B32817815DC89633AFA"))));
    }

    /** The connection's audio has reached {@code seconds}. */
    void audioReached(double seconds) throws IOException {
        now = seconds;
        List<Word> heard = cursor.newInterim(now);
        if (!heard.isEmpty()) {
            if (!speechStarted) {
                speechStarted = true;
                send("speech.startDetected", Json.write(Json.object().set("Offset", ticks(heard.getFirst().start()))));
            }
            ObjectNode h = Json.object().put("Text", lexical(heard));
            h.set("Offset", ticks(heard.getFirst().start()));
            h.set("Duration", duration(heard.getFirst().start(), heard.getLast().end()));
            send("speech.hypothesis", Json.write(h));
        }
        List<Word> unsettled = script.subList(settled, script.size()).stream().filter(w -> w.start() < now).toList();
        if (!unsettled.isEmpty() && now >= unsettled.getLast().end() + segmentationSilence) {
            phrase(cursor.finalizeUpTo(unsettled.getLast().end()));
        }
    }

    /** The turn's audio ended: phrases for every word the audio covered, then the end of the turn. */
    void turnAudioEnded() throws IOException {
        phrase(cursor.finalizeUpTo(now));
        send("speech.endDetected", Json.write(Json.object().set("Offset", ticks(now))));
        send("turn.end", null);
    }

    void sendMalformedPhrase() throws IOException {
        conn.sendText(UspWire.serviceText("speech.phrase", requestId, "{\"RecognitionStatus\": \"Succ"));
    }

    private void phrase(List<Word> words) throws IOException {
        if (words.isEmpty()) {
            return;
        }
        settled += words.size();
        String display = ScriptedTranscript.join(words);
        ObjectNode p = Json.object().put("RecognitionStatus", "Success");
        p.set("Offset", ticks(words.getFirst().start()));
        p.set("Duration", duration(words.getFirst().start(), words.getLast().end()));
        p.put("DisplayText", display);
        if (language != null) {
            p.putObject("PrimaryLanguage").put("Language", language).put("Confidence", "High");
        }
        ObjectNode best = p.putArray("NBest").addObject().put("Confidence", 0.93).put("Lexical", lexical(words))
                .put("ITN", lexical(words)).put("MaskedITN", lexical(words)).put("Display", display);
        if (wordTimings) {
            ArrayNode array = best.putArray("Words");
            for (Word w : words) {
                ObjectNode o = array.addObject().put("Word", w.word());
                o.set("Offset", ticks(w.start()));
                o.set("Duration", duration(w.start(), w.end()));
            }
        }
        send("speech.phrase", Json.write(p));
    }

    private static String lexical(List<Word> words) {
        return words.stream().map(Word::word).collect(Collectors.joining(" "));
    }

    /** Ticks from the start of the turn (a word that began before the turn is clipped to it). */
    private tools.jackson.databind.JsonNode ticks(double streamSeconds) {
        return tickNode(Math.round(Math.max(0, streamSeconds - turnStart) * 10_000_000));
    }

    private tools.jackson.databind.JsonNode duration(double from, double to) {
        return tickNode(Math.round((to - Math.max(from, turnStart)) * 10_000_000));
    }

    private tools.jackson.databind.JsonNode tickNode(long ticks) {
        return quotedTicks ? tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(Long.toString(ticks))
                : tools.jackson.databind.node.JsonNodeFactory.instance.numberNode(ticks);
    }

    private void send(String path, String body) throws IOException {
        conn.sendText(UspWire.serviceText(path, requestId, body));
    }
}
