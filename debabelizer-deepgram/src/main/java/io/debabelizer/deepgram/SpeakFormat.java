package io.debabelizer.deepgram;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import java.util.Set;

/**
 * An output format as Aura's {@code encoding}, {@code container} and {@code sample_rate} parameters, and the exact
 * format that comes back. REST offers linear16/µ-law/A-law (WAV or bare), MP3, Ogg Opus, FLAC and AAC; the speak
 * WebSocket only bare linear16/µ-law/A-law (a WAV request there gets a streaming WAV header written by us).
 *
 * @param encoding   Deepgram's encoding name
 * @param container  {@code wav}, {@code none}, {@code ogg}, or null to leave it to the encoding's default
 * @param sampleRate the rate to ask for, or 0 where Deepgram fixes it (MP3, Opus, AAC)
 * @param format     what the caller receives
 */
record SpeakFormat(String encoding, String container, int sampleRate, AudioFormat format) {

    private static final Set<Integer> LINEAR16_RATES = Set.of(8000, 16000, 24000, 32000, 48000);
    private static final Set<Integer> G711_RATES = Set.of(8000, 16000);

    /** Deepgram's REST default (MP3, 22.05 kHz mono), used when the request names no format. */
    static final AudioFormat DEFAULT_REST = new AudioFormat(Container.MP3, Encoding.MP3, 22050, 1, 0);

    static SpeakFormat forRest(AudioFormat wanted) {
        AudioFormat f = wanted == null ? DEFAULT_REST : wanted;
        return switch (f.encoding()) {
            case PCM_SIGNED, MULAW, ALAW -> samples(f, true);
            case MP3 -> fixed(f, "mp3", null, Container.MP3, 22050);
            case OPUS -> fixed(f, "opus", "ogg", Container.OGG, 48000);
            case AAC -> fixed(f, "aac", null, Container.ADTS, 0);
            case FLAC -> {
                requireContainer(f, Container.FLAC);
                int rate = f.sampleRate() == 0 ? 24000 : f.sampleRate();
                yield new SpeakFormat("flac", null, f.sampleRate(), new AudioFormat(Container.FLAC, Encoding.FLAC,
                        rate, 1, 16));
            }
            default -> throw unsupported(f, true);
        };
    }

    static SpeakFormat forWebSocket(AudioFormat wanted) {
        AudioFormat f = wanted == null ? AudioFormat.pcm16(24000, 1) : wanted;
        if (f.encoding() != Encoding.PCM_SIGNED && f.encoding() != Encoding.MULAW && f.encoding() != Encoding.ALAW) {
            throw unsupported(f, false);
        }
        return samples(f, false);
    }

    private static SpeakFormat samples(AudioFormat f, boolean rest) {
        boolean pcm = f.encoding() == Encoding.PCM_SIGNED;
        if (f.container() != Container.WAV && f.container() != Container.RAW
                || f.channels() > 1
                || pcm && (f.bitsPerSample() != 16 && f.bitsPerSample() != 0 || f.bigEndian())) {
            throw unsupported(f, rest);
        }
        int rate = f.sampleRate() == 0 ? (pcm ? 24000 : 8000) : f.sampleRate();
        if (!(pcm ? LINEAR16_RATES : G711_RATES).contains(rate)) {
            throw new UnsupportedFormatException("Deepgram Aura offers " + (pcm ? "linear16 at " + LINEAR16_RATES
                    : f.encoding().id() + " at " + G711_RATES) + " Hz, not " + rate + " Hz",
                    DeepgramSettings.PROVIDER, null, null);
        }
        String encoding = pcm ? "linear16" : f.encoding() == Encoding.MULAW ? "mulaw" : "alaw";
        AudioFormat out = new AudioFormat(f.container(), f.encoding(), rate, 1, pcm ? 16 : 8);
        String container = rest ? (f.container() == Container.WAV ? "wav" : "none") : null;
        return new SpeakFormat(encoding, container, rate, out);
    }

    private static SpeakFormat fixed(AudioFormat f, String encoding, String container, Container c, int rate) {
        requireContainer(f, c);
        if (f.sampleRate() != 0 && rate != 0 && f.sampleRate() != rate) {
            throw new UnsupportedFormatException("Deepgram Aura produces " + encoding + " at " + rate + " Hz only, not "
                    + f.sampleRate() + " Hz", DeepgramSettings.PROVIDER, null, null);
        }
        return new SpeakFormat(encoding, container, 0, new AudioFormat(c, f.encoding(), rate, 1, 0));
    }

    private static void requireContainer(AudioFormat f, Container c) {
        if (f.container() != c) {
            throw unsupported(f, true);
        }
    }

    private static UnsupportedFormatException unsupported(AudioFormat f, boolean rest) {
        return new UnsupportedFormatException("Deepgram Aura " + (rest ? "" : "streaming ") + "cannot produce " + f
                + (rest ? "; it offers 16-bit PCM, µ-law or A-law (WAV or bare), MP3, Ogg Opus, FLAC and AAC"
                        : "; the speak WebSocket offers bare or WAV 16-bit PCM, µ-law and A-law"),
                DeepgramSettings.PROVIDER, null, null);
    }

    /** Adds the format parameters to a speak query. */
    void addTo(QueryParams q) {
        q.set("encoding", encoding);
        if (container != null) {
            q.set("container", container);
        }
        if (sampleRate > 0) {
            q.set("sample_rate", sampleRate);
        }
    }
}
