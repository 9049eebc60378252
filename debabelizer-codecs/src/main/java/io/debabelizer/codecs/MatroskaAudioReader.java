package io.debabelizer.codecs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal Matroska/WebM reader: walks the EBML elements once, front to back, descending only into the masters
 * that lead to tracks and blocks, and collects each track's codec and its frames (SimpleBlock and Block, with any
 * lacing). Masters of unknown size (live recordings) work because they are never skipped, only entered.
 */
final class MatroskaAudioReader {

    /** What one TrackEntry says, as far as an audio decoder cares. */
    static final class Track {
        long number = -1;
        long type = -1;
        String codecId = "";
        byte[] codecPrivate;
        long channels;
        long codecDelayNs;
        final List<byte[]> frames = new ArrayList<>();
        long discardPaddingNs;
    }

    private static final int EBML = 0x1A45DFA3;
    private static final int SEGMENT = 0x18538067;
    private static final int TRACKS = 0x1654AE6B;
    private static final int TRACK_ENTRY = 0xAE;
    private static final int TRACK_NUMBER = 0xD7;
    private static final int TRACK_TYPE = 0x83;
    private static final int CODEC_ID = 0x86;
    private static final int CODEC_PRIVATE = 0x63A2;
    private static final int CODEC_DELAY = 0x56AA;
    private static final int AUDIO = 0xE1;
    private static final int CHANNELS = 0x9F;
    private static final int CLUSTER = 0x1F43B675;
    private static final int SIMPLE_BLOCK = 0xA3;
    private static final int BLOCK_GROUP = 0xA0;
    private static final int BLOCK = 0xA1;
    private static final int DISCARD_PADDING = 0x75A2;
    private static final long UNKNOWN_SIZE = -1;

    private final byte[] data;
    private final String codec;
    private final List<Track> tracks = new ArrayList<>();
    /** A frame, or a DiscardPadding, waiting to be matched to its track. */
    private record ForTrack<T>(long track, T value) {
    }

    /** Blocks are matched to tracks after the walk, since nothing forces Tracks to come before the Clusters. */
    private final List<ForTrack<byte[]>> frames = new ArrayList<>();
    private final List<ForTrack<Long>> discardPaddings = new ArrayList<>();
    private long lastBlockTrack = -1;
    private int pos;

    private MatroskaAudioReader(byte[] data, String codec) {
        this.data = data;
        this.codec = codec;
    }

    /** Reads every track and its frames; corrupt or truncated data is reported with {@code codec} in the message. */
    static List<Track> read(byte[] data, String codec) {
        if (data.length < 4 || readFixed(data, 0, 4) != EBML) {
            throw new io.debabelizer.UnsupportedFormatException("not WebM/Matroska: no EBML header");
        }
        MatroskaAudioReader reader = new MatroskaAudioReader(data, codec);
        reader.walk();
        return reader.tracks;
    }

    private void walk() {
        long segmentEnd = -1;
        while (pos < data.length) {
            int elementStart = pos;
            int id = readId();
            long size = readSize();
            if (id == SEGMENT || id == TRACKS || id == TRACK_ENTRY || id == AUDIO || id == CLUSTER
                || id == BLOCK_GROUP) {
                if (id == SEGMENT && size != UNKNOWN_SIZE) {
                    segmentEnd = pos + size;
                }
                if (id == TRACK_ENTRY) {
                    tracks.add(new Track());
                }
                continue; // enter the master: its children follow
            }
            if (size == UNKNOWN_SIZE || pos + size > data.length) {
                throw DecodeErrors.corrupt(codec, "Matroska element at byte " + elementStart + " is cut short");
            }
            readLeaf(id, pos, (int) size);
            pos += (int) size;
        }
        if (segmentEnd > data.length) {
            throw DecodeErrors.corrupt(codec, "the Matroska segment is cut short (" + data.length + " of "
                + segmentEnd + " bytes)");
        }
        for (ForTrack<byte[]> frame : frames) {
            Track track = track(frame.track());
            if (track != null) {
                track.frames.add(frame.value());
            }
        }
        for (ForTrack<Long> padding : discardPaddings) {
            Track track = track(padding.track());
            if (track != null) {
                track.discardPaddingNs += padding.value();
            }
        }
    }

    private void readLeaf(int id, int at, int size) {
        Track current = tracks.isEmpty() ? null : tracks.getLast();
        switch (id) {
            case TRACK_NUMBER -> requireTrack(current).number = readUnsigned(at, size);
            case TRACK_TYPE -> requireTrack(current).type = readUnsigned(at, size);
            case CODEC_ID -> requireTrack(current).codecId =
                new String(data, at, size, StandardCharsets.US_ASCII).replace("\0", "");
            case CODEC_PRIVATE -> requireTrack(current).codecPrivate = Arrays.copyOfRange(data, at, at + size);
            case CODEC_DELAY -> requireTrack(current).codecDelayNs = readUnsigned(at, size);
            case CHANNELS -> requireTrack(current).channels = readUnsigned(at, size);
            case SIMPLE_BLOCK, BLOCK -> readBlock(at, size);
            case DISCARD_PADDING -> discardPaddings.add(new ForTrack<>(lastBlockTrack, readSigned(at, size)));
            default -> { } // anything else is skipped
        }
    }

