package io.debabelizer.google;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;

/**
 * Text-to-Speech's {@code audioEncoding} for a requested output format. Google's LINEAR16, MULAW and ALAW come with
 * a WAV header; raw µ-law/A-law are cut out of it ({@link #stripWavHeader}); raw PCM is Google's {@code PCM}.
 *
 * @param audioEncoding  AudioConfig.audioEncoding name
 * @param format         what the caller gets (sample rate 0 when Google chooses, for MP3/Ogg)
 * @param stripWavHeader whether Google's WAV header must be removed to give {@code format}
 */
record TtsEncoding(String audioEncoding, AudioFormat format, boolean stripWavHeader) {

    static final int DEFAULT_RATE = 24000;

    static TtsEncoding of(AudioFormat wanted) {
        TtsEncoding e = wanted.channels() > 1 ? null : match(wanted);
        if (e == null) {
            throw new UnsupportedFormatException("Google Text-to-Speech cannot produce " + wanted + "; it makes mono "
                    + "WAV/raw 16-bit PCM, µ-law or A-law, MP3 and Ogg Opus", GoogleSettings.PROVIDER, null, null);
        }
        return e;
    }

    private static TtsEncoding match(AudioFormat wanted) {
        int rate = wanted.sampleRate() > 0 ? wanted.sampleRate() : DEFAULT_RATE;
        return switch (wanted.container()) {
            case WAV -> switch (wanted.encoding()) {
                case PCM_SIGNED -> pcm16(wanted) ? new TtsEncoding("LINEAR16", AudioFormat.wav16(rate, 1), false)
                        : null;
                case MULAW -> new TtsEncoding("MULAW", AudioFormat.mulaw(rate).withContainer(Container.WAV), false);
                case ALAW -> new TtsEncoding("ALAW", AudioFormat.alaw(rate).withContainer(Container.WAV), false);
                default -> null;
            };
            case RAW -> switch (wanted.encoding()) {
                case PCM_SIGNED -> pcm16(wanted) ? new TtsEncoding("PCM", AudioFormat.pcm16(rate, 1), false) : null;
                case MULAW -> new TtsEncoding("MULAW", AudioFormat.mulaw(rate), true);
                case ALAW -> new TtsEncoding("ALAW", AudioFormat.alaw(rate), true);
                default -> null;
            };
            case MP3 -> new TtsEncoding("MP3", AudioFormat.of(Container.MP3, Encoding.MP3)
                    .withSampleRate(wanted.sampleRate()), false);
            case OGG -> wanted.encoding() == Encoding.OPUS || wanted.encoding() == Encoding.UNKNOWN
                    ? new TtsEncoding("OGG_OPUS", AudioFormat.of(Container.OGG, Encoding.OPUS)
                            .withSampleRate(wanted.sampleRate()), false)
                    : null;
            default -> null;
        };
    }

    /** The sample rate to ask for, or 0 to leave it to Google. */
    int sampleRate() {
        return format.sampleRate();
    }

    private static boolean pcm16(AudioFormat f) {
        return (f.bitsPerSample() == 16 || f.bitsPerSample() == 0) && !f.bigEndian();
    }
}
