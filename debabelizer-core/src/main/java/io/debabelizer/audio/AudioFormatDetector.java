package io.debabelizer.audio;

import io.debabelizer.UnsupportedFormatException;

/**
 * Tells what audio a byte array holds by looking at its content, never at a file name.
 * (Implementation: audio-toolkit work item.)
 */
public final class AudioFormatDetector {

    private AudioFormatDetector() {
    }

    /**
     * Detects the container, codec and (where the header states them) rate, channels and bit depth.
     *
     * @throws UnsupportedFormatException for empty, truncated or unrecognised data, with a message saying which
     */
    public static AudioFormat detect(byte[] data) {
        throw new UnsupportedFormatException("format detection not implemented yet");
    }
}
