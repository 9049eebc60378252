package io.debabelizer.spi;

/** A provider as the processor sees it: what it is and whether it can be used now (and if not, why). */
public record ProviderStatus(ProviderDescriptor descriptor, Availability availability) {

    public String name() {
        return descriptor.name();
    }

    public boolean available() {
        return availability.available();
    }
}
