package io.debabelizer.codecs;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioDecoder;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/**
 * MPEG-1/2/2.5 audio (layers I-III, in practice MP3) to PCM with jlayer. The frames are walked and checked here
 * first, because jlayer silently pads a truncated frame with zeros; encoder delay and padding from a LAME/Info tag
 * are trimmed so the output has exactly the encoded length.
 */
public final class Mp3Decoder implements AudioDecoder {

    private static final String CODEC = "MP3";
    /** How far past the tags to look for the first frame when the data does not start with one. */
    private static final int MAX_LEADING_JUNK = 64 * 1024;

    @Override
    public boolean canDecode(AudioFormat format) {
        return format.container() == Container.MP3 || format.encoding() == Encoding.MP3;
    }

    @Override
    public AudioData decode(AudioData input) {
        try {
            return decodeStream(input.bytes());
        } catch (UnsupportedFormatException e) {
            throw e;
        } catch (RuntimeException e) { // a bug or an unforeseen corruption: still the caller's input problem
            throw DecodeErrors.corrupt(CODEC, e);
        }
    }

    private static AudioData decodeStream(byte[] data) {
        int afterTags = skipId3v2(data);
        if (data.length - afterTags < 4) {
            throw new UnsupportedFormatException(afterTags == 0 ? "MP3 data is empty" : "MP3 data holds only a tag");
        }
        int start = findFirstFrame(data, afterTags);
        List<Integer> frameOffsets = walkFrames(data, start);
        MpegAudioHeader first = MpegAudioHeader.parse(data, start);
        GaplessInfo gapless = GaplessInfo.read(data, start, first);
        if (gapless != null) {
            frameOffsets.removeFirst(); // the tag frame is silence, not audio
        }
        if (frameOffsets.isEmpty()) {
            throw DecodeErrors.corrupt(CODEC, "the stream holds no audio frames");
        }
        Pcm16Buffer pcm = decodeFrames(data, frameOffsets, first.channels());
        long skip = 0;
        long keep = -1;
        if (gapless != null && gapless.encoderDelay() >= 0) {
            long frames = gapless.frames() > 0 ? gapless.frames() : frameOffsets.size();
            skip = gapless.encoderDelay() + GaplessInfo.DECODER_DELAY;
            keep = Math.max(0, frames * first.samplesPerFrame() - gapless.encoderDelay() - gapless.encoderPadding());
        }
        return pcm.toAudioData(first.sampleRate(), skip, keep);
    }

    private static Pcm16Buffer decodeFrames(byte[] data, List<Integer> frameOffsets, int channels) {
        int from = frameOffsets.getFirst();
        Bitstream bitstream = new Bitstream(new ByteArrayInputStream(data, from, data.length - from));
        Decoder decoder = new Decoder();
        Pcm16Buffer pcm = new Pcm16Buffer(channels);
        try {
            for (int i = 0; i < frameOffsets.size(); i++) {
                Header header = bitstream.readFrame();
                if (header == null) {
                    throw DecodeErrors.corrupt(CODEC, "decoder lost the stream at frame " + i);
                }
                SampleBuffer out = (SampleBuffer) decoder.decodeFrame(header, bitstream);
                if (out.getChannelCount() != channels) {
                    throw DecodeErrors.corrupt(CODEC, "channel count changed at frame " + i);
                }
                pcm.add(out.getBuffer(), out.getBufferLength());
                bitstream.closeFrame();
            }
        } catch (BitstreamException | DecoderException | RuntimeException e) {
            if (e instanceof UnsupportedFormatException ufe) {
                throw ufe;
            }
            throw DecodeErrors.corrupt(CODEC, e);
        }
        return pcm;
    }

    /** Skips any ID3v2 tags (there may be several) and returns the offset after them. */
    static int skipId3v2(byte[] data) {
        int pos = 0;
        while (pos + 10 <= data.length && data[pos] == 'I' && data[pos + 1] == 'D' && data[pos + 2] == '3') {
            int size = 0;
            for (int i = 6; i < 10; i++) {
                int b = data[pos + i] & 0xFF;
                if (b > 0x7F) {
                    throw DecodeErrors.corrupt(CODEC, "invalid ID3v2 tag size");
                }
                size = (size << 7) | b; // "syncsafe": 7 bits per byte
            }
            boolean footer = (data[pos + 5] & 0x10) != 0;
            pos += 10 + size + (footer ? 10 : 0);
        }
        if (pos > data.length) {
            throw DecodeErrors.corrupt(CODEC, "the ID3v2 tag is longer than the data");
        }
        return pos;
    }

    /** The first offset where two consecutive frame headers agree (one header alone is too easily faked). */
    private static int findFirstFrame(byte[] data, int from) {
        int limit = Math.min(data.length - 4, from + MAX_LEADING_JUNK);
        for (int pos = from; pos <= limit; pos++) {
            MpegAudioHeader header = MpegAudioHeader.parse(data, pos);
            if (header == null) {
                continue;
            }
            int next = pos + header.frameBytes();
            if (next == data.length) {
                return pos;
            }
            MpegAudioHeader following = MpegAudioHeader.parse(data, next);
            if (following != null && following.sameStreamAs(header)) {
                return pos;
            }
        }
        throw new UnsupportedFormatException("not MPEG audio: no MP3 frame found in the first "
            + (limit - from + 4) + " bytes");
    }

    /** Offsets of every frame from {@code start} to the end; any break in the chain is reported as corruption. */
    private static List<Integer> walkFrames(byte[] data, int start) {
        List<Integer> offsets = new ArrayList<>();
        MpegAudioHeader first = MpegAudioHeader.parse(data, start);
        int pos = start;
        while (pos < data.length && !isTrailingTag(data, pos)) {
            MpegAudioHeader header = MpegAudioHeader.parse(data, pos);
            if (header == null || !header.sameStreamAs(first)) {
                throw DecodeErrors.corrupt(CODEC, "frame sync lost at byte " + pos);
            }
            if (pos + header.frameBytes() > data.length) {
                throw DecodeErrors.corrupt(CODEC, "the last frame is cut short (" + (data.length - pos) + " of "
                    + header.frameBytes() + " bytes)");
            }
            offsets.add(pos);
            pos += header.frameBytes();
        }
        return offsets;
    }

    /** ID3v1, APE and Lyrics3 tags that encoders append after the last frame. */
    private static boolean isTrailingTag(byte[] data, int pos) {
        String head = new String(data, pos, Math.min(8, data.length - pos), StandardCharsets.ISO_8859_1);
        return head.startsWith("TAG") || head.startsWith("APETAGEX") || head.startsWith("LYRICS");
    }
}
