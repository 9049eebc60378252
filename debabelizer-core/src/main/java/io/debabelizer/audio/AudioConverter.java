package io.debabelizer.audio;

import io.debabelizer.UnsupportedFormatException;

/**
 * Turns any audio the toolkit can read into what a provider or engine needs. Uncompressed input (raw, WAV, G.711)
 * is handled in core; compressed input goes through an {@link AudioDecoder} found with ServiceLoader (e.g. from
 * {@code io.debabelizer:debabelizer-codecs}). Input that already matches is returned as it is.
 */
public final class AudioConverter {

    private AudioConverter() {
    }

    /**
     * Converts to raw signed 16-bit little-endian PCM at {@code sampleRate} with {@code channels} (1 = downmix).
     *
     * @throws io.debabelizer.UnsupportedFormatException when the input cannot be decoded (e.g. MP3 without the
     *         codecs module on the class path: the message says which module to add)
     */
    public static AudioData toPcm16(AudioData input, int sampleRate, int channels) {
        requirePositive(sampleRate, channels);
        AudioFormat target = AudioFormat.pcm16(sampleRate, channels);
        if (input.format().equals(target)) {
            return input;
        }
        AudioData raw = uncompressed(input);
        AudioFormat source = raw.format();
        if (Pcm.sameLayout(source, target) && source.sampleRate() == sampleRate) {
            return raw.format().equals(target) ? raw : AudioData.wrap(target, raw.array());
        }
        float[] samples = Pcm.remix(Pcm.toFloat(raw.array(), source), source.channels(), channels);
        samples = Resampler.resample(samples, channels, source.sampleRate(), sampleRate);
        return AudioData.wrap(target, Pcm.fromFloat(samples, target));
    }

    /** Mono 16-bit samples at {@code sampleRate}: the input most local engines take. */
    public static short[] toMonoSamples(AudioData input, int sampleRate) {
        requirePositive(sampleRate, 1);
        AudioData raw = uncompressed(input);
        AudioFormat source = raw.format();
        byte[] bytes = raw.array();
        if (source.channels() == 1 && source.sampleRate() == sampleRate) {
            return Pcm.toShorts(bytes, source);
        }
        float[] mono = Pcm.downmix(Pcm.toFloat(bytes, source), source.channels());
        return Pcm.toShorts(Resampler.resample(mono, 1, source.sampleRate(), sampleRate));
    }

    /** The input as raw uncompressed samples: WAV unwrapped, compressed formats decoded. */
    static AudioData uncompressed(AudioData input) {
        AudioFormat format = input.format();
        AudioData raw;
        if (format.container() == Container.WAV) {
            raw = Wav.read(input);
        } else if (format.container() == Container.RAW) {
            raw = input;
        } else {
            raw = AudioDecoders.decode(input);
        }
        if (!raw.format().isUncompressed()) {
            throw new UnsupportedFormatException("raw audio needs a known sample rate, channel count and PCM/G.711 "
                    + "encoding to be converted: " + raw.format());
        }
        Pcm.sampleWidth(raw.format());
        return raw;
    }

    private static void requirePositive(int sampleRate, int channels) {
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("target sample rate and channels must be positive: " + sampleRate
                    + " Hz, " + channels + " channels");
        }
    }
}
