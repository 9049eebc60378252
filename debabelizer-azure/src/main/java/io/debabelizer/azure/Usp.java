package io.debabelizer.azure;

import io.debabelizer.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The framing of the Speech service WebSocket protocol ("USP"), as the Speech SDK writes it. A text message is
 * {@code Name: value} header lines, an empty line, and the body; a binary message is a 2-byte big-endian header
 * length, that many bytes of ASCII header lines, then the payload. Client messages carry {@code Path},
 * {@code X-RequestId} (32 upper-case hex digits) and {@code X-Timestamp} (ISO-8601 UTC with milliseconds).
 */
final class Usp {

    static final String PATH = "Path";
    static final String REQUEST_ID = "X-RequestId";
    static final String TIMESTAMP = "X-Timestamp";
    static final String CONTENT_TYPE = "Content-Type";
    static final int MAX_HEADER_BYTES = 8192;
    private static final String CRLF = "\r\n";
    private static final DateTimeFormatter TIMESTAMP_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Usp() {
    }

    /** A fresh request or connection id: a UUID as 32 upper-case hex digits, no dashes. */
    static String newId() {
        return UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    }

    static String timestamp(Instant at) {
        return TIMESTAMP_FORMAT.format(at);
    }

    /** A client text message; {@code contentType} may be null. */
    static String text(String path, String requestId, Instant at, String contentType, String body) {
        return headers(path, requestId, at, contentType) + CRLF + body;
    }

    /** A client binary message with {@code length} payload bytes of {@code payload} from {@code offset}. */
    static ByteBuffer binary(String path, String requestId, Instant at, String contentType, byte[] payload,
                             int offset, int length) {
        byte[] headers = headers(path, requestId, at, contentType).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(2 + headers.length + length);
        b.putShort((short) headers.length).put(headers).put(payload, offset, length);
        return b.flip();
    }

    private static String headers(String path, String requestId, Instant at, String contentType) {
        StringBuilder sb = new StringBuilder()
                .append(PATH).append(": ").append(path).append(CRLF)
                .append(REQUEST_ID).append(": ").append(requestId).append(CRLF)
                .append(TIMESTAMP).append(": ").append(timestamp(at)).append(CRLF);
        if (contentType != null) {
            sb.append(CONTENT_TYPE).append(": ").append(contentType).append(CRLF);
        }
        return sb.toString();
    }

    /**
     * A message from the service: its headers (names lower-cased, as the SDK reads them) and body.
     *
     * @param headers header values by lower-case name
     * @param body    the body text, empty when there is none
     */
    record Message(Map<String, String> headers, String body) {

        String path() {
            return headers.get("path");
        }

        String requestId() {
            return headers.get("x-requestid");
        }

        /** Splits a text message at its first empty line; a message without headers or {@code Path} is invalid. */
        static Message parse(String text, String connectionId) {
            int split = text.indexOf(CRLF + CRLF);
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : head.split(CRLF)) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw invalid("a header line without a name: " + abbreviate(line), connectionId);
                }
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
            if (!headers.containsKey("path")) {
                throw invalid("a message without a Path header: " + abbreviate(text), connectionId);
            }
            return new Message(Map.copyOf(headers), body);
        }

        private static ProtocolException invalid(String what, String connectionId) {
            return new ProtocolException("the service sent " + what, AzureSettings.PROVIDER, connectionId, null);
        }

        private static String abbreviate(String s) {
            return s.length() <= 120 ? s : s.substring(0, 120) + "...";
        }
    }
}
