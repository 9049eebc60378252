package io.debabelizer.audio;

import static io.debabelizer.audio.ByteReader.u8;

import io.debabelizer.UnsupportedFormatException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the EBML header of WebM/Matroska (DocType decides which) and, when the first audio track's entry is within
 * the data, its codec, sampling frequency and channel count.
 */
final class MatroskaHeader {

    private static final long EBML = 0x1A45DFA3L;
    private static final long DOC_TYPE = 0x4282;
    private static final long SEGMENT = 0x18538067L;
    private static final long TRACKS = 0x1654AE6BL;
    private static final long CLUSTER = 0x1F43B675L;
    private static final long TRACK_ENTRY = 0xAE;
    private static final long CODEC_ID = 0x86;
    private static final long AUDIO = 0xE1;
    private static final long SAMPLING_FREQUENCY = 0xB5;
    private static final long CHANNELS = 0x9F;
    private static final long BIT_DEPTH = 0x6264;

    private MatroskaHeader() {
    }

    static boolean matches(byte[] b, int at) {
        return at + 4 <= b.length && ByteReader.u32be(b, at) == EBML;
    }

    static AudioFormat parse(byte[] b, int at) {
        Element header = Element.read(b, at);
        if (header == null || header.end() > b.length) {
            throw new UnsupportedFormatException("truncated EBML header");
        }
        String docType = null;
        for (Element e = Element.read(b, header.dataStart); e != null && e.start < header.end();
             e = Element.read(b, e.end())) {
            if (e.id == DOC_TYPE && e.end() <= b.length) {
                docType = text(b, e);
            }
        }
        if (!"webm".equals(docType) && !"matroska".equals(docType)) {
            throw new UnsupportedFormatException("EBML document type '" + docType + "' is not WebM/Matroska audio");
        }
        // Matroska is reported as WEBM: one container family, WebM being its subset.
        Container container = Container.WEBM;
        AudioFormat track = firstAudioTrack(b, header.end(), container);
        return track != null ? track : AudioFormat.of(container, Encoding.UNKNOWN);
    }

    private static AudioFormat firstAudioTrack(byte[] b, int at, Container container) {
        Element segment = Element.read(b, at);
        if (segment == null || segment.id != SEGMENT) {
            return null;
        }
        for (Element e = Element.read(b, segment.dataStart); e != null && e.id != CLUSTER;
             e = Element.read(b, e.end())) {
            if (e.id == TRACKS) {
                for (Element t = Element.read(b, e.dataStart); t != null && t.start < e.end();
                     t = Element.read(b, t.end())) {
                    AudioFormat format = t.id == TRACK_ENTRY ? audioTrack(b, t, container) : null;
                    if (format != null) {
                        return format;
                    }
                }
                return null;
            }
        }
        return null;
    }

    private static AudioFormat audioTrack(byte[] b, Element entry, Container container) {
        String codec = null;
        double rate = 0;
        long channels = 0;
        long bits = 0;
        for (Element e = Element.read(b, entry.dataStart); e != null && e.start < entry.end();
             e = Element.read(b, e.end())) {
            if (e.id == CODEC_ID && e.end() <= b.length) {
                codec = text(b, e);
            } else if (e.id == AUDIO) {
                for (Element a = Element.read(b, e.dataStart); a != null && a.start < e.end() && a.end() <= b.length;
                     a = Element.read(b, a.end())) {
                    if (a.id == SAMPLING_FREQUENCY) {
                        rate = floatValue(b, a);
                    } else if (a.id == CHANNELS) {
                        channels = uintValue(b, a);
                    } else if (a.id == BIT_DEPTH) {
                        bits = uintValue(b, a);
                    }
                }
            }
        }
        if (codec == null || !codec.startsWith("A_")) {
            return null;
        }
        Encoding encoding = switch (codec) {
            case "A_OPUS" -> Encoding.OPUS;
            case "A_VORBIS" -> Encoding.VORBIS;
            case "A_FLAC" -> Encoding.FLAC;
            case "A_MPEG/L3" -> Encoding.MP3;
            case "A_PCM/INT/LIT" -> Encoding.PCM_SIGNED;
            case "A_PCM/FLOAT/IEEE" -> Encoding.PCM_FLOAT;
            default -> codec.startsWith("A_AAC") ? Encoding.AAC : Encoding.UNKNOWN;
        };
        if (encoding == Encoding.OPUS) {
            rate = 48_000; // Opus always decodes at 48 kHz; the track's figure is the encoder's input rate
        }
        int sampleBits = encoding.isUncompressed() ? (int) Math.min(bits, 64) : 0;
        return new AudioFormat(container, encoding, (int) Math.round(rate), (int) Math.min(channels, 255), sampleBits);
    }

    private static String text(byte[] b, Element e) {
        int len = (int) e.size;
        while (len > 0 && b[e.dataStart + len - 1] == 0) {
            len--; // strings may be zero-padded
        }
        return new String(b, e.dataStart, len, StandardCharsets.US_ASCII);
    }

    private static long uintValue(byte[] b, Element e) {
        long v = 0;
        for (int i = 0; i < Math.min(e.size, 8); i++) {
            v = v << 8 | u8(b, e.dataStart + i);
        }
        return v;
    }

    private static double floatValue(byte[] b, Element e) {
        long bits = uintValue(b, e);
        return e.size == 4 ? Float.intBitsToFloat((int) bits) : e.size == 8 ? Double.longBitsToDouble(bits) : 0;
    }

    /** One EBML element: its ID (with marker bits, as written in specs), where its data starts and its size. */
    private record Element(long id, int start, int dataStart, long size) {

        private static final long UNKNOWN = Long.MAX_VALUE / 4;

        int end() {
            long end = dataStart + size;
            return end > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) end;
        }

        /** The element at {@code at}, or null when its header is not within the data or malformed. */
        static Element read(byte[] b, int at) {
            if (at < 0 || at >= b.length) {
                return null;
            }
            int idLength = vintLength(u8(b, at));
            if (idLength == 0 || idLength > 4 || at + idLength >= b.length) {
                return null;
            }
            long id = 0;
            for (int i = 0; i < idLength; i++) {
                id = id << 8 | u8(b, at + i);
            }
            int sizeAt = at + idLength;
            int sizeLength = vintLength(u8(b, sizeAt));
            if (sizeLength == 0 || sizeAt + sizeLength > b.length) {
                return null;
            }
            long size = u8(b, sizeAt) & (0xFF >> sizeLength);
            boolean allOnes = size == (0xFF >> sizeLength);
            for (int i = 1; i < sizeLength; i++) {
                int v = u8(b, sizeAt + i);
                allOnes &= v == 0xFF;
                size = size << 8 | v;
            }
            return new Element(id, at, sizeAt + sizeLength, allOnes ? UNKNOWN : size);
        }

        private static int vintLength(int first) {
            return first == 0 ? 0 : Integer.numberOfLeadingZeros(first) - 23;
        }
    }
}
