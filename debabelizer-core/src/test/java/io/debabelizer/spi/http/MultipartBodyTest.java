package io.debabelizer.spi.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class MultipartBodyTest {

    @Test
    void partsAreDelimitedByTheBoundaryAndTheLengthIsKnown() throws Exception {
        MultipartBody body = new MultipartBody()
                .file("audio", "a \"b\".wav", "audio/wav", new byte[] {1, 2, 3})
                .field("definition", "{\"locales\":[\"en-US\"]}");
        String boundary = body.contentType().substring("multipart/form-data; boundary=".length());
        HttpRequest.BodyPublisher publisher = body.publisher();
        String text = new String(read(publisher), StandardCharsets.ISO_8859_1);

        assertThat(text).isEqualTo("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"audio\"; filename=\"a %22b%22.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n\u0001\u0002\u0003\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"definition\"\r\n\r\n"
                + "{\"locales\":[\"en-US\"]}\r\n--" + boundary + "--\r\n");
        assertThat(publisher.contentLength()).isEqualTo(text.length());
    }

    private static byte[] read(HttpRequest.BodyPublisher publisher) throws Exception {
        List<ByteBuffer> buffers = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                buffers.add(item);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get();
        int size = buffers.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer all = ByteBuffer.allocate(size);
        buffers.forEach(all::put);
        return all.array();
    }
}
