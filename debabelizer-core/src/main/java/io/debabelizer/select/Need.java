package io.debabelizer.select;

import io.debabelizer.audio.Container;
import io.debabelizer.spi.Capability;

/**
 * What a request needs from a provider, derived from the request itself.
 *
 * @param capability what must be supported (STT, STT_STREAMING, TTS, TTS_STREAMING)
 * @param language   BCP-47 language asked for, or null for any/auto-detect
 * @param container  input container (STT), or null when it does not matter
 * @param wordTimestamps whether word times were asked for
 * @param diarization    whether speaker labels were asked for
 */
public record Need(Capability capability, String language, Container container, boolean wordTimestamps,
                   boolean diarization) {

    public static Need of(Capability capability) {
        return new Need(capability, null, null, false, false);
    }
}
