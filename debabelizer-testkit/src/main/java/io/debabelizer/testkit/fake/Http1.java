package io.debabelizer.testkit.fake;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The bits of HTTP/1.1 both fake servers need: reading a request, writing a response head and chunks. */
final class Http1 {

    static final int MAX_LINE = 16 * 1024;
    static final int MAX_BODY = 64 * 1024 * 1024;

    private Http1() {
    }

    /** Request line and headers. {@code target} is the raw request target (path and query). */
    record Head(String method, String target, String version, Map<String, List<String>> headers) {

        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        String rawQuery() {
            int q = target.indexOf('?');
            return q < 0 ? "" : target.substring(q + 1);
        }

        String first(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.getFirst();
        }

        boolean headerHasToken(String name, String token) {
            List<String> v = headers.get(name);
            if (v == null) {
                return false;
            }
            for (String value : v) {
                for (String part : value.split(",")) {
                    if (part.trim().equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
            return false;
        }

        RecordedRequest toRecorded(byte[] body) {
            return new RecordedRequest(method, path(), RecordedRequest.parseQuery(rawQuery()), headers, body);
        }
    }

    /** Reads the next request head; null when the peer closed the connection between requests. */
    static Head readHead(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return null;
        }
        while (requestLine.isEmpty()) { // tolerate stray CRLF between requests (RFC 9112 2.2)
            requestLine = readLine(in);
            if (requestLine == null) {
                return null;
            }
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new IOException("malformed request line: " + requestLine);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        while (true) {
            String line = readLine(in);
            if (line == null) {
                throw new EOFException("connection closed inside request headers");
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + line);
            }
            headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        return new Head(parts[0], parts[1], parts[2], headers);
    }

    /** Reads the body the head announces (Content-Length or chunked); empty when it announces none. */
    static byte[] readBody(InputStream in, Head head) throws IOException {
        if (head.headerHasToken("Transfer-Encoding", "chunked")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in);
                if (sizeLine == null) {
                    throw new EOFException("connection closed inside chunked body");
                }
                int semi = sizeLine.indexOf(';');
                int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                if (size == 0) {
                    while (true) { // trailers
                        String t = readLine(in);
                        if (t == null || t.isEmpty()) {
                            return out.toByteArray();
                        }
                    }
                }
                if (out.size() + size > MAX_BODY) {
                    throw new IOException("request body larger than " + MAX_BODY);
                }
                out.write(in.readNBytes(size));
                readLine(in);
            }
        }
        String length = head.first("Content-Length");
        if (length == null) {
            return new byte[0];
        }
        long n = Long.parseLong(length.trim());
        if (n < 0 || n > MAX_BODY) {
            throw new IOException("bad Content-Length " + n);
        }
        byte[] body = in.readNBytes((int) n);
        if (body.length != n) {
            throw new EOFException("connection closed after " + body.length + " of " + n + " body bytes");
        }
        return body;
    }

    /** Reads a CRLF- (or LF-) terminated ISO-8859-1 line; null at end of stream before any byte. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    static void writeHead(OutputStream out, int status, Map<String, List<String>> headers) throws IOException {
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\n");
        headers.forEach((name, values) -> values.forEach(v -> sb.append(name).append(": ").append(v).append("\r\n")));
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    static void writeChunk(OutputStream out, byte[] data, int off, int len) throws IOException {
        if (len == 0) {
            return; // a zero-length chunk would end the body
        }
        out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(data, off, len);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    static void writeLastChunk(OutputStream out) throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 426 -> "Upgrade Required";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status";
        };
    }
}
