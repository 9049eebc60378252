package io.debabelizer;

/** Configuration is missing or invalid: a key, a file or a value. Not retryable until the configuration changes. */
public class ConfigurationException extends DebabelizerException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConfigurationException(String message, String provider, String requestId, Throwable cause) {
        super(message, provider, requestId, cause);
    }

}
