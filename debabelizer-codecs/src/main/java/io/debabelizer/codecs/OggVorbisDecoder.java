package io.debabelizer.codecs;

import com.jcraft.jogg.Packet;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioDecoder;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;

/**
 * Ogg/Vorbis to PCM at the stream's own rate with JOrbis (LGPL); the Ogg layer is {@link OggPacketReader}, so
 * JOrbis only decodes packets. The end is trimmed to the last page's granule position.
 */
public final class OggVorbisDecoder implements AudioDecoder {

    private static final String CODEC = "Ogg/Vorbis";

    @Override
    public boolean canDecode(AudioFormat format) {
        return format.container() == Container.OGG && format.encoding() == Encoding.VORBIS;
    }

    @Override
    public AudioData decode(AudioData input) {
        try {
            return decodeStream(new OggPacketReader(input.bytes(), CODEC));
        } catch (UnsupportedFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DecodeErrors.corrupt(CODEC, e);
        }
    }

    private static AudioData decodeStream(OggPacketReader reader) {
        Info info = new Info();
        info.init();
        Comment comment = new Comment();
        comment.init();
        for (int i = 0; i < 3; i++) { // identification, comment and setup headers
            OggPacketReader.Packet header = reader.next();
            if (header == null) {
                throw DecodeErrors.corrupt(CODEC, "the stream ends inside its three header packets");
            }
            if (i == 0 && !OggCodecs.describe(header.data()).equals("Vorbis")) {
                throw new UnsupportedFormatException("not Ogg/Vorbis: the Ogg stream carries "
                    + OggCodecs.describe(header.data()));
            }
            if (i == 1) {
                header = withoutComments(header);
            }
            if (info.synthesis_headerin(comment, toJogg(header, i)) < 0) {
                throw DecodeErrors.corrupt(CODEC, "Vorbis header packet " + i + " is invalid");
            }
        }
        if (info.channels < 1 || info.rate < 1) {
            throw DecodeErrors.corrupt(CODEC, "the Vorbis header states no channels or no sample rate");
        }
        DspState dsp = new DspState();
        dsp.synthesis_init(info);
        Block block = new Block(dsp);
        Pcm16Buffer pcm = new Pcm16Buffer(info.channels);
        float[][][] out = new float[1][][];
        int[] index = new int[info.channels];
        long packetNumber = 3;
        for (OggPacketReader.Packet packet = reader.next(); packet != null; packet = reader.next()) {
            if (block.synthesis(toJogg(packet, packetNumber++)) != 0) {
                throw DecodeErrors.corrupt(CODEC, "Vorbis audio packet " + packetNumber + " is invalid");
            }
            dsp.synthesis_blockin(block);
            for (int n = dsp.synthesis_pcmout(out, index); n > 0; n = dsp.synthesis_pcmout(out, index)) {
                for (int i = 0; i < n; i++) {
                    for (int ch = 0; ch < info.channels; ch++) {
                        pcm.add(Pcm16Buffer.clip(out[0][ch][index[ch] + i]));
                    }
                }
                dsp.synthesis_read(n);
            }
        }
        if (packetNumber == 3) {
            throw DecodeErrors.corrupt(CODEC, "the stream holds no audio packets");
        }
        // The final granule position is the stream's length in samples; anything after it is padding.
        return pcm.toAudioData(info.rate, 0, reader.lastGranule());
    }

    /**
     * An empty comment header in place of the stream's own: JOrbis allocates whatever the comment lengths say, so
     * a damaged one could exhaust the heap, and the tags are not needed to decode.
     */
    private static OggPacketReader.Packet withoutComments(OggPacketReader.Packet header) {
        if (!OggCodecs.startsWith(header.data(), 1, "vorbis") || header.data()[0] != 3) {
            throw DecodeErrors.corrupt(CODEC, "the second header packet is not a Vorbis comment header");
        }
        // type 3, "vorbis", vendor length 0, comment count 0, framing bit
        byte[] empty = {3, 'v', 'o', 'r', 'b', 'i', 's', 0, 0, 0, 0, 0, 0, 0, 0, 1};
        return new OggPacketReader.Packet(empty, header.granulePosition());
    }

    private static Packet toJogg(OggPacketReader.Packet source, long number) {
        Packet packet = new Packet();
        packet.packet_base = source.data();
        packet.packet = 0;
        packet.bytes = source.data().length;
        packet.b_o_s = number == 0 ? 1 : 0;
        packet.granulepos = source.granulePosition();
        packet.packetno = number;
        return packet;
    }
}
