package io.debabelizer.codecs;

import io.debabelizer.audio.AudioData;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusMSDecoder;

/**
 * Decodes the Opus packets of one stream (from Ogg or Matroska) with concentus, at the Opus native 48 kHz, and
 * applies the header's pre-skip and output gain.
 */
final class OpusStreamDecoder {

    static final int SAMPLE_RATE = 48_000;
    /** The longest Opus packet: 120 ms. */
    private static final int MAX_FRAME_SAMPLES = 5760;

    private final OpusHead head;
    private final String codec;
    private final OpusDecoder decoder;
    private final OpusMSDecoder multistreamDecoder;
    private final short[] buffer;
    private final Pcm16Buffer pcm;
    private final double gain;
    private long packets;

    OpusStreamDecoder(OpusHead head, String codec) {
        this.head = head;
        this.codec = codec;
        this.buffer = new short[MAX_FRAME_SAMPLES * head.channels()];
        this.pcm = new Pcm16Buffer(head.channels());
        this.gain = Math.pow(10, head.outputGainQ8() / (20.0 * 256));
        try {
            if (head.mappingFamily() == 0) {
                decoder = new OpusDecoder(SAMPLE_RATE, head.channels());
                multistreamDecoder = null;
            } else {
                decoder = null;
                multistreamDecoder = OpusMSDecoder.create(SAMPLE_RATE, head.channels(), head.streams(),
                    head.coupledStreams(), head.channelMapping());
            }
        } catch (OpusException | RuntimeException e) {
            throw DecodeErrors.corrupt(codec, e);
        }
    }

    void decode(byte[] packet) {
        if (packet.length == 0) {
            throw DecodeErrors.corrupt(codec, "empty Opus packet " + packets);
        }
        int samples;
        try {
            samples = decoder != null
                ? decoder.decode(packet, 0, packet.length, buffer, 0, MAX_FRAME_SAMPLES, false)
                : multistreamDecoder.decodeMultistream(packet, 0, packet.length, buffer, 0, MAX_FRAME_SAMPLES, 0);
        } catch (OpusException | RuntimeException e) {
            throw DecodeErrors.corrupt(codec, new IllegalStateException(
                "Opus packet " + packets + " does not decode (" + e.getMessage() + ")", e));
        }
        if (samples < 0) {
            throw DecodeErrors.corrupt(codec, "Opus packet " + packets + " does not decode (error " + samples + ")");
        }
        packets++;
        int count = samples * head.channels();
        if (head.outputGainQ8() == 0) {
            pcm.add(buffer, count);
        } else {
            for (int i = 0; i < count; i++) {
                pcm.add(Pcm16Buffer.clip((float) (buffer[i] * gain / 32768)));
            }
        }
    }

    /** 48 kHz samples per channel decoded so far, pre-skip included. */
    long decodedSamples() {
        return pcm.frames();
    }

    /**
     * The decoded audio without the pre-skip.
     *
     * @param totalSamples the stream's length in 48 kHz samples after pre-skip when the container states it
     *                     (end trimming), or -1
     */
    AudioData finish(long totalSamples) {
        if (packets == 0) {
            throw DecodeErrors.corrupt(codec, "the stream holds no audio packets");
        }
        return pcm.toAudioData(SAMPLE_RATE, head.preSkip(), totalSamples);
    }
}