    private Track requireTrack(Track current) {
        if (current == null) {
            throw DecodeErrors.corrupt(codec, "Matroska track field outside a TrackEntry at byte " + pos);
        }
        return current;
    }

    private Track track(long number) {
        for (Track track : tracks) {
            if (track.number == number) {
                return track;
            }
        }
        return null;
    }

    /** A (Simple)Block: track number, 16-bit timecode, flags, then one frame or a laced run of frames. */
    private void readBlock(int at, int size) {
        int end = at + size;
        int saved = pos;
        pos = at;
        long trackNumber = readSize();
        pos += 3; // timecode and flags
        if (trackNumber == UNKNOWN_SIZE || pos > end) {
            throw DecodeErrors.corrupt(codec, "Matroska block at byte " + at + " is malformed");
        }
        int lacing = (data[pos - 1] >> 1) & 3;
        List<Integer> sizes = new ArrayList<>();
        if (lacing != 0) {
            if (pos >= end) {
                throw DecodeErrors.corrupt(codec, "Matroska block at byte " + at + " is malformed");
            }
            int count = (data[pos++] & 0xFF) + 1;
            readLaceSizes(lacing, count, end, sizes);
        } else {
            sizes.add(end - pos);
        }
        for (int frameSize : sizes) {
            if (frameSize < 0 || pos + frameSize > end) {
                throw DecodeErrors.corrupt(codec, "Matroska block at byte " + at + " has bad lace sizes");
            }
            frames.add(new ForTrack<>(trackNumber, Arrays.copyOfRange(data, pos, pos + frameSize)));
            pos += frameSize;
        }
        lastBlockTrack = trackNumber;
        pos = saved;
    }

    private void readLaceSizes(int lacing, int count, int end, List<Integer> sizes) {
        int known = 0;
        if (lacing == 1) { // Xiph: each size as a run of 255s and a final byte below 255
            for (int i = 0; i < count - 1; i++) {
                int frameSize = 0;
                int b;
                do {
                    if (pos >= end) {
                        throw DecodeErrors.corrupt(codec, "Matroska Xiph lacing is cut short");
                    }
                    b = data[pos++] & 0xFF;
                    frameSize += b;
                } while (b == 255);
                sizes.add(frameSize);
                known += frameSize;
            }
        } else if (lacing == 3) { // EBML: first size, then signed differences to the previous one
            long previous = readSize();
            sizes.add((int) previous);
            known += (int) previous;
            for (int i = 1; i < count - 1; i++) {
                int start = pos;
                long raw = readSize();
                int length = pos - start;
                previous += raw - ((1L << (7 * length - 1)) - 1);
                sizes.add((int) previous);
                known += (int) previous;
            }
        } else { // fixed: all frames the same size
            int remaining = end - pos;
            if (remaining % count != 0) {
                throw DecodeErrors.corrupt(codec, "Matroska fixed-size lacing does not divide the block");
            }
            for (int i = 0; i < count; i++) {
                sizes.add(remaining / count);
            }
            return;
        }
        sizes.add(end - pos - known);
    }

    /** An element ID: 1 to 4 bytes, length marker kept. */
    private int readId() {
        if (pos >= data.length) {
            throw DecodeErrors.corrupt(codec, "Matroska data is cut short at byte " + pos);
        }
        int first = data[pos] & 0xFF;
        int length = Integer.numberOfLeadingZeros(first) - 23;
        if (first == 0 || length > 4) {
            throw DecodeErrors.corrupt(codec, "invalid Matroska element ID at byte " + pos);
        }
        if (pos + length > data.length) {
            throw DecodeErrors.corrupt(codec, "Matroska data is cut short at byte " + pos);
        }
        int id = (int) readFixed(data, pos, length);
        pos += length;
        return id;
    }

    /** A size or track number: 1 to 8 bytes, marker removed; all ones means unknown. */
    private long readSize() {
        if (pos >= data.length) {
            throw DecodeErrors.corrupt(codec, "Matroska data is cut short at byte " + pos);
        }
        int first = data[pos] & 0xFF;
        int length = Integer.numberOfLeadingZeros(first) - 23;
        if (first == 0 || pos + length > data.length) {
            throw DecodeErrors.corrupt(codec, "invalid Matroska size at byte " + pos);
        }
        long value = first & (0xFF >> length);
        boolean allOnes = value == (0xFF >> length);
        for (int i = 1; i < length; i++) {
            int b = data[pos + i] & 0xFF;
            allOnes &= b == 0xFF;
            value = (value << 8) | b;
        }
        pos += length;
        return allOnes ? UNKNOWN_SIZE : value;
    }

    private long readUnsigned(int at, int size) {
        if (size > 8) {
            throw DecodeErrors.corrupt(codec, "Matroska integer wider than 8 bytes at byte " + at);
        }
        return readFixed(data, at, size);
    }

    private long readSigned(int at, int size) {
        long value = readUnsigned(at, size);
        return size == 0 ? 0 : (value << (64 - 8 * size)) >> (64 - 8 * size);
    }

    private static long readFixed(byte[] data, int at, int size) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = (value << 8) | (data[at + i] & 0xFF);
        }
        return value;
    }
}
