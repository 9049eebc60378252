package io.debabelizer.local.stt;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.Word;
import java.util.List;

/** Sends audio through a live stream and checks the event grammar: segments, order and monotone times. */
public final class StreamChecks {

    private StreamChecks() {
    }

    public static List<StreamEvent> sendAndCollect(SpeechStream stream, byte[] pcm, int chunkBytes) {
        for (int i = 0; i < pcm.length; i += chunkBytes) {
            stream.send(pcm, i, Math.min(chunkBytes, pcm.length - i));
        }
        stream.endInput();
        return stream.events().toList();
    }

    public static void assertOrderAndTimes(List<StreamEvent> events) {
        assertThat(events.getLast()).isInstanceOf(StreamEvent.Closed.class);
        assertThat(((StreamEvent.Closed) events.getLast()).reason()).isEqualTo(StreamEvent.CloseReason.COMPLETED);
        boolean inSegment = false;
        double lastTime = 0;
        for (StreamEvent e : events) {
            switch (e) {
                case StreamEvent.SpeechStarted s -> {
                    assertThat(inSegment).as("SpeechStarted inside a segment").isFalse();
                    assertThat(s.at()).isGreaterThanOrEqualTo(lastTime);
                    inSegment = true;
                    lastTime = s.at();
                }
                case StreamEvent.Interim i -> {
                    assertThat(inSegment).as("Interim outside a segment").isTrue();
                    assertThat(i.start()).isGreaterThanOrEqualTo(lastTime - 1e-9);
                    assertThat(i.end()).isGreaterThan(i.start());
                    assertWordsWithin(i.words(), i.start(), i.end());
                }
                case StreamEvent.Final f -> {
                    assertThat(inSegment).as("Final outside a segment").isTrue();
                    assertThat(f.start()).isGreaterThanOrEqualTo(lastTime - 1e-9);
                    assertThat(f.end()).isGreaterThanOrEqualTo(f.start());
                    assertWordsWithin(f.words(), f.start(), f.end());
                    lastTime = f.end();
                    inSegment = false;
                }
                case StreamEvent.UtteranceEnd u -> assertThat(inSegment).isFalse();
                case StreamEvent.Error err -> throw new AssertionError("unexpected error", err.error());
                case StreamEvent.Closed c -> assertThat(inSegment).isFalse();
            }
        }
    }

    private static void assertWordsWithin(List<Word> words, double start, double end) {
        double previous = start;
        for (Word w : words) {
            assertThat(w.start()).isGreaterThanOrEqualTo(previous - 1e-9);
            assertThat(w.end()).isLessThanOrEqualTo(end + 1e-9);
            previous = w.start();
        }
    }
}
