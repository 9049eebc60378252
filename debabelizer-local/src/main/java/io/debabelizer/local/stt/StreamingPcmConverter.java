package io.debabelizer.local.stt;

import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Pcm;
import io.debabelizer.audio.Resampler;
import io.debabelizer.local.Pcm16;

/**
 * Turns chunks of uncompressed audio (linear PCM of any depth and byte order, or G.711; any rate and channel count)
 * into 16 kHz mono samples for the engines, carrying partial frames and the band-limited resampler's state from one
 * chunk to the next. {@link #flush()} returns the resampler's tail at the end of the stream.
 */
final class StreamingPcmConverter {

    private final AudioFormat format;
    private final int frameBytes;
    private final Resampler resampler;
    private final byte[] leftover;
    private int leftoverLength;

    StreamingPcmConverter(AudioFormat format, String provider) {
        if (format.container() != Container.RAW || !format.isUncompressed() || format.sampleRate() < 1000) {
            throw new InvalidInputException("live streaming to " + provider + " needs raw PCM (16-bit signed, float, "
                    + "...) or G.711 with a known sample rate and channel count, got " + format, provider, null, null);
        }
        this.format = format;
        this.frameBytes = format.frameSize();
        this.resampler = format.sampleRate() == Pcm16.ENGINE_RATE ? null
                : Resampler.create(format.sampleRate(), Pcm16.ENGINE_RATE, 1);
        this.leftover = new byte[frameBytes];
    }

    /** The 16 kHz mono samples that {@code chunk} (and any bytes held back from the previous one) complete. */
    short[] convert(byte[] chunk) {
        byte[] combined = new byte[leftoverLength + chunk.length];
        System.arraycopy(leftover, 0, combined, 0, leftoverLength);
        System.arraycopy(chunk, 0, combined, leftoverLength, chunk.length);
        int whole = combined.length / frameBytes * frameBytes;
        leftoverLength = combined.length - whole;
        System.arraycopy(combined, whole, leftover, 0, leftoverLength);
        float[] mono = Pcm.downmix(Pcm.toFloat(combined, 0, whole, format), format.channels());
        return Pcm.toShorts(resampler == null ? mono : resampler.process(mono));
    }

    /** The last samples still inside the resampler's filter, at the end of the stream. */
    short[] flush() {
        return resampler == null ? new short[0] : Pcm.toShorts(resampler.flush());
    }
}
