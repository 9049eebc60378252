package io.debabelizer.testkit;

import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading a live stream's events in tests. */
public final class StreamEvents {

    private StreamEvents() {
    }

    /**
     * The stream's events up to and including {@code Closed}; an {@link AssertionError} listing the events so far
     * when none comes within {@code wait}, so a stuck stream fails the test instead of hanging it.
     */
    public static List<StreamEvent> untilClosed(SpeechStream stream, Duration wait) throws InterruptedException {
        List<StreamEvent> events = new ArrayList<>();
        while (true) {
            Optional<StreamEvent> e = stream.pollEvent(wait);
            if (e.isEmpty()) {
                throw new AssertionError("stream did not close within " + wait + "; events so far: " + events);
            }
            events.add(e.get());
            if (e.get() instanceof StreamEvent.Closed) {
                return events;
            }
        }
    }
}
