package io.debabelizer.spi.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamEvent.CloseReason;
import io.debabelizer.stt.StreamRequest;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketSpeechStreamTest {

    private final RecordingSocket socket = new RecordingSocket();
    private final TextStream stream = new TextStream();
    private final WebSocket.Listener listener = stream.listener();

    @AfterEach
    void cancel() {
        stream.cancel();
    }

    @Test
    void reassemblesFragmentsAndReadsOnlyAfterTheHandlerIsDone() {
        listener.onOpen(socket);
        assertThat(stream.socket()).isSameAs(socket);
        assertThat(socket.requests.get()).isEqualTo(1);

        listener.onText(socket, "{\"a\":", false);
        assertThat(socket.requests.get()).isEqualTo(2); // a fragment: keep reading
        assertThat(stream.messages).isEmpty();

        listener.onText(socket, "1}", true);
        assertThat(stream.messages).containsExactly("{\"a\":1}");
        assertThat(socket.requests.get()).isEqualTo(2); // the handler has not finished: backpressure

        stream.handled.complete(null);
        assertThat(socket.requests.get()).isEqualTo(3);

        stream.handled = new CompletableFuture<>();
        listener.onText(socket, "next", true);
        assertThat(stream.messages).containsExactly("{\"a\":1}", "next"); // the buffer was reset
        stream.handled.completeExceptionally(new IllegalStateException("handler failed"));
        assertThat(socket.requests.get()).isEqualTo(4); // reading goes on either way
    }

    @Test
    void sendsAudioAsBinaryFramesAndControlAsText() {
        listener.onOpen(socket);
        stream.begin();
        stream.send(new byte[] {1, 2, 3, 4});
        stream.finalizeUtterance();
        await().atMost(Duration.ofSeconds(30)).until(() -> socket.sent.size() == 2);
        assertThat(socket.sent.get(0)).isEqualTo(new byte[] {1, 2, 3, 4});
        assertThat(socket.sent.get(1)).isEqualTo("finalize");
    }

    @Test
    void closeGoesToTheProvider() {
        listener.onOpen(socket);
        listener.onClose(socket, 1000, "bye");
        assertThat(stream.closes).containsExactly("1000 bye");
        assertThat(stream.completion()).isCompletedWithValueMatching(c -> c.reason() == CloseReason.COMPLETED);
        assertThat(socket.aborts.get()).isZero();
    }

    @Test
    void binaryMessageFailsTheStreamAndAbortsTheSocket() {
        listener.onOpen(socket);
        listener.onBinary(socket, ByteBuffer.wrap(new byte[] {1}), true);
        assertThat(stream.completion()).isCompletedWithValueMatching(c -> c.reason() == CloseReason.FAILED);
        assertThat(firstError()).isInstanceOf(ProtocolException.class);
        assertThat(socket.aborts.get()).isEqualTo(1);
    }

    @Test
    void transportErrorFailsTheStreamOnce() {
        listener.onOpen(socket);
        listener.onError(socket, new IOException("connection reset"));
        listener.onError(socket, new IOException("again"));
        assertThat(firstError()).isInstanceOf(ProviderUnavailableException.class);
        assertThat(socket.aborts.get()).isEqualTo(1);
    }

    @Test
    void abortBeforeOpenIsHarmless() {
        stream.cancel();
        assertThat(stream.completion()).isCompletedWithValueMatching(c -> c.reason() == CloseReason.CANCELLED);
        assertThat(socket.aborts.get()).isZero();
    }

    private Throwable firstError() {
        try {
            StreamEvent e = stream.nextEvent();
            assertThat(e).isInstanceOf(StreamEvent.Error.class);
            return ((StreamEvent.Error) e).error();
        } catch (InterruptedException ex) {
            throw new AssertionError(ex);
        }
    }

    /** A provider that records what the base hands it; its handler completes when the test says so. */
    private static final class TextStream extends WebSocketSpeechStream {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<String> closes = new CopyOnWriteArrayList<>();
        volatile CompletableFuture<Void> handled = new CompletableFuture<>();

        TextStream() {
            super("fake", StreamRequest.builder(AudioFormat.pcm16(16_000, 1)).build());
        }

        void begin() {
            start();
        }

        @Override
        protected CompletionStage<?> onMessage(String text) {
            messages.add(text);
            return handled;
        }

        @Override
        protected void onClose(int statusCode, String reason) {
            closes.add(statusCode + " " + reason);
            complete();
        }

        @Override
        protected CompletionStage<?> transmitFinalize() {
            return sendText("finalize");
        }

        @Override
        protected CompletionStage<?> transmitEndOfInput() {
            return sendText("end");
        }
    }

    /** Records requests, sends and aborts; every send completes at once. */
    private static final class RecordingSocket implements WebSocket {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger aborts = new AtomicInteger();
        final List<Object> sent = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            sent.add(data.toString());
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            sent.add(bytes);
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public void request(long n) {
            requests.addAndGet((int) n);
        }

        @Override
        public String getSubprotocol() {
            return "";
        }

        @Override
        public boolean isOutputClosed() {
            return false;
        }

        @Override
        public boolean isInputClosed() {
            return false;
        }

        @Override
        public void abort() {
            aborts.incrementAndGet();
        }
    }
}
