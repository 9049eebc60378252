package io.debabelizer.local;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes the canonical 44-byte RIFF/WAVE header in front of 16-bit PCM, which is all local TTS engines produce. */
public final class WavBytes {

    public static final int HEADER_BYTES = 44;

    private WavBytes() {
    }

    /** A complete WAV file holding {@code pcm} (16-bit little-endian, interleaved). */
    public static byte[] of(byte[] pcm, int sampleRate, int channels) {
        int blockAlign = channels * 2;
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + pcm.length).put(new byte[] {'W', 'A', 'V', 'E'});
        b.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) channels)
                .putInt(sampleRate).putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) 16);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt(pcm.length).put(pcm);
        return b.array();
    }
}
