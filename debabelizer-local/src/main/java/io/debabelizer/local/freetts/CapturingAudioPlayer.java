package io.debabelizer.local.freetts;

import com.sun.speech.freetts.audio.AudioPlayer;
import java.io.ByteArrayOutputStream;
import javax.sound.sampled.AudioFormat;

/** A FreeTTS "player" that keeps the audio in memory instead of playing it on a sound card. */
final class CapturingAudioPlayer implements AudioPlayer {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private AudioFormat format = new AudioFormat(16000, 16, 1, true, true);
    private float volume = 1.0f;

    /** The captured audio as samples; FreeTTS writes signed 16-bit PCM in {@link #getAudioFormat()}'s byte order. */
    short[] samples() {
        byte[] b = bytes.toByteArray();
        short[] out = new short[b.length / 2];
        boolean bigEndian = format.isBigEndian();
        for (int i = 0; i < out.length; i++) {
            int hi = bigEndian ? b[2 * i] : b[2 * i + 1];
            int lo = bigEndian ? b[2 * i + 1] : b[2 * i];
            out[i] = (short) ((hi << 8) | (lo & 0xff));
        }
        return out;
    }

    int sampleRate() {
        return Math.round(format.getSampleRate());
    }

    @Override
    public void setAudioFormat(AudioFormat format) {
        if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1) {
            throw new IllegalArgumentException("unexpected FreeTTS audio format " + format);
        }
        this.format = format;
    }

    @Override
    public AudioFormat getAudioFormat() {
        return format;
    }

    @Override
    public boolean write(byte[] audio) {
        return write(audio, 0, audio.length);
    }

    @Override
    public boolean write(byte[] audio, int offset, int length) {
        bytes.write(audio, offset, length);
        return true;
    }

    @Override
    public void begin(int size) {
    }

    @Override
    public boolean end() {
        return true;
    }

    @Override
    public boolean drain() {
        return true;
    }

    @Override
    public void pause() {
    }

    @Override
    public void resume() {
    }

    @Override
    public void reset() {
    }

    @Override
    public void cancel() {
    }

    @Override
    public void close() {
    }

    @Override
    public float getVolume() {
        return volume;
    }

    @Override
    public void setVolume(float volume) {
        this.volume = volume;
    }

    @Override
    public long getTime() {
        return 0;
    }

    @Override
    public void resetTime() {
    }

    @Override
    public void startFirstSampleTimer() {
    }

    @Override
    public void showMetrics() {
    }
}
