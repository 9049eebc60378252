package io.debabelizer.local;

import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.audio.Pcm;
import io.debabelizer.audio.Wav;
import java.util.Arrays;
import java.util.Random;

/**
 * Awkward inputs as real WAV files (built with the core's {@link Wav} writer, so the provider has to detect and
 * convert them through the audio toolkit like any user file), all made from one short speech recording.
 */
public final class RobustInputs {

    private static final int RATE = 16_000;
    private final short[] speech;

    /** Inputs around the first {@code seconds} of {@code file} from the shared recordings. */
    public RobustInputs(String file, double seconds) {
        short[] all = SpeechSamples.samples(file);
        this.speech = Arrays.copyOf(all, (int) Math.min(all.length, Math.round(seconds * RATE)));
    }

    /** The speech as it is: 16 kHz mono 16-bit WAV. */
    public AudioData speech() {
        return wav(AudioFormat.pcm16(RATE, 1), Pcm.fromShorts(speech));
    }

    public double speechSeconds() {
        return speech.length / (double) RATE;
    }

    /** A valid WAV header with no samples at all. */
    public static AudioData emptyWav() {
        return wav(AudioFormat.pcm16(RATE, 1), new byte[0]);
    }

    /** 10 ms (160 samples) from the middle of the speech. */
    public AudioData tenMilliseconds() {
        int from = speech.length / 2;
        return wav(AudioFormat.pcm16(RATE, 1), Pcm.fromShorts(Arrays.copyOfRange(speech, from, from + 160)));
    }

    /** Exact digital silence. */
    public static AudioData silence(double seconds) {
        return wav(AudioFormat.pcm16(RATE, 1), new byte[(int) (seconds * RATE) * 2]);
    }

    /** The speech driven 26 dB into hard clipping. */
    public AudioData clipped() {
        return wav(AudioFormat.pcm16(RATE, 1), Pcm.fromShorts(TestAudio.clipped(speech)));
    }

    /** The speech at telephone rate, 8 kHz. */
    public AudioData eightKilohertz() {
        AudioData narrow = AudioConverter.toPcm16(AudioData.of(AudioFormat.pcm16(RATE, 1), Pcm.fromShorts(speech)),
                8_000, 1);
        return wav(narrow.format(), narrow.bytes());
    }

    /** Stereo: the speech on the left, the same 6 dB quieter and 20 ms late on the right. */
    public AudioData stereo() {
        int delay = RATE / 50;
        byte[] interleaved = new byte[speech.length * 4];
        short[] frame = new short[2];
        for (int i = 0; i < speech.length; i++) {
            frame[0] = speech[i];
            frame[1] = (short) (i >= delay ? speech[i - delay] / 2 : 0);
            System.arraycopy(Pcm.fromShorts(frame), 0, interleaved, 4 * i, 4);
        }
        return wav(AudioFormat.pcm16(RATE, 2), interleaved);
    }

    /** The speech as 48 kHz 32-bit IEEE float, as audio editors export it. */
    public AudioData float48Kilohertz() {
        AudioData up = AudioConverter.toPcm16(AudioData.of(AudioFormat.pcm16(RATE, 1), Pcm.fromShorts(speech)),
                48_000, 1);
        AudioFormat float32 = new AudioFormat(Container.RAW, Encoding.PCM_FLOAT, 48_000, 1, 32);
        return wav(float32, Pcm.fromFloat(Pcm.toFloat(up.bytes(), up.format()), float32));
    }

    /**
     * {@code minutes} of a quiet room (±2 LSB of noise) with the speech once a minute: long enough to find
     * buffers, counters or per-utterance state that do not scale, cheap enough to decode in a test.
     */
    public AudioData minutesOfSparseSpeech(int minutes) {
        short[] s = new short[minutes * 60 * RATE];
        Random noise = new Random(42);
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (noise.nextInt(5) - 2);
        }
        for (int at = RATE / 2; at + speech.length <= s.length; at += 60 * RATE) {
            System.arraycopy(speech, 0, s, at, speech.length);
        }
        return wav(AudioFormat.pcm16(RATE, 1), Pcm.fromShorts(s));
    }

    private static AudioData wav(AudioFormat format, byte[] samples) {
        AudioData file = AudioData.of(Wav.write(format, samples));
        if (file.format().container() != Container.WAV) {
            throw new IllegalStateException("the WAV writer's output was not detected as WAV: " + file.format());
        }
        return file;
    }
}
