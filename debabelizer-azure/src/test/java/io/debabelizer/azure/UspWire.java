package io.debabelizer.azure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fake service's side of USP framing, written from {@code shared/protocols/azure.md} §4.2 independently of
 * {@link Usp}: strict reading of client messages (header lines, the 2-byte header length, {@code Path},
 * {@code X-RequestId} as 32 upper-case hex digits, {@code X-Timestamp} as ISO-8601 UTC with milliseconds) and
 * service messages in the shape the service sends ({@code Name:value} without a space).
 */
final class UspWire {

    static final Pattern REQUEST_ID = Pattern.compile("[0-9A-F]{32}");
    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    /** A protocol rule the client broke; the fake closes with {@code closeCode}. */
    static final class Violation extends Exception {
        final int closeCode;

        Violation(int closeCode, String message) {
            super(message);
            this.closeCode = closeCode;
        }
    }

    /** A client message: headers by lower-case name, and the body (text) or payload (binary). */
    record ClientMessage(Map<String, String> headers, String text, byte[] payload) {
        String path() {
            return headers.get("path");
        }

        String requestId() {
            return headers.get("x-requestid");
        }

        String contentType() {
            return headers.get("content-type");
        }
    }

    private UspWire() {
    }

    static ClientMessage readText(String message) throws Violation {
        int split = message.indexOf("\r\n\r\n");
        if (split < 0) {
            throw new Violation(1007, "text message without the empty line between headers and body");
        }
        Map<String, String> headers = headers(message.substring(0, split + 2));
        return new ClientMessage(headers, message.substring(split + 4), null);
    }

    static ClientMessage readBinary(byte[] message) throws Violation {
        if (message.length < 2) {
            throw new Violation(1007, "binary message shorter than its 2-byte header length");
        }
        int length = ByteBuffer.wrap(message).getShort() & 0xFFFF;
        if (length > 8192 || 2 + length > message.length) {
            throw new Violation(1007, "binary header length " + length + " does not fit the message");
        }
        byte[] head = Arrays.copyOfRange(message, 2, 2 + length);
        for (byte b : head) {
            if (b < 0) {
                throw new Violation(1007, "binary headers are not ASCII");
            }
        }
        String text = new String(head, StandardCharsets.US_ASCII);
        if (text.contains("\r\n\r\n")) {
            throw new Violation(1007, "binary headers contain an empty line");
        }
        return new ClientMessage(headers(text), null, Arrays.copyOfRange(message, 2 + length, message.length));
    }

    /** Header lines, each {@code Name: value\r\n}; Path, X-RequestId and X-Timestamp required and well formed. */
    private static Map<String, String> headers(String block) throws Violation {
        if (!block.endsWith("\r\n")) {
            throw new Violation(1007, "header block does not end with CRLF");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : block.substring(0, block.length() - 2).split("\r\n", -1)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new Violation(1007, "header line without a name: '" + line + "'");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        if (!headers.containsKey("path")) {
            throw new Violation(1002, "message without Path");
        }
        String id = headers.get("x-requestid");
        if (id == null || !REQUEST_ID.matcher(id).matches()) {
            throw new Violation(1002, "X-RequestId missing or not 32 upper-case hex digits: " + id);
        }
        String ts = headers.get("x-timestamp");
        if (ts == null || !TIMESTAMP.matcher(ts).matches()) {
            throw new Violation(1002, "X-Timestamp missing or not ISO-8601 with milliseconds: " + ts);
        }
        return headers;
    }

    /** A service text message as the service frames it. */
    static String serviceText(String path, String requestId, String body) {
        return "X-RequestId:" + requestId + "\r\nPath:" + path + "\r\nContent-Type:application/json; charset=utf-8"
                + "\r\n\r\n" + (body == null ? "" : body);
    }
}
