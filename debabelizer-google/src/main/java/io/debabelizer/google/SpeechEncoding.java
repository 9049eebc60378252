package io.debabelizer.google;

import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;

/**
 * What Speech-to-Text v1 is told about the audio ({@code encoding}, {@code sampleRateHertz}), and the audio itself,
 * converted to 16-bit PCM when Google cannot take the input as it is (A-law, float or 8/24/32-bit PCM, big-endian,
 * several channels, MP3 in v1, AAC, MP4, Vorbis).
 *
 * @param encoding   RecognitionConfig.AudioEncoding name
 * @param sampleRate Hz, or 0 to let Google read it from the header (FLAC, WAV)
 * @param audio      the bytes to send
 */
record SpeechEncoding(String encoding, int sampleRate, AudioData audio) {

    static final int MIN_RATE = 8000;
    static final int MAX_RATE = 48000;

    static SpeechEncoding of(AudioData audio) {
        AudioFormat f = audio.format();
        String direct = direct(f);
        if (direct != null) {
            int rate = f.container() == Container.FLAC ? 0 : f.sampleRate();
            return new SpeechEncoding(direct, rate, audio);
        }
        int rate = Math.clamp(f.sampleRate() > 0 ? f.sampleRate() : 16000, MIN_RATE, MAX_RATE);
        return new SpeechEncoding("LINEAR16", rate, AudioConverter.toPcm16(audio, rate, 1));
    }

    /** The encoding Google decodes natively for this format, or null when it must be converted first. */
    static String direct(AudioFormat f) {
        boolean mono = f.channels() == 1;
        boolean rateOk = f.sampleRate() >= MIN_RATE && f.sampleRate() <= MAX_RATE;
        return switch (f.container()) {
            case RAW, WAV -> {
                if (!mono || !rateOk) {
                    yield null;
                }
                if (f.encoding() == Encoding.PCM_SIGNED && f.bitsPerSample() == 16 && !f.bigEndian()) {
                    yield "LINEAR16";
                }
                yield f.encoding() == Encoding.MULAW ? "MULAW" : null;
            }
            case FLAC -> "FLAC";
            case OGG -> f.encoding() == Encoding.OPUS ? "OGG_OPUS" : null;
            case WEBM -> f.encoding() == Encoding.OPUS ? "WEBM_OPUS" : null;
            default -> null;
        };
    }

    /** Seconds of audio when the format says without decoding, else -1. */
    double durationSeconds() {
        AudioFormat f = audio.format();
        if (!f.isUncompressed() || f.bytesPerSecond() <= 0) {
            return -1;
        }
        int header = f.container() == Container.WAV ? 44 : 0;
        return Math.max(0, audio.size() - header) / (double) f.bytesPerSecond();
    }
}
