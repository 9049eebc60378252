package io.debabelizer.audio;

/**
 * Test double for the decoder SPI (registered in test resources): "decodes" ADTS AAC to a 1 kHz tone at 8 kHz
 * stereo, so tests can see that the converter finds decoders with ServiceLoader and post-processes their output.
 */
public final class FakeAdtsDecoder implements AudioDecoder {

    @Override
    public boolean canDecode(AudioFormat format) {
        return format.container() == Container.ADTS;
    }

    @Override
    public AudioData decode(AudioData input) {
        float[] mono = TestAudio.tone(1000, 8000, 0.5, 0.5);
        AudioFormat format = AudioFormat.pcm16(8000, 2);
        return AudioData.of(format, Pcm.fromFloat(Pcm.remix(mono, 1, 2), format));
    }
}
