package io.debabelizer.spi.http;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code multipart/form-data} request body (RFC 7578) as a body publisher, for providers that upload files. The
 * file's bytes are published as they are, not copied into one big array (uploads reach hundreds of MB); the
 * publisher knows its length, so the request goes with a {@code Content-Length}, which API gateways expect.
 */
public final class MultipartBody {

    private final String boundary = "debabelizer-" + UUID.randomUUID();
    private final List<HttpRequest.BodyPublisher> parts = new ArrayList<>();

    /** The value of the request's {@code Content-Type} header. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public MultipartBody field(String name, String value) {
        text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(name) + "\"\r\n\r\n" + value
                + "\r\n");
        return this;
    }

    public MultipartBody file(String name, String filename, String contentType, byte[] content) {
        text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(name) + "\"; filename=\""
                + quote(filename) + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        parts.add(HttpRequest.BodyPublishers.ofByteArray(content));
        text("\r\n");
        return this;
    }

    /** The finished body, closing delimiter included. */
    public HttpRequest.BodyPublisher publisher() {
        List<HttpRequest.BodyPublisher> all = new ArrayList<>(parts);
        all.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        return HttpRequest.BodyPublishers.concat(all.toArray(HttpRequest.BodyPublisher[]::new));
    }

    private void text(String s) {
        parts.add(HttpRequest.BodyPublishers.ofString(s, StandardCharsets.UTF_8));
    }

    /** Quotes and line breaks would end the header value early; percent-encode them as browsers do. */
    private static String quote(String s) {
        return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
