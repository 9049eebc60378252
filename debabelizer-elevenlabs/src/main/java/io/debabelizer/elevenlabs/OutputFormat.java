package io.debabelizer.elevenlabs;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import java.util.Set;

/**
 * An audio format as ElevenLabs' {@code output_format} ({@code codec_samplerate[_bitrate]}) and the format the caller
 * receives. WAV is asked for as bare {@code pcm_*} (or {@code ulaw_8000}/{@code alaw_8000}) and given its header
 * here: the {@code wav_*} values exist only in the newer API, and a streaming header keeps time to first audio
 * honest.
 *
 * @param id      the {@code output_format} value
 * @param format  what the caller receives
 * @param wrapWav whether the samples arrive bare and get a WAV header from us
 */
record OutputFormat(String id, AudioFormat format, boolean wrapWav) {

    static final Set<Integer> PCM_RATES = Set.of(8000, 16000, 22050, 24000, 32000, 44100, 48000);
    static final Set<String> KNOWN = Set.of("mp3_22050_32", "mp3_24000_48", "mp3_44100_32", "mp3_44100_64",
            "mp3_44100_96", "mp3_44100_128", "mp3_44100_192", "pcm_8000", "pcm_16000", "pcm_22050", "pcm_24000",
            "pcm_32000", "pcm_44100", "pcm_48000", "ulaw_8000", "alaw_8000", "opus_48000_32", "opus_48000_64",
            "opus_48000_96", "opus_48000_128", "opus_48000_192", "wav_8000", "wav_16000", "wav_22050", "wav_24000",
            "wav_32000", "wav_44100", "wav_48000");
    /** ElevenLabs' default. */
    static final OutputFormat DEFAULT = parse("mp3_44100_128");

    /** The format for a request: its explicit {@code output_format} option wins, else the wanted format. */
    static OutputFormat forRequest(AudioFormat wanted, Object explicit) {
        if (explicit != null) {
            return parse(explicit.toString());
        }
        if (wanted == null) {
            return DEFAULT;
        }
        return switch (wanted.encoding()) {
            case PCM_SIGNED -> {
                if (wanted.channels() > 1 || wanted.bigEndian()
                        || wanted.bitsPerSample() != 16 && wanted.bitsPerSample() != 0) {
                    throw unsupported(wanted);
                }
                int rate = wanted.sampleRate() == 0 ? 24000 : wanted.sampleRate();
                if (!PCM_RATES.contains(rate)) {
                    throw new UnsupportedFormatException("ElevenLabs produces 16-bit PCM at " + PCM_RATES
                            + " Hz, not " + rate + " Hz", ElevenLabsSettings.PROVIDER, null, null);
                }
                yield samples("pcm_" + rate, wanted.container(), AudioFormat.pcm16(rate, 1), wanted);
            }
            case MULAW -> g711("ulaw_8000", AudioFormat.mulaw(8000), wanted);
            case ALAW -> g711("alaw_8000", AudioFormat.alaw(8000), wanted);
            case MP3 -> {
                requireContainer(wanted, Container.MP3);
                yield switch (wanted.sampleRate()) {
                    case 0, 44100 -> parse("mp3_44100_128");
                    case 22050 -> parse("mp3_22050_32");
                    case 24000 -> parse("mp3_24000_48");
                    default -> throw unsupported(wanted);
                };
            }
            case OPUS -> {
                requireContainer(wanted, Container.OGG);
                if (wanted.sampleRate() != 0 && wanted.sampleRate() != 48000) {
                    throw unsupported(wanted);
                }
                yield parse("opus_48000_64");
            }
            default -> throw unsupported(wanted);
        };
    }

    private static OutputFormat g711(String id, AudioFormat bare, AudioFormat wanted) {
        if (wanted.sampleRate() != 0 && wanted.sampleRate() != 8000 || wanted.channels() > 1) {
            throw new UnsupportedFormatException("ElevenLabs produces " + wanted.encoding().id() + " at 8000 Hz mono "
                    + "only, not " + wanted, ElevenLabsSettings.PROVIDER, null, null);
        }
        return samples(id, wanted.container(), bare, wanted);
    }

    private static OutputFormat samples(String id, Container container, AudioFormat bare, AudioFormat wanted) {
        return switch (container) {
            case RAW -> new OutputFormat(id, bare, false);
            case WAV -> new OutputFormat(id, bare.withContainer(Container.WAV), true);
            default -> throw unsupported(wanted);
        };
    }

    /** The format an {@code output_format} value names. */
    static OutputFormat parse(String id) {
        String v = id.trim();
        if (!KNOWN.contains(v)) {
            throw new UnsupportedFormatException("unknown ElevenLabs output_format '" + v + "'; one of " + KNOWN,
                    ElevenLabsSettings.PROVIDER, null, null);
        }
        String[] p = v.split("_");
        int rate = Integer.parseInt(p[1]);
        return switch (p[0]) {
            case "pcm" -> new OutputFormat(v, AudioFormat.pcm16(rate, 1), false);
            case "wav" -> new OutputFormat(v, AudioFormat.wav16(rate, 1), false);
            case "ulaw" -> new OutputFormat(v, AudioFormat.mulaw(8000), false);
            case "alaw" -> new OutputFormat(v, AudioFormat.alaw(8000), false);
            case "mp3" -> new OutputFormat(v, new AudioFormat(Container.MP3, Encoding.MP3, rate, 1, 0), false);
            default -> new OutputFormat(v, new AudioFormat(Container.OGG, Encoding.OPUS, rate, 1, 0), false);
        };
    }

    /** The bare sample format the server sends when this is wrapped. */
    AudioFormat wireFormat() {
        return wrapWav ? format.withContainer(Container.RAW) : format;
    }

    private static void requireContainer(AudioFormat f, Container c) {
        if (f.container() != c) {
            throw unsupported(f);
        }
    }

    private static UnsupportedFormatException unsupported(AudioFormat f) {
        return new UnsupportedFormatException("ElevenLabs cannot produce " + f + "; it offers mono 16-bit PCM at "
                + PCM_RATES + " Hz (bare or WAV), µ-law/A-law at 8 kHz, MP3 (22.05, 24, 44.1 kHz) and Ogg Opus "
                + "(48 kHz); or name one with the output_format option", ElevenLabsSettings.PROVIDER, null, null);
    }
}
