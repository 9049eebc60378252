package io.debabelizer.soniox;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;

/**
 * The real-time {@code audio_format} for a stream's chunks. Raw samples are named exactly ({@code pcm_s16le},
 * {@code mulaw}, ...) and need {@code sample_rate} and {@code num_channels}; telephony G.711 goes as it is, never
 * transcoded. Containers Soniox detects itself are sent as {@code auto}.
 */
final class SonioxAudioFormats {

    private SonioxAudioFormats() {
    }

    /** Whether {@code format} is raw samples (then sample rate and channel count go into the config). */
    static boolean isRaw(AudioFormat format) {
        return format.container() == Container.RAW && format.encoding().isUncompressed();
    }

    static String of(AudioFormat f, String provider) {
        if (f.container() != Container.RAW) {
            return switch (f.container()) {
                case WAV, MP3, OGG, WEBM, FLAC, ADTS -> "auto";
                default -> throw unsupported(f, provider);
            };
        }
        if (f.sampleRate() <= 0 || f.channels() <= 0) {
            throw new UnsupportedFormatException("raw audio for " + provider + " needs a sample rate and channel "
                    + "count, got " + f, provider, null, null);
        }
        int bits = f.bitsPerSample();
        String order = f.bigEndian() ? "be" : "le";
        return switch (f.encoding()) {
            case MULAW -> "mulaw";
            case ALAW -> "alaw";
            case PCM_SIGNED -> switch (bits) {
                case 8 -> "pcm_s8";
                case 16, 24, 32 -> "pcm_s" + bits + order;
                default -> throw unsupported(f, provider);
            };
            case PCM_UNSIGNED -> switch (bits) {
                case 8 -> "pcm_u8";
                case 16, 24, 32 -> "pcm_u" + bits + order;
                default -> throw unsupported(f, provider);
            };
            case PCM_FLOAT -> switch (bits) {
                case 32, 64 -> "pcm_f" + bits + order;
                default -> throw unsupported(f, provider);
            };
            case MP3 -> "mp3";
            case FLAC -> "flac";
            case AAC -> "aac";
            default -> throw unsupported(f, provider);
        };
    }

    private static UnsupportedFormatException unsupported(AudioFormat f, String provider) {
        return new UnsupportedFormatException(provider + " cannot take " + f + " on a live stream (raw PCM, "
                + "µ-law, A-law, or a WAV/MP3/Ogg/WebM/FLAC/AAC stream)", provider, null, null);
    }
}
