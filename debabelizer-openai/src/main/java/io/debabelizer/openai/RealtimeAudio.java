package io.debabelizer.openai;

import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Encoding;
import io.debabelizer.audio.Pcm;
import io.debabelizer.audio.Resampler;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the Realtime API takes: 16-bit little-endian mono PCM at 24 kHz ({@code audio/pcm}), or 8 kHz G.711
 * ({@code audio/pcmu}, {@code audio/pcma}). Those pass through untouched; other PCM (rates, channel counts, bit
 * depths, byte orders) is converted chunk by chunk with a streaming band-limited resampler, keeping any partial
 * frame for the next chunk.
 */
final class RealtimeAudio {

    static final int PCM_RATE = 24_000;
    private static final AudioFormat PCM24 = AudioFormat.pcm16(PCM_RATE, 1);

    private final AudioFormat input;
    /** The session's {@code audio.input.format} object. */
    private final Map<String, Object> sessionFormat;
    private final int outputBytesPerSecond;
    private final Resampler resampler;
    private final boolean convert;
    private byte[] partial = new byte[0];

    RealtimeAudio(AudioFormat input) {
        if (!input.isUncompressed()) {
            throw new InvalidInputException("the Realtime API needs raw PCM or G.711 with a known sample rate and "
                    + "channel count, got " + input, OpenAiSettings.PROVIDER, null, null);
        }
        this.input = input;
        boolean g711 = input.encoding() == Encoding.MULAW || input.encoding() == Encoding.ALAW;
        if (g711 && input.sampleRate() == 8000 && input.channels() == 1) {
            sessionFormat = Map.of("type", input.encoding() == Encoding.MULAW ? "audio/pcmu" : "audio/pcma");
            outputBytesPerSecond = 8000;
            convert = false;
            resampler = null;
        } else {
            Map<String, Object> pcm = new LinkedHashMap<>(); // "type" first, as OpenAI documents it
            pcm.put("type", "audio/pcm");
            pcm.put("rate", PCM_RATE);
            sessionFormat = pcm;
            outputBytesPerSecond = 2 * PCM_RATE;
            convert = !input.equals(PCM24);
            resampler = convert && input.sampleRate() != PCM_RATE ? Resampler.create(input.sampleRate(), PCM_RATE, 1)
                    : null;
        }
    }

    Map<String, Object> sessionFormat() {
        return sessionFormat;
    }

    int outputBytesPerSecond() {
        return outputBytesPerSecond;
    }

    boolean converts() {
        return convert;
    }

    /** The chunk in the session's format (possibly empty while a resampler fills up). */
    byte[] convert(byte[] chunk) {
        if (!convert) {
            return chunk;
        }
        byte[] data = chunk;
        if (partial.length > 0) {
            data = Arrays.copyOf(partial, partial.length + chunk.length);
            System.arraycopy(chunk, 0, data, partial.length, chunk.length);
        }
        int frame = input.frameSize();
        int whole = data.length - data.length % frame;
        partial = Arrays.copyOfRange(data, whole, data.length);
        float[] mono = Pcm.downmix(Pcm.toFloat(data, 0, whole, input), input.channels());
        float[] out = resampler == null ? mono : resampler.process(mono);
        return Pcm.fromFloat(out, PCM24);
    }

    /** The resampler's remaining output at end of input (empty when nothing is held back). */
    byte[] flush() {
        if (resampler == null) {
            return new byte[0];
        }
        return Pcm.fromFloat(resampler.flush(), PCM24);
    }
}
