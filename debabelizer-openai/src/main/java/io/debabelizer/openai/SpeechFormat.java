package io.debabelizer.openai;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;

/**
 * The {@code response_format} of {@code /audio/speech} for a requested output format, and the format the audio will
 * then have. OpenAI speech is 24 kHz mono; {@code wav} and {@code pcm} are 16-bit, {@code pcm} headerless little
 * endian; {@code opus} comes in Ogg.
 *
 * @param responseFormat the API value
 * @param format         what the bytes will be
 */
record SpeechFormat(String responseFormat, AudioFormat format) {

    static final int RATE = 24_000;

    static SpeechFormat forRequest(AudioFormat wanted) {
        if (wanted == null) {
            return new SpeechFormat("mp3", new AudioFormat(Container.MP3, Encoding.MP3, RATE, 1, 0));
        }
        if (wanted.sampleRate() > 0 && wanted.sampleRate() != RATE) {
            throw unsupported(wanted, "OpenAI speech is always " + RATE + " Hz");
        }
        if (wanted.channels() > 1) {
            throw unsupported(wanted, "OpenAI speech is mono");
        }
        return switch (wanted.container()) {
            case WAV -> pcmOnly(wanted, "wav", AudioFormat.wav16(RATE, 1));
            case RAW -> pcmOnly(wanted, "pcm", AudioFormat.pcm16(RATE, 1));
            case MP3 -> new SpeechFormat("mp3", new AudioFormat(Container.MP3, Encoding.MP3, RATE, 1, 0));
            case FLAC -> new SpeechFormat("flac", new AudioFormat(Container.FLAC, Encoding.FLAC, RATE, 1, 0));
            case ADTS -> new SpeechFormat("aac", new AudioFormat(Container.ADTS, Encoding.AAC, RATE, 1, 0));
            case OGG -> {
                if (wanted.encoding() != Encoding.OPUS && wanted.encoding() != Encoding.UNKNOWN) {
                    throw unsupported(wanted, "OpenAI's Ogg output is Opus");
                }
                yield new SpeechFormat("opus", new AudioFormat(Container.OGG, Encoding.OPUS, RATE, 1, 0));
            }
            default -> throw unsupported(wanted, "OpenAI speech comes as mp3, opus (Ogg), aac, flac, wav or pcm");
        };
    }

    private static SpeechFormat pcmOnly(AudioFormat wanted, String responseFormat, AudioFormat result) {
        boolean pcm16 = (wanted.encoding() == Encoding.PCM_SIGNED || wanted.encoding() == Encoding.UNKNOWN)
                && (wanted.bitsPerSample() == 0 || wanted.bitsPerSample() == 16) && !wanted.bigEndian();
        if (!pcm16) {
            throw unsupported(wanted, "OpenAI's " + responseFormat + " output is 16-bit little-endian PCM");
        }
        return new SpeechFormat(responseFormat, result);
    }

    private static UnsupportedFormatException unsupported(AudioFormat wanted, String why) {
        return new UnsupportedFormatException("cannot produce " + wanted + ": " + why);
    }
}
