package io.debabelizer.azure;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import java.util.Map;

/**
 * A requested audio format as Azure's {@code X-Microsoft-OutputFormat} name, and the exact format that comes back.
 * Azure synthesises mono only: 16-bit PCM at 8–48 kHz and G.711 at 8 kHz, in a RIFF (WAV) file or bare; MP3 at
 * 16, 24 or 48 kHz; Opus in Ogg (16/24/48 kHz) or WebM (16/24 kHz).
 *
 * @param name   the header value, e.g. {@code riff-24khz-16bit-mono-pcm}
 * @param format what the caller receives
 */
record OutputFormat(String name, AudioFormat format) {

    /** Sample rates of PCM output, by the spelling Azure's format names use. */
    private static final Map<Integer, String> PCM_RATES = Map.of(8000, "8khz", 16000, "16khz", 22050, "22050hz",
            24000, "24khz", 44100, "44100hz", 48000, "48khz");
    private static final Map<Integer, String> MP3_NAMES = Map.of(
            16000, "audio-16khz-128kbitrate-mono-mp3",
            24000, "audio-24khz-96kbitrate-mono-mp3",
            48000, "audio-48khz-192kbitrate-mono-mp3");

    /** Azure's own choice for speech: a 24 kHz WAV file. */
    static final OutputFormat DEFAULT = forRequest(AudioFormat.wav16(24000, 1));

    static OutputFormat forRequest(AudioFormat wanted) {
        if (wanted == null) {
            return DEFAULT;
        }
        if (wanted.channels() > 1) {
            throw unsupported(wanted, "Azure synthesises mono audio only");
        }
        return switch (wanted.encoding()) {
            case PCM_SIGNED -> pcm(wanted);
            case MULAW, ALAW -> g711(wanted);
            case MP3 -> mp3(wanted);
            case OPUS -> opus(wanted);
            default -> throw unsupported(wanted, null);
        };
    }

    private static OutputFormat pcm(AudioFormat f) {
        int rate = f.sampleRate() == 0 ? 24000 : f.sampleRate();
        String rateName = PCM_RATES.get(rate);
        if (rateName == null || f.bitsPerSample() != 16 && f.bitsPerSample() != 0 || f.bigEndian()) {
            throw unsupported(f, "16-bit PCM comes at " + PCM_RATES.keySet() + " Hz");
        }
        return new OutputFormat(prefix(f) + "-" + rateName + "-16bit-mono-pcm",
                new AudioFormat(f.container(), Encoding.PCM_SIGNED, rate, 1, 16));
    }

    private static OutputFormat g711(AudioFormat f) {
        if (f.sampleRate() != 0 && f.sampleRate() != 8000) {
            throw unsupported(f, "µ-law and A-law come at 8 kHz only");
        }
        String law = f.encoding() == Encoding.MULAW ? "mulaw" : "alaw";
        return new OutputFormat(prefix(f) + "-8khz-8bit-mono-" + law,
                new AudioFormat(f.container(), f.encoding(), 8000, 1, 8));
    }

    /** RIFF for WAV, raw for headerless samples. */
    private static String prefix(AudioFormat f) {
        return switch (f.container()) {
            case WAV -> "riff";
            case RAW -> "raw";
            default -> throw unsupported(f, "samples come in a WAV file or bare");
        };
    }

    private static OutputFormat mp3(AudioFormat f) {
        int rate = f.sampleRate() == 0 ? 24000 : f.sampleRate();
        String name = MP3_NAMES.get(rate);
        if (name == null || f.container() != Container.MP3) {
            throw unsupported(f, "MP3 comes at " + MP3_NAMES.keySet() + " Hz");
        }
        return new OutputFormat(name, new AudioFormat(Container.MP3, Encoding.MP3, rate, 1, 0));
    }

    private static OutputFormat opus(AudioFormat f) {
        int rate = f.sampleRate() == 0 ? 24000 : f.sampleRate();
        boolean ogg = f.container() == Container.OGG;
        boolean supported = ogg ? rate == 16000 || rate == 24000 || rate == 48000
                : f.container() == Container.WEBM && (rate == 16000 || rate == 24000);
        if (!supported) {
            throw unsupported(f, "Opus comes in Ogg at 16, 24 or 48 kHz, or in WebM at 16 or 24 kHz");
        }
        return new OutputFormat((ogg ? "ogg-" : "webm-") + rate / 1000 + "khz-16bit-mono-opus",
                new AudioFormat(f.container(), Encoding.OPUS, rate, 1, 0));
    }

    private static UnsupportedFormatException unsupported(AudioFormat f, String why) {
        return new UnsupportedFormatException("Azure cannot synthesise " + f + (why == null ? "" : ": " + why)
                + "; it offers PCM (WAV or raw), µ-law/A-law at 8 kHz, MP3 and Ogg/WebM Opus",
                AzureSettings.PROVIDER, null, null);
    }
}
