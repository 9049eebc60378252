package io.debabelizer.cli;

import io.debabelizer.VoiceProcessor;
import io.debabelizer.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where every command gets its {@link VoiceProcessor}: the one seam between the command line and the library, so
 * tests and embedders can supply their own.
 */
@FunctionalInterface
public interface ProcessorFactory {

    /**
     * @param env        the environment to read configuration from
     * @param configFile the file given with {@code --config}, or null for the default search path
     */
    VoiceProcessor create(Map<String, String> env, Path configFile);

    /** Configuration from the environment and files; providers found with ServiceLoader. */
    static ProcessorFactory standard() {
        return (env, configFile) -> VoiceProcessor.builder().config(ConfigLoader.load(env, configFile)).build();
    }
}
