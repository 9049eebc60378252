package io.debabelizer.google;

import com.google.cloud.speech.v1.SpeechRecognitionAlternative;
import com.google.cloud.speech.v1.StreamingRecognitionResult;
import com.google.cloud.speech.v1.StreamingRecognizeResponse;
import com.google.cloud.speech.v1.WordInfo;
import com.google.protobuf.Duration;
import io.debabelizer.DebabelizerException;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.Word;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps {@code StreamingRecognizeResponse}s of the calls of one live stream to stream events, in stream time: each
 * call's times are shifted by the stream time where its audio starts. Results carry only their end; a result starts
 * where the previous final ended. Speech events become {@link StreamEvent.SpeechStarted} and
 * {@link StreamEvent.UtteranceEnd}. Not thread-safe: the stream calls it under its lock.
 */
final class StreamingResults {

    /** The events of one response, or the error it carried. */
    record Outcome(List<StreamEvent> events, DebabelizerException error) {
    }

    private final boolean interims;
    private double lastFinalEnd;
    private double lastWordEnd = -1;
    private volatile String requestId;

    StreamingResults(boolean interims) {
        this.interims = interims;
    }

    String requestId() {
        return requestId;
    }

    Outcome map(StreamingRecognizeResponse response, double offset) {
        if (response.getRequestId() != 0) {
            requestId = Long.toString(response.getRequestId());
        }
        if (response.hasError() && response.getError().getCode() != 0) {
            com.google.rpc.Status e = response.getError();
            return new Outcome(List.of(), GoogleErrors.forGrpc(Status.fromCodeValue(e.getCode())
                    .withDescription(e.getMessage()), new Metadata(), requestId));
        }
        List<StreamEvent> events = new ArrayList<>();
        double eventTime = offset + seconds(response.getSpeechEventTime());
        switch (response.getSpeechEventType()) {
            case SPEECH_ACTIVITY_BEGIN -> events.add(new StreamEvent.SpeechStarted(eventTime));
            case SPEECH_ACTIVITY_END, END_OF_SINGLE_UTTERANCE -> events.add(new StreamEvent.UtteranceEnd(lastWordEnd));
            default -> {
            }
        }
        for (StreamingRecognitionResult result : response.getResultsList()) {
            if (result.getAlternativesCount() == 0) {
                continue;
            }
            SpeechRecognitionAlternative best = result.getAlternatives(0);
            List<Word> words = words(best.getWordsList(), offset);
            String text = best.getTranscript().strip();
            double end = Math.max(lastFinalEnd, offset + seconds(result.getResultEndTime()));
            if (result.getIsFinal()) {
                double confidence = best.getConfidence() == 0 ? Double.NaN : best.getConfidence();
                events.add(new StreamEvent.Final(text, words, lastFinalEnd, end, confidence, true,
                        GoogleJson.languageTag(result.getLanguageCode())));
                lastFinalEnd = end;
                if (!words.isEmpty()) {
                    lastWordEnd = words.getLast().end();
                }
            } else if (interims && !text.isEmpty()) {
                events.add(new StreamEvent.Interim(text, words, lastFinalEnd, end, result.getStability()));
            }
        }
        return new Outcome(events, null);
    }

    @SuppressWarnings("deprecation") // speaker_tag: older models label speakers only there
    static List<Word> words(List<WordInfo> infos, double offset) {
        List<Word> out = new ArrayList<>(infos.size());
        for (WordInfo w : infos) {
            if (w.getWord().isEmpty()) {
                continue;
            }
            double start = offset + seconds(w.getStartTime());
            double end = Math.max(start, offset + seconds(w.getEndTime()));
            String speaker = !w.getSpeakerLabel().isEmpty() ? w.getSpeakerLabel()
                    : w.getSpeakerTag() > 0 ? Integer.toString(w.getSpeakerTag()) : null;
            out.add(new Word(RecognizeResponses.lexical(w.getWord()), w.getWord(), start, end,
                    w.getConfidence() == 0 ? Double.NaN : w.getConfidence(), speaker));
        }
        return out;
    }

    static double seconds(Duration d) {
        return d.getSeconds() + d.getNanos() / 1e9;
    }
}
