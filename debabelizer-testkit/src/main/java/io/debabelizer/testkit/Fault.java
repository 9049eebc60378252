package io.debabelizer.testkit;

import java.time.Duration;

/**
 * A failure the compatibility kit asks a provider fake to produce, without knowing the provider's protocol. Each
 * fault applies once: to the next request (batch, synthesis, voices) or the next live stream, whichever comes first.
 *
 * <p>What a fake does for each, and what the kit expects of the provider:
 * <table>
 * <caption>Faults</caption>
 * <tr><th>fault</th><th>HTTP request</th><th>live stream</th><th>expected</th></tr>
 * <tr><td>{@link Unauthorized}</td><td>401 with the provider's error body</td><td>upgrade rejected with 401 (or
 *     the provider's auth error before any result)</td><td>{@code AuthenticationException} (thrown by
 *     {@code openStream})</td></tr>
 * <tr><td>{@link RateLimited}</td><td>429 with {@code Retry-After}</td><td>upgrade rejected with 429 and
 *     {@code Retry-After}</td><td>{@code RateLimitedException} with that retry-after</td></tr>
 * <tr><td>{@link ServerError}</td><td>that 5xx status</td><td>after the first audio, the provider's internal
 *     error message and/or close code 1011</td><td>{@code ProviderUnavailableException}; live: Error event then
 *     Closed(FAILED)</td></tr>
 * <tr><td>{@link MalformedPayload}</td><td>200 with a body that does not parse</td><td>after the first audio, a
 *     message that does not parse</td><td>{@code ProtocolException}; live: Error event then Closed(FAILED)</td></tr>
 * <tr><td>{@link Hang}</td><td>no response at all</td><td>the upgrade is never answered</td>
 *     <td>{@code ProviderTimeoutException} within the provider's configured timeout</td></tr>
 * <tr><td>{@link DropConnection}</td><td>the connection is reset mid-response</td><td>the TCP connection is reset
 *     once {@code afterAudioBytes} of audio arrived</td><td>a retryable error; live: Error event then
 *     Closed(FAILED), and no audio lost</td></tr>
 * </table>
 */
public sealed interface Fault {

    /** The credentials are rejected. */
    record Unauthorized() implements Fault {
    }

    /** Too many requests; the provider says to retry after {@code retryAfter} (whole seconds on the wire). */
    record RateLimited(Duration retryAfter) implements Fault {
    }

    /** The provider fails internally with {@code status} (5xx). */
    record ServerError(int status) implements Fault {
    }

    /** The provider answers with something that does not follow its protocol. */
    record MalformedPayload() implements Fault {
    }

    /** The provider never answers. */
    record Hang() implements Fault {
    }

    /** The connection is reset; on a live stream after {@code afterAudioBytes} bytes of audio reached the fake. */
    record DropConnection(long afterAudioBytes) implements Fault {
    }

    static Fault unauthorized() {
        return new Unauthorized();
    }

    static Fault rateLimited(Duration retryAfter) {
        return new RateLimited(retryAfter);
    }

    static Fault serverError() {
        return new ServerError(500);
    }

    static Fault malformedPayload() {
        return new MalformedPayload();
    }

    static Fault hang() {
        return new Hang();
    }

    static Fault dropConnection(long afterAudioBytes) {
        return new DropConnection(afterAudioBytes);
    }
}
