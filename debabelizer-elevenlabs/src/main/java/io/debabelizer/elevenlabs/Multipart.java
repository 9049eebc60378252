package io.debabelizer.elevenlabs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} body (RFC 7578) built in memory: text fields and one file. */
final class Multipart {

    private final String boundary = "debabelizer-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    Multipart field(String name, String value) {
        part("Content-Disposition: form-data; name=\"" + escape(name) + "\"\r\n",
                value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    Multipart file(String name, String filename, String contentType, byte[] content) {
        part("Content-Disposition: form-data; name=\"" + escape(name) + "\"; filename=\"" + escape(filename)
                + "\"\r\nContent-Type: " + contentType + "\r\n", content);
        return this;
    }

    /** The finished body, closing delimiter included. */
    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 64);
        out.writeBytes(body.toByteArray());
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private void part(String headers, byte[] content) {
        body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(new byte[] {'\r', '\n'});
    }

    /** A quote or line break would end the header value early: percent-encode them, as browsers do. */
    private static String escape(String s) {
        return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
