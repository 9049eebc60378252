package io.debabelizer.google;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;

/**
 * The {@code StreamingAudioConfig.audio_encoding} for an output format. StreamingSynthesize sends headerless 16-bit
 * PCM ({@code PCM}; a WAV stream gets its header from here) or Ogg Opus; µ-law, A-law and MP3 stream sentence by
 * sentence over REST instead.
 *
 * @param audioEncoding AudioEncoding value name
 * @param wavHeader     whether the stream starts with a WAV header made here
 */
record StreamingEncoding(String audioEncoding, boolean wavHeader) {

    static boolean supports(TtsEncoding encoding) {
        return match(encoding) != null;
    }

    static StreamingEncoding of(TtsEncoding encoding) {
        StreamingEncoding e = match(encoding);
        if (e == null) {
            throw new UnsupportedFormatException("StreamingSynthesize cannot produce " + encoding.format()
                    + "; it streams 16-bit PCM (raw or WAV) and Ogg Opus", GoogleSettings.PROVIDER, null, null);
        }
        return e;
    }

    private static StreamingEncoding match(TtsEncoding encoding) {
        var f = encoding.format();
        if (f.encoding() == Encoding.PCM_SIGNED && (f.container() == Container.WAV || f.container() == Container.RAW)) {
            return new StreamingEncoding("PCM", f.container() == Container.WAV);
        }
        if (f.container() == Container.OGG) {
            return new StreamingEncoding("OGG_OPUS", false);
        }
        return null;
    }
}
