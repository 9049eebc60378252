package io.debabelizer.cli.testprovider;

import io.debabelizer.spi.Availability;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderFactory;

/** A provider that is present but lacks its key, so it must be listed as unavailable with the reason. */
public final class UnconfiguredProviderFactory implements ProviderFactory {

    private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder("unconfigured")
            .displayName("Unconfigured (test)")
            .capabilities(Capability.TTS)
            .ttsPricePerMillionChars(30.0)
            .configKeys(ConfigKey.secret("api_key", "API key"))
            .build();

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        return config.secret("api_key").isPresent() ? Availability.ok()
                : Availability.unavailable("UNCONFIGURED_API_KEY not set");
    }
}
