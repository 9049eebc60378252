package io.debabelizer.codecs;

import io.debabelizer.UnsupportedFormatException;

/** Builds the typed errors every decoder in this module reports; no library exception leaves a decoder. */
final class DecodeErrors {

    private DecodeErrors() {
    }

    static UnsupportedFormatException corrupt(String codec, String detail) {
        return new UnsupportedFormatException(codec + " data is corrupt or truncated: " + detail);
    }

    static UnsupportedFormatException corrupt(String codec, Throwable cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new UnsupportedFormatException(codec + " data is corrupt or truncated: " + detail, cause);
    }
}
