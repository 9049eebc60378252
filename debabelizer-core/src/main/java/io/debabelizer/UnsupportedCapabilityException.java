package io.debabelizer;

/** The provider does not offer what was asked of it (e.g. live streaming from a batch-only provider). */
public class UnsupportedCapabilityException extends InvalidInputException {

    public UnsupportedCapabilityException(String message, String provider) {
        super(message, provider, null, null);
    }
}
