package io.debabelizer.testkit.loopback;

import io.debabelizer.DebabelizerException;
import io.debabelizer.ProtocolException;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.testkit.fake.Json;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The loopback provider's wire protocol, shared by client and fake.
 *
 * <ul>
 * <li>{@code POST /v1/transcribe} with the audio as body, {@code Authorization: Bearer <key>}: JSON
 *     {@code {text, words:[{word, punctuated, start, end, confidence}], duration, language}}.</li>
 * <li>{@code GET /v1/stream} WebSocket: client sends {@code {"type":"config","sample_rate","channels",
 *     "encoding":"pcm_s16le"}}, then binary audio, {@code {"type":"finalize"}}, {@code {"type":"end"}}; server
 *     sends {@code interim}/{@code final} results (text, words, start, end, confidence, speech_final), then
 *     {@code {"type":"done","audio_seconds"}} and closes 1000; errors as {@code {"type":"error","code","message"}}
 *     followed by a close.</li>
 * <li>{@code POST /v1/speak} JSON {@code {text, voice, format: wav|pcm, sample_rate}}: audio bytes;
 *     {@code POST /v1/speak/stream}: the same, chunked as it is produced; {@code GET /v1/voices}.</li>
 * <li>HTTP errors: status with {@code {"error":{"code","message"}}}, 429 with {@code Retry-After}.</li>
 * </ul>
 */
final class LoopbackProtocol {

    static final String TRANSCRIBE = "/v1/transcribe";
    static final String STREAM = "/v1/stream";
    static final String SPEAK = "/v1/speak";
    static final String SPEAK_STREAM = "/v1/speak/stream";
    static final String VOICES = "/v1/voices";
    static final List<String> VOICE_IDS = List.of("aria", "bruno");
    static final String REQUEST_ID_HEADER = "x-request-id";

    private LoopbackProtocol() {
    }

    /** The exception for an HTTP error response, with the server's error message as detail. */
    static DebabelizerException httpError(String provider, int status, HttpHeaders headers, byte[] body,
                                          Secret key) {
        return HttpErrors.forResponse(provider, status, headers, errorMessage(body), REQUEST_ID_HEADER, key);
    }

    /** {@code error.message} of a JSON error body, or the body as text when it is not one. */
    static String errorMessage(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode n = Json.parse(text);
            String m = n.path("error").path("message").asString(null);
            return m != null ? m : text;
        } catch (JacksonException e) {
            return text;
        }
    }

    /** Parses a JSON response body, turning anything unparsable into a {@link ProtocolException}. */
    static JsonNode parse(String provider, byte[] body) {
        try {
            JsonNode n = Json.parse(body);
            if (n == null || !n.isObject()) {
                throw new ProtocolException("expected a JSON object, got " + abbreviate(body), provider, null, null);
            }
            return n;
        } catch (JacksonException e) {
            throw new ProtocolException("response is not valid JSON: " + e.getOriginalMessage(), provider, null, e);
        }
    }

    static String abbreviate(byte[] body) {
        String t = new String(body, 0, Math.min(body.length, 80), StandardCharsets.UTF_8);
        return body.length > 80 ? t + "..." : t;
    }

    /** A WAV header for audio of unknown length (sizes at their maximum, as streaming servers write them). */
    static byte[] streamingWavHeader(int sampleRate) {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(0xffffffff).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
                .putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(0xffffffff);
        return b.array();
    }
}
