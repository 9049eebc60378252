package io.debabelizer.audio;

import io.debabelizer.UnsupportedFormatException;
import java.util.List;
import java.util.ServiceLoader;

/** The {@link AudioDecoder}s on the class path, loaded once with {@link ServiceLoader}. */
final class AudioDecoders {

    private AudioDecoders() {
    }

    /** Lazy holder: the first compressed input loads the list; later calls reuse it. */
    private static final class Loaded {
        static final List<AudioDecoder> DECODERS = ServiceLoader.load(AudioDecoder.class,
                AudioDecoders.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** Decodes compressed audio to 16-bit PCM with the first decoder that accepts its format. */
    static AudioData decode(AudioData input) {
        for (AudioDecoder decoder : Loaded.DECODERS) {
            if (decoder.canDecode(input.format())) {
                return decoder.decode(input);
            }
        }
        throw new UnsupportedFormatException("no decoder for " + input.format() + " on the class path; add "
                + "io.debabelizer:debabelizer-codecs to decode compressed audio");
    }
}
