package io.debabelizer.spi.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BaseSpeechStreamReplayTest {

    /** A transport that accepts the first chunk and then never completes a send (a stalled connection). */
    static final class StalledStream extends BaseSpeechStream {
        private int sends;

        StalledStream() {
            super("stalled", StreamRequest.builder(AudioFormat.pcm16(16000, 1)).build());
            start();
        }

        @Override
        protected synchronized CompletionStage<?> transmitAudio(byte[] chunk) {
            return sends++ == 0 ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        }

        @Override
        protected CompletionStage<?> transmitFinalize() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        protected CompletionStage<?> transmitEndOfInput() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        protected void abort() {
        }

        void failNow() {
            fail(new ProviderUnavailableException("connection dropped", "stalled", null, null));
        }
    }

    @Test
    void audioStillQueuedWhenTheStreamFailsStaysReplayable() throws Exception {
        StalledStream stream = new StalledStream();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            byte[] chunk = new byte[640];
            java.util.Arrays.fill(chunk, (byte) i);
            stream.send(chunk);
            sent.writeBytes(chunk);
        }
        stream.failNow();

        assertThat(stream.unfinalizedAudioStart()).isZero();
        assertThat(stream.unfinalizedAudio()).isEqualTo(sent.toByteArray());
        assertThat(stream.audioSecondsSent()).as("only what the transport accepted counts as sent")
                .isLessThan(sent.size() / 32000.0);
    }

    @Test
    void completionIsDoneWhenClosedIsTaken() throws Exception {
        StalledStream stream = new StalledStream();
        stream.failNow();
        StreamEvent e;
        do {
            e = stream.nextEvent();
        } while (!(e instanceof StreamEvent.Closed));
        assertThat(stream.completion()).isCompletedWithValue((StreamEvent.Closed) e);
    }
}
