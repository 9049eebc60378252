package io.debabelizer.codecs;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioDecoder;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

/**
 * Native FLAC (4 to 32 bits per sample) to 16-bit PCM with jflac. Deeper samples are shifted down (truncated, not
 * dithered: the result feeds speech engines, not a mastering chain); 8-bit and other shallow ones are shifted up.
 */
public final class FlacDecoder implements AudioDecoder {

    private static final String CODEC = "FLAC";
    private static final int STREAMINFO = 0;
    private static final int STREAMINFO_LENGTH = 34;

    @Override
    public boolean canDecode(AudioFormat format) {
        return format.container() == Container.FLAC;
    }

    @Override
    public AudioData decode(AudioData input) {
        byte[] data = input.bytes();
        if (data.length < 4 || data[0] != 'f' || data[1] != 'L' || data[2] != 'a' || data[3] != 'C') {
            throw new UnsupportedFormatException("not FLAC: the data does not start with the \"fLaC\" marker");
        }
        try {
            return decodeStream(data);
        } catch (UnsupportedFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw DecodeErrors.corrupt(CODEC, e);
        }
    }

    /**
     * The stream with every metadata block but STREAMINFO removed. jflac trusts the length fields inside
     * Vorbis comments, pictures and cue sheets and allocates whatever they say, so a damaged tag could exhaust the
     * heap; none of them matters for decoding.
     */
    static byte[] withStreamInfoOnly(byte[] data) {
        int pos = 4;
        boolean last = false;
        while (!last) {
            if (pos + 4 > data.length) {
                throw DecodeErrors.corrupt(CODEC, "metadata is cut short");
            }
            last = (data[pos] & 0x80) != 0;
            int type = data[pos] & 0x7F;
            int length = (data[pos + 1] & 0xFF) << 16 | (data[pos + 2] & 0xFF) << 8 | (data[pos + 3] & 0xFF);
            if (pos == 4 && (type != STREAMINFO || length != STREAMINFO_LENGTH)) {
                throw DecodeErrors.corrupt(CODEC, "the first metadata block is not a valid STREAMINFO");
            }
            if (type == 127) {
                throw DecodeErrors.corrupt(CODEC, "invalid metadata block type at byte " + pos);
            }
            pos += 4 + length;
            if (pos > data.length) {
                throw DecodeErrors.corrupt(CODEC, "metadata block is cut short");
            }
        }
        int streamInfoEnd = 4 + 4 + STREAMINFO_LENGTH;
        byte[] out = new byte[streamInfoEnd + data.length - pos];
        System.arraycopy(data, 0, out, 0, streamInfoEnd);
        out[4] = (byte) 0x80; // STREAMINFO becomes the last metadata block
        System.arraycopy(data, pos, out, streamInfoEnd, data.length - pos);
        return out;
    }

    /** Fails the read once the decoder keeps asking for data after the end (jflac's resync loop never stops). */
    private static final class EndOfDataGuard extends FilterInputStream {

        private static final int MAX_READS_AT_END = 16;
        private int readsAtEnd;

        EndOfDataGuard(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            return count(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return count(super.read(b, off, len));
        }

        private int count(int result) throws IOException {
            if (result < 0 && ++readsAtEnd > MAX_READS_AT_END) {
                throw new IOException("no decodable frame before the end of the data");
            }
            return result;
        }
    }

    private static AudioData decodeStream(byte[] data) throws IOException {
        byte[] stream = withStreamInfoOnly(data);
        FLACDecoder decoder = new FLACDecoder(new EndOfDataGuard(new ByteArrayInputStream(stream)));
        decoder.readMetadata();
        StreamInfo info = decoder.getStreamInfo();
        if (info == null) {
            throw DecodeErrors.corrupt(CODEC, "no STREAMINFO block");
        }
        int channels = info.getChannels();
        int shift = info.getBitsPerSample() - 16;
        Pcm16Buffer pcm = new Pcm16Buffer(channels);
        long expected = info.getTotalSamples(); // 0 when the encoder did not know it
        // readNextFrame skips (and counts) frames that fail to decode and retries; on damaged data at the end of
        // the input it would retry forever, which EndOfDataGuard turns into an IOException. It also stops looking
        // for frames once the announced length is reached, so never ask it for more than that.
        for (Frame frame = decoder.readNextFrame(); frame != null;
             frame = expected > 0 && pcm.frames() >= expected ? null : decoder.readNextFrame()) {
            if (frame.header.channels != channels) {
                throw DecodeErrors.corrupt(CODEC, "channel count changed in frame " + frame.header.frameNumber);
            }
            ChannelData[] channelData = decoder.getChannelData();
            int blockSize = frame.header.blockSize;
            for (int i = 0; i < blockSize; i++) {
                for (int ch = 0; ch < channels; ch++) {
                    int sample = channelData[ch].getOutput()[i];
                    pcm.add(shift >= 0 ? sample >> shift : sample << -shift);
                }
            }
        }
        if (decoder.getBadFrames() > 0) {
            throw DecodeErrors.corrupt(CODEC, decoder.getBadFrames() + " frame(s) failed to decode");
        }
        if (expected > 0 && pcm.frames() != expected) {
            throw DecodeErrors.corrupt(CODEC, "decoded " + pcm.frames() + " of the " + expected
                + " samples the header announces");
        }
        if (pcm.frames() == 0) {
            throw DecodeErrors.corrupt(CODEC, "the stream holds no audio frames");
        }
        return pcm.toAudioData(info.getSampleRate(), 0, -1);
    }
}
