package io.debabelizer.local.tts;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.audio.Pcm;
import io.debabelizer.audio.Wav;

/**
 * Turns an engine's 16-bit PCM into the output format a request asked for: WAV or raw, any uncompressed coding
 * (16/24/32-bit, float, µ-law, A-law — e.g. 8 kHz µ-law for telephony), any rate and channel count, through the
 * core audio toolkit. Compressed formats need an encoder we do not ship, so they are refused with a clear error.
 */
final class OutputEncoder {

    private final AudioFormat engineFormat;
    private final AudioFormat raw;
    private final boolean wav;

    private OutputEncoder(AudioFormat engineFormat, AudioFormat raw, boolean wav) {
        this.engineFormat = engineFormat;
        this.raw = raw;
        this.wav = wav;
    }

    /** @param wanted the requested format, or null for a WAV at the engine's own rate */
    static OutputEncoder of(AudioFormat wanted, int engineRate, int engineChannels, String provider) {
        AudioFormat engine = AudioFormat.pcm16(engineRate, engineChannels);
        if (wanted == null) {
            return new OutputEncoder(engine, engine, true);
        }
        boolean container = wanted.container() == Container.RAW || wanted.container() == Container.WAV;
        Encoding encoding = wanted.encoding() == Encoding.UNKNOWN ? Encoding.PCM_SIGNED : wanted.encoding();
        if (!container || !encoding.isUncompressed()) {
            throw new UnsupportedFormatException(provider + " produces uncompressed audio (WAV or raw PCM, float, "
                    + "µ-law, A-law), not " + wanted, provider, null, null);
        }
        int bits = wanted.bitsPerSample() > 0 ? wanted.bitsPerSample()
                : encoding == Encoding.MULAW || encoding == Encoding.ALAW ? 8 : encoding == Encoding.PCM_FLOAT ? 32 : 16;
        AudioFormat raw = new AudioFormat(Container.RAW, encoding,
                wanted.sampleRate() > 0 ? wanted.sampleRate() : engineRate,
                wanted.channels() > 0 ? wanted.channels() : engineChannels, bits, wanted.bigEndian());
        return new OutputEncoder(engine, raw, wanted.container() == Container.WAV);
    }

    /** The format of what {@link #file} returns. */
    AudioFormat format() {
        return wav ? raw.withContainer(Container.WAV) : raw;
    }

    /** Samples in the output coding, without a header. */
    byte[] body(short[] samples) {
        AudioData pcm = AudioData.of(engineFormat, Pcm.fromShorts(samples));
        AudioData resampled = AudioConverter.toPcm16(pcm, raw.sampleRate(), raw.channels());
        return Pcm.convert(resampled.bytes(), resampled.format(), raw);
    }

    /** A whole file (WAV with header, or raw samples). */
    AudioData file(short[] samples) {
        byte[] body = body(samples);
        return AudioData.of(format(), wav ? Wav.write(raw, body) : body);
    }

    /** What a stream sends before the first samples: a WAV header of unknown length, or nothing for raw audio. */
    byte[] streamHeader() {
        return wav ? Wav.header(raw, -1) : new byte[0];
    }
}
