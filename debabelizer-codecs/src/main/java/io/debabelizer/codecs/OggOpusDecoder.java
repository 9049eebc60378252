package io.debabelizer.codecs;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioDecoder;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;

/**
 * Ogg/Opus (RFC 7845) to 48 kHz PCM with concentus. Honours the OpusHead pre-skip, output gain and channel count,
 * and trims the end to the last page's granule position.
 */
public final class OggOpusDecoder implements AudioDecoder {

    private static final String CODEC = "Ogg/Opus";

    @Override
    public boolean canDecode(AudioFormat format) {
        return format.container() == Container.OGG && format.encoding() == Encoding.OPUS;
    }

    @Override
    public AudioData decode(AudioData input) {
        try {
            return decodeStream(input);
        } catch (UnsupportedFormatException e) {
            throw e;
        } catch (RuntimeException e) { // a bug or an unforeseen corruption: still the caller's input problem
            throw DecodeErrors.corrupt(CODEC, e);
        }
    }

    private static AudioData decodeStream(AudioData input) {
        OggPacketReader reader = new OggPacketReader(input.bytes(), CODEC);
        OggPacketReader.Packet first = reader.next();
        if (first == null) {
            throw DecodeErrors.corrupt(CODEC, "the stream is empty");
        }
        if (!OggCodecs.startsWith(first.data(), "OpusHead")) {
            throw new UnsupportedFormatException("not Ogg/Opus: the Ogg stream carries "
                + OggCodecs.describe(first.data()));
        }
        OpusHead head = OpusHead.parse(first.data(), CODEC);
        OggPacketReader.Packet tags = reader.next();
        if (tags == null || !OggCodecs.startsWith(tags.data(), "OpusTags")) {
            throw DecodeErrors.corrupt(CODEC, "the OpusTags header is missing");
        }
        OpusStreamDecoder decoder = new OpusStreamDecoder(head, CODEC);
        for (OggPacketReader.Packet packet = reader.next(); packet != null; packet = reader.next()) {
            decoder.decode(packet.data());
        }
        // The final granule position counts 48 kHz samples including the pre-skip; what lies beyond it is padding.
        long granule = reader.lastGranule();
        long total = granule >= head.preSkip() ? granule - head.preSkip() : -1;
        return decoder.finish(total);
    }
}
