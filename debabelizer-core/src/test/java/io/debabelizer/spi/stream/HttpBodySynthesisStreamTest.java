package io.debabelizer.spi.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.tts.AudioChunk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpBodySynthesisStreamTest {

    private static final AudioFormat PCM = AudioFormat.pcm16(24000, 1);
    private static final byte[] END = new byte[0];

    /** A response body fed by the test: each offered array is one read's worth; {@link #END} ends it. */
    private static final class ScriptedBody extends InputStream {
        final LinkedBlockingQueue<Object> parts = new LinkedBlockingQueue<>();
        volatile boolean closed;

        ScriptedBody offer(Object part) {
            parts.add(part);
            return this;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Object part;
            try {
                part = parts.poll(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            if (closed) {
                throw new IOException("closed");
            }
            if (part instanceof IOException e) {
                throw e;
            }
            byte[] bytes = (byte[]) part;
            if (part == null || bytes == END) {
                return -1;
            }
            System.arraycopy(bytes, 0, b, off, bytes.length);
            return bytes.length;
        }

        @Override
        public void close() {
            closed = true;
            parts.add(END);
        }
    }

    private static byte[] drain(HttpBodySynthesisStream s) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioChunk c;
        do {
            c = s.nextChunk();
            out.writeBytes(c.data());
        } while (!c.last());
        return out.toByteArray();
    }

    @Test
    void theFirstAudioIsBufferedBeforeStartReturns() throws Exception {
        ScriptedBody body = new ScriptedBody().offer(new byte[] {1, 2, 3});
        HttpBodySynthesisStream s = HttpBodySynthesisStream.builder("test", PCM, body).start();

        assertThat(s.timeToFirstAudio()).isPresent();
        assertThat(s.nextChunk().data()).containsExactly(1, 2, 3);
        body.offer(new byte[] {4}).offer(END);
        assertThat(drain(s)).containsExactly(4);
        assertThat(s.completion()).isCompleted();
        await().until(() -> body.closed);
    }

    @Test
    void aPrefixGoesInFrontOfTheFirstAudioOnly() throws Exception {
        ScriptedBody body = new ScriptedBody().offer(new byte[] {1}).offer(new byte[] {2}).offer(END);
        HttpBodySynthesisStream s = HttpBodySynthesisStream.builder("test", PCM, body)
                .prefix(new byte[] {9, 9}).requestId("req-1").start();

        assertThat(drain(s)).containsExactly(9, 9, 1, 2);
        assertThat(s.requestId()).contains("req-1");
        assertThat(s.provider()).isEqualTo("test");
    }

    @Test
    void anEmptyBodyCompletesWithoutAudio() throws Exception {
        ScriptedBody body = new ScriptedBody().offer(END);
        HttpBodySynthesisStream s = HttpBodySynthesisStream.builder("test", PCM, body).start();

        assertThat(drain(s)).isEmpty();
        assertThat(s.timeToFirstAudio()).isEmpty();
    }

    @Test
    void aBodyThatStopsFailsWithATimeoutAfterTheAudioAlreadyRead() throws Exception {
        ScriptedBody body = new ScriptedBody().offer(new byte[] {1});
        HttpBodySynthesisStream s = HttpBodySynthesisStream.builder("test", PCM, body)
                .stallTimeout(Duration.ofMillis(200)).requestId("req-2").start();

        assertThat(s.nextChunk().data()).containsExactly(1);
        assertThatThrownBy(s::nextChunk).isInstanceOf(ProviderTimeoutException.class)
                .hasMessageContaining("no audio from test")
                .satisfies(e -> assertThat(((ProviderTimeoutException) e).requestId()).contains("req-2"));
        await().until(() -> body.closed);
    }

    @Test
    void anApplicationThatTakesItsTimeDoesNotTripTheStallTimeout() throws Exception {
        ScriptedBody body = new ScriptedBody().offer(new byte[] {1});
        HttpBodySynthesisStream s = HttpBodySynthesisStream.builder("test", PCM, body)
                .stallTimeout(Duration.ofMillis(100)).start();

        assertThat(s.nextChunk().data()).containsExactly(1);
        Thread.sleep(400); // the application is busy; the server is not late
        body.offer(new byte[] {2}).offer(END);
        assertThat(drain(s)).containsExactly(2);
        assertThat(s.completion()).isCompleted();
    }

    @Test
    void aBodyThatNeverStartsFailsTheStreamInsteadOfBlockingForever() throws Exception {
        ScriptedBody body = new ScriptedBody();
        HttpBodySynthesisStream s = HttpBodySynthesisStream.builder("test", PCM, body)
                .stallTimeout(Duration.ofMillis(200)).start();

        assertThatThrownBy(s::nextChunk).isInstanceOf(ProviderTimeoutException.class);
    }

    @Test
    void aBrokenConnectionIsRetryableAndComesAfterTheAudio() throws Exception {
        ScriptedBody body = new ScriptedBody().offer(new byte[] {1}).offer(new IOException("connection reset"));
        HttpBodySynthesisStream s = HttpBodySynthesisStream.builder("test", PCM, body).start();

        assertThat(s.nextChunk().data()).containsExactly(1);
        assertThatThrownBy(s::nextChunk).isInstanceOf(ProviderUnavailableException.class);
        assertThat(s.completion()).isCompletedExceptionally();
    }

    @Test
    void theStreamIsTrackedWhileOpenAndCancelClosesTheBody() throws Exception {
        Set<Object> open = ConcurrentHashMap.newKeySet();
        ScriptedBody body = new ScriptedBody().offer(new byte[] {1});
        HttpBodySynthesisStream s = HttpBodySynthesisStream.builder("test", PCM, body).trackIn(open).start();
        assertThat(open).containsExactly(s);

        s.cancel();

        assertThat(open).isEmpty();
        await().until(() -> body.closed);
    }

    @Test
    void anEndedStreamIsNotLeftInTheOpenSet() {
        Set<Object> open = ConcurrentHashMap.newKeySet();
        HttpBodySynthesisStream.builder("test", PCM, new ScriptedBody().offer(END)).trackIn(open).start();

        assertThat(open).isEmpty();
    }
}
