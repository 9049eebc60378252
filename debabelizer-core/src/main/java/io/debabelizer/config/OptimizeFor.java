package io.debabelizer.config;

/** What auto-selection optimises when it picks a provider. */
public enum OptimizeFor {
    COST, LATENCY, QUALITY, BALANCED;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
