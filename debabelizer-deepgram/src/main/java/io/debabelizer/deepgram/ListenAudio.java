package io.debabelizer.deepgram;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;

/**
 * How audio of a given format goes to {@code /v1/listen}: containers (WAV, MP3, FLAC, Ogg, WebM, MP4, AAC) are
 * sent as they are and Deepgram reads their headers; headerless samples need {@code encoding},
 * {@code sample_rate} and {@code channels}. Telephony µ-law and A-law go as they are, never transcoded.
 */
final class ListenAudio {

    private ListenAudio() {
    }

    /** Deepgram's {@code encoding} value for headerless samples, or null for a container format. */
    static String rawEncoding(AudioFormat f, boolean live) {
        if (f.container() != Container.RAW) {
            return null;
        }
        boolean littleEndian = !f.bigEndian();
        String encoding = switch (f.encoding()) {
            case PCM_SIGNED -> f.bitsPerSample() == 16 && littleEndian ? "linear16"
                    : f.bitsPerSample() == 32 && littleEndian && live ? "linear32" : null;
            case MULAW -> "mulaw";
            case ALAW -> live ? "alaw" : null; // batch: sent in a WAV header instead (see BatchBody)
            default -> null;
        };
        if (encoding == null || f.sampleRate() <= 0 || f.channels() <= 0) {
            throw new UnsupportedFormatException("Deepgram " + (live ? "live" : "batch") + " transcription cannot "
                    + "take headerless " + f + "; send 16-bit little-endian PCM, µ-law"
                    + (live ? ", A-law or 32-bit PCM" : " or A-law") + " with a known sample rate and channel count, "
                    + "or a container such as WAV", DeepgramSettings.PROVIDER, null, null);
        }
        return encoding;
    }

    /** Raw A-law for the batch endpoint: a WAV header in front of the untouched samples. */
    static boolean needsWavHeader(AudioFormat f) {
        return f.container() == Container.RAW && f.encoding() == Encoding.ALAW;
    }
}
