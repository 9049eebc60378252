package io.debabelizer.stt;

import io.debabelizer.DebabelizerException;
import java.util.List;
import java.util.Objects;

/**
 * What a live transcription stream tells the application. Times are seconds from the start of the stream (the first
 * audio byte sent), whatever provider produced them and however often it reconnected.
 *
 * <p>Order guarantees: events arrive in the order the provider produced them; an {@link Interim} for a span comes
 * before the {@link Final} that replaces it; {@link Closed} is always the last event, exactly once, and an
 * {@link Error} that ends the stream comes right before it.
 */
public sealed interface StreamEvent {

    /** A hypothesis for the audio since the last final result; later interims and the final replace it. */
    record Interim(String text, List<Word> words, double start, double end, double stability) implements StreamEvent {
        public Interim {
            Objects.requireNonNull(text, "text");
            words = List.copyOf(words);
        }
    }

    /**
     * Settled text for a span of audio; it never changes again. {@code text} equals the punctuated words joined with
     * spaces when words are present.
     *
     * @param speechFinal whether the provider judged the speaker's utterance complete (endpoint detected)
     * @param language    BCP-47 language of this span when the provider reports it, else {@code null}
     */
    record Final(String text, List<Word> words, double start, double end, double confidence, boolean speechFinal,
                 String language) implements StreamEvent {
        public Final {
            Objects.requireNonNull(text, "text");
            words = List.copyOf(words);
        }
    }

    /** The provider detected the start of speech at {@code at} seconds. */
    record SpeechStarted(double at) implements StreamEvent {
    }

    /** The provider judged the utterance over; {@code lastWordEnd} is the end of its last word (or -1). */
    record UtteranceEnd(double lastWordEnd) implements StreamEvent {
    }

    /** A failure; {@code fatal} ones are followed by {@link Closed}. */
    record Error(DebabelizerException error, boolean fatal) implements StreamEvent {
        public Error {
            Objects.requireNonNull(error, "error");
        }
    }

    /** The stream is over: nothing else will arrive. */
    record Closed(CloseReason reason, double audioSeconds) implements StreamEvent {
        public Closed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a stream ended. */
    enum CloseReason {
        /** Input ended and every result for it was delivered. */
        COMPLETED,
        /** The application cancelled; results in flight were discarded. */
        CANCELLED,
        /** The session manager closed it after no audio arrived for the idle timeout. */
        IDLE_TIMEOUT,
        /** The processor shut down. */
        SHUTDOWN,
        /** A fatal error (see the preceding {@link Error} event). */
        FAILED
    }
}
