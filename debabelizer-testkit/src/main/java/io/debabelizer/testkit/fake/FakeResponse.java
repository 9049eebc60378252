package io.debabelizer.testkit.fake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link FakeHttpServer} answers: a complete response, a body streamed over time (chunked; for streaming TTS
 * and server-sent events), or a fault (dropped connection, truncated body, no answer at all). Immutable: the
 * {@code with...} methods return copies.
 */
public final class FakeResponse {

    /** How the response is put on the wire. */
    enum Kind {
        /** Head and the whole body with a Content-Length. */
        COMPLETE,
        /** Head, then a chunked body produced by a {@link BodyWriter}. */
        STREAMED,
        /** Head announcing the whole body, part of it, then an orderly close (FIN). */
        TRUNCATED,
        /** Head announcing the whole body, part of it, then a TCP reset. */
        DROP_MID_BODY,
        /** A TCP reset before any byte of the response. */
        DROP,
        /** Nothing, until the client gives up or the server closes. */
        HANG
    }

    /** Produces a streamed body; runs on the connection's thread and may take as long as it likes. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(ResponseBody body) throws Exception;
    }

    /** The sink a {@link BodyWriter} writes to. Every write is sent (and flushed) as one chunk at once. */
    public interface ResponseBody {
        void write(byte[] data) throws java.io.IOException;

        void write(String text) throws java.io.IOException;

        /** Writes one server-sent event ({@code event:} line omitted when {@code event} is null). */
        void event(String event, String data) throws java.io.IOException;

        /** Waits, returning early when the server closes. */
        void pause(Duration duration) throws InterruptedException;

        /** Resets the connection now, leaving the body unfinished (a server crash mid-stream). */
        void drop();
    }

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Duration delay;
    private final Kind kind;
    private final BodyWriter writer;
    private final int bytesBeforeFault;

    private FakeResponse(int status, Map<String, List<String>> headers, byte[] body, Duration delay, Kind kind,
                         BodyWriter writer, int bytesBeforeFault) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.delay = delay;
        this.kind = kind;
        this.writer = writer;
        this.bytesBeforeFault = bytesBeforeFault;
    }

    private static FakeResponse complete(int status, String contentType, byte[] body) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        if (contentType != null) {
            h.put("Content-Type", List.of(contentType));
        }
        return new FakeResponse(status, Collections.unmodifiableMap(h), body, Duration.ZERO, Kind.COMPLETE, null, 0);
    }

    // ---- ordinary responses ---------------------------------------------------------------------------------

    /** A status with an empty body. */
    public static FakeResponse status(int status) {
        return complete(status, null, new byte[0]);
    }

    public static FakeResponse json(int status, String json) {
        return complete(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Serialises {@code value} with {@link Json}. */
    public static FakeResponse json(int status, Object value) {
        return json(status, Json.write(value));
    }

    public static FakeResponse text(int status, String text) {
        return complete(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static FakeResponse bytes(int status, String contentType, byte[] body) {
        return complete(status, contentType, body.clone());
    }

    /** A chunked body written over time by {@code writer} (streaming synthesis, long polls). */
    public static FakeResponse streamed(int status, String contentType, BodyWriter writer) {
        Objects.requireNonNull(writer, "writer");
        return new FakeResponse(status, Map.of("Content-Type", List.of(contentType)), new byte[0], Duration.ZERO,
                Kind.STREAMED, writer, 0);
    }

    /** A {@code text/event-stream} body: {@code writer} calls {@link ResponseBody#event} as events happen. */
    public static FakeResponse eventStream(BodyWriter writer) {
        return streamed(200, "text/event-stream", writer).withHeader("Cache-Control", "no-cache");
    }

    // ---- faults ---------------------------------------------------------------------------------------------

    /** 401 with a JSON error body, as most providers send for a bad key. */
    public static FakeResponse unauthorized() {
        return json(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"Invalid credentials.\"}}");
    }

    /** 402: the account cannot pay (Deepgram, ElevenLabs quota). */
    public static FakeResponse paymentRequired() {
        return json(402, "{\"error\":{\"code\":\"payment_required\",\"message\":\"Insufficient credits.\"}}");
    }

    /** 429 with {@code Retry-After} in whole seconds (rounded up). */
    public static FakeResponse rateLimited(Duration retryAfter) {
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        return json(429, "{\"error\":{\"code\":\"rate_limited\",\"message\":\"Too many requests.\"}}")
                .withHeader("Retry-After", Long.toString(seconds));
    }

    public static FakeResponse serverError() {
        return serverError(500);
    }

    public static FakeResponse serverError(int status) {
        return json(status, "{\"error\":{\"code\":\"internal\",\"message\":\"Something went wrong.\"}}");
    }

    /** 200 with a JSON content type and a body that is not valid JSON. */
    public static FakeResponse malformedJson() {
        return json(200, "{\"results\": [{\"text\": \"unterminated");
    }

    /** Announces all of {@code body} but sends only {@code sentBytes} of it, then closes the connection cleanly. */
    public static FakeResponse truncatedBody(int status, String contentType, byte[] body, int sentBytes) {
        return withKind(bytes(status, contentType, body), Kind.TRUNCATED, sentBytes);
    }

    /** Announces all of {@code body}, sends {@code sentBytes} of it, then resets the connection. */
    public static FakeResponse dropMidBody(int status, String contentType, byte[] body, int sentBytes) {
        return withKind(bytes(status, contentType, body), Kind.DROP_MID_BODY, sentBytes);
    }

    /** Resets the connection without answering. */
    public static FakeResponse dropConnection() {
        return withKind(status(500), Kind.DROP, 0);
    }

    /** Never answers; the connection stays open until the client gives up or the server closes. */
    public static FakeResponse hang() {
        return withKind(status(500), Kind.HANG, 0);
    }

    private static FakeResponse withKind(FakeResponse r, Kind kind, int bytesBeforeFault) {
        if (bytesBeforeFault < 0 || bytesBeforeFault > r.body.length) {
            throw new IllegalArgumentException("bytes before the fault must be within the body");
        }
        return new FakeResponse(r.status, r.headers, r.body, r.delay, kind, r.writer, bytesBeforeFault);
    }

    // ---- modifiers ------------------------------------------------------------------------------------------

    /** Adds a header (repeat to send several values). */
    public FakeResponse withHeader(String name, String value) {
        Map<String, List<String>> h = new LinkedHashMap<>(headers);
        List<String> values = new ArrayList<>(h.getOrDefault(name, List.of()));
        values.add(value);
        h.put(name, List.copyOf(values));
        return new FakeResponse(status, Collections.unmodifiableMap(h), body, delay, kind, writer, bytesBeforeFault);
    }

    /** Waits {@code delay} before sending anything (a slow server). */
    public FakeResponse withDelay(Duration delay) {
        return new FakeResponse(status, headers, body, Objects.requireNonNull(delay), kind, writer, bytesBeforeFault);
    }

    public int statusCode() {
        return status;
    }

    Map<String, List<String>> headers() {
        return headers;
    }

    byte[] body() {
        return body;
    }

    Duration delay() {
        return delay;
    }

    Kind kind() {
        return kind;
    }

    BodyWriter writer() {
        return writer;
    }

    int bytesBeforeFault() {
        return bytesBeforeFault;
    }

    @Override
    public String toString() {
        return "FakeResponse[" + kind + " " + status + ", " + body.length + " bytes]";
    }
}
