package io.debabelizer.stt;

/**
 * What a request cost in the units the provider bills.
 *
 * @param audioSeconds audio seconds billed (or processed, when the provider does not say)
 */
public record Usage(double audioSeconds) {

    public static final Usage NONE = new Usage(0);
}
