package io.debabelizer.testkit.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A strict parser of {@code multipart/form-data} bodies for fakes (RFC 7578 framing with CRLF). */
public final class MultipartForm {

    public record Part(String name, String filename, String contentType, byte[] content) {
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

    private MultipartForm() {
    }

    /** The parts, or an exception saying what is wrong with the framing. */
    public static List<Part> parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new IllegalArgumentException("Content-Type must be multipart/form-data, got " + contentType);
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw new IllegalArgumentException("multipart Content-Type without a boundary");
        }
        byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.US_ASCII);
        int pos = indexOf(body, delimiter, 0);
        if (pos != 0) {
            throw new IllegalArgumentException("body does not start with the boundary");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            int after = pos + delimiter.length;
            if (startsWith(body, after, "--")) {
                return parts; // closing delimiter
            }
            if (!startsWith(body, after, "\r\n")) {
                throw new IllegalArgumentException("boundary not followed by CRLF");
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), after + 2);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("part headers not terminated");
            }
            String headers = new String(body, after + 2, headersEnd - after - 2, StandardCharsets.UTF_8);
            int next = indexOf(body, ("\r\n--" + m.group(1)).getBytes(StandardCharsets.US_ASCII), headersEnd + 4);
            if (next < 0) {
                throw new IllegalArgumentException("part not terminated by a boundary");
            }
            byte[] content = Arrays.copyOfRange(body, headersEnd + 4, next);
            parts.add(new Part(header(NAME, headers).orElseThrow(
                    () -> new IllegalArgumentException("part without a name")), header(FILENAME, headers).orElse(null),
                    contentTypeOf(headers), content));
            pos = next + 2;
        }
    }

    private static String contentTypeOf(String headers) {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                return line.substring("content-type:".length()).strip();
            }
        }
        return null;
    }

    private static Optional<String> header(Pattern p, String headers) {
        Matcher m = p.matcher(headers);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static boolean startsWith(byte[] body, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return at + b.length <= body.length && Arrays.equals(body, at, at + b.length, b, 0, b.length);
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
