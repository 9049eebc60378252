package io.debabelizer.soniox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} body (RFC 7578) built in memory: text fields and file parts. */
final class Multipart {

    private final String boundary = "debabelizer-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** The value of the request's {@code Content-Type} header. */
    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    Multipart field(String name, String value) {
        head("Content-Disposition: form-data; name=\"" + quote(name) + "\"\r\n");
        body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(crlf());
        return this;
    }

    Multipart file(String name, String filename, String contentType, byte[] content) {
        head("Content-Disposition: form-data; name=\"" + quote(name) + "\"; filename=\"" + quote(filename) + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n");
        body.writeBytes(content);
        body.writeBytes(crlf());
        return this;
    }

    /** The finished body (closing delimiter added). */
    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + boundary.length() + 8);
        out.writeBytes(body.toByteArray());
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private void head(String headers) {
        body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] crlf() {
        return new byte[] {'\r', '\n'};
    }

    /** Quotes and line breaks would end the header value early; percent-encode them as browsers do. */
    private static String quote(String s) {
        return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
