package io.debabelizer.codecs;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads the packets of the first logical stream in an Ogg file (RFC 3533), checking each page's CRC and sequence
 * number; pages of other multiplexed streams are skipped. Every error names the codec so callers can pass it on.
 */
final class OggPacketReader {

    /** One packet and, for the last packet that ends on a page, that page's granule position (else -1). */
    record Packet(byte[] data, long granulePosition) {
    }

    private static final int[] CRC_TABLE = crcTable();

    private final byte[] data;
    private final String codec;
    private final Deque<Packet> ready = new ArrayDeque<>();
    private int pos;
    private int serial;
    private boolean haveSerial;
    private long expectedSequence;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private boolean endOfStream;
    private long lastGranule = -1;

    OggPacketReader(byte[] data, String codec) {
        this.data = data;
        this.codec = codec;
    }

    /** The next packet, or null at the end of the stream. */
    Packet next() {
        while (ready.isEmpty() && !endOfStream && pos < data.length) {
            readPage();
        }
        if (ready.isEmpty() && partial.size() > 0) {
            throw DecodeErrors.corrupt(codec, "the last Ogg packet is cut short");
        }
        return ready.poll();
    }

    /** Granule position of the last page read of our stream, or -1 if none stated one yet. */
    long lastGranule() {
        return lastGranule;
    }

    private void readPage() {
        if (data.length - pos < 27) {
            throw DecodeErrors.corrupt(codec, "Ogg page header cut short at byte " + pos);
        }
        if (data[pos] != 'O' || data[pos + 1] != 'g' || data[pos + 2] != 'g' || data[pos + 3] != 'S') {
            throw DecodeErrors.corrupt(codec, "no Ogg page at byte " + pos);
        }
        if (data[pos + 4] != 0) {
            throw DecodeErrors.corrupt(codec, "unknown Ogg version " + data[pos + 4]);
        }
        int flags = data[pos + 5];
        long granule = readLong(pos + 6);
        int pageSerial = readInt(pos + 14);
        long sequence = readInt(pos + 18) & 0xFFFFFFFFL;
        int segments = data[pos + 26] & 0xFF;
        int headerLength = 27 + segments;
        if (data.length - pos < headerLength) {
            throw DecodeErrors.corrupt(codec, "Ogg page header cut short at byte " + pos);
        }
        int bodyLength = 0;
        for (int i = 0; i < segments; i++) {
            bodyLength += data[pos + 27 + i] & 0xFF;
        }
        if (data.length - pos < headerLength + bodyLength) {
            throw DecodeErrors.corrupt(codec, "Ogg page at byte " + pos + " is cut short");
        }
        if (crc(pos, headerLength + bodyLength) != readInt(pos + 22)) {
            throw DecodeErrors.corrupt(codec, "Ogg page at byte " + pos + " fails its checksum");
        }
        int pageStart = pos;
        pos += headerLength + bodyLength;
        if (!haveSerial) {
            if ((flags & 2) == 0) {
                throw DecodeErrors.corrupt(codec, "the Ogg stream does not start with a beginning-of-stream page");
            }
            serial = pageSerial;
            haveSerial = true;
            expectedSequence = sequence;
        } else if (pageSerial != serial) {
            return; // another multiplexed stream
        }
        if (sequence != expectedSequence) {
            throw DecodeErrors.corrupt(codec, "Ogg page missing before byte " + pageStart);
        }
        expectedSequence++;
        boolean continued = (flags & 1) != 0;
        if (continued != (partial.size() > 0)) {
            throw DecodeErrors.corrupt(codec, "broken Ogg packet continuation at byte " + pageStart);
        }
        List<Packet> completed = new ArrayList<>();
        int segmentStart = pageStart + headerLength;
        for (int i = 0; i < segments; i++) {
            int lacing = data[pageStart + 27 + i] & 0xFF;
            partial.write(data, segmentStart, lacing);
            segmentStart += lacing;
            if (lacing < 255) { // a lacing value below 255 ends the packet
                completed.add(new Packet(partial.toByteArray(), -1));
                partial.reset();
            }
        }
        if (granule != -1) {
            lastGranule = granule;
            if (!completed.isEmpty()) {
                int last = completed.size() - 1;
                completed.set(last, new Packet(completed.get(last).data(), granule));
            }
        }
        ready.addAll(completed);
        endOfStream = (flags & 4) != 0;
    }

    private int readInt(int at) {
        return (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8 | (data[at + 2] & 0xFF) << 16
            | (data[at + 3] & 0xFF) << 24;
    }

    private long readLong(int at) {
        return (readInt(at) & 0xFFFFFFFFL) | ((long) readInt(at + 4) << 32);
    }

    /** Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0, computed with the CRC field as zeros. */
    private int crc(int from, int length) {
        int crc = 0;
        for (int i = 0; i < length; i++) {
            int b = (i >= 22 && i < 26) ? 0 : data[from + i] & 0xFF;
            crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xFF];
        }
        return crc;
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }
}
