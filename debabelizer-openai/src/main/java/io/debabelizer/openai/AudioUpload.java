package io.debabelizer.openai;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Wav;

/**
 * The {@code file} part of a transcription request: bytes, a filename whose extension names the container (OpenAI
 * picks the decoder by it) and a content type. Containers OpenAI accepts (flac, mp3, mp4/m4a, ogg, wav, webm) go as
 * they are; headerless PCM and G.711 are wrapped in a WAV header (samples untouched); anything else (AAC in ADTS)
 * is decoded and sent as 16 kHz mono WAV.
 */
record AudioUpload(byte[] bytes, String filename, String contentType) {

    static AudioUpload of(AudioData audio) {
        AudioFormat f = audio.format();
        return switch (f.container()) {
            case WAV, MP3, FLAC, OGG, WEBM -> new AudioUpload(audio.bytes(), "audio." + f.container().fileExtension(),
                    f.container().mimeType());
            case MP4 -> new AudioUpload(audio.bytes(), "audio.m4a", "audio/mp4");
            case RAW -> {
                if (!f.isUncompressed()) {
                    throw new UnsupportedFormatException("raw audio needs a known PCM or G.711 layout (encoding, "
                            + "sample rate, channels) to be sent to OpenAI, got " + f);
                }
                yield wav(Wav.write(f, audio.bytes()));
            }
            default -> wav(Wav.write(AudioConverter.toPcm16(audio, 16000, 1)));
        };
    }

    static AudioUpload wav(byte[] wavFile) {
        return new AudioUpload(wavFile, "audio.wav", Container.WAV.mimeType());
    }
}
