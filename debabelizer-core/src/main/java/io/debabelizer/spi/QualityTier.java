package io.debabelizer.spi;

/** Rough accuracy/naturalness class of a provider, used by quality-optimising selection. Higher is better. */
public enum QualityTier {
    /** Works offline; noticeably less accurate or natural than cloud services. */
    BASIC(1),
    /** Good general-purpose cloud quality. */
    STANDARD(2),
    /** State of the art for the task. */
    PREMIUM(3);

    private final int rank;

    QualityTier(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }
}
