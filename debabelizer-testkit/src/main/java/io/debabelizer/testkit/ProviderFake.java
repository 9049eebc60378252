package io.debabelizer.testkit;

/**
 * A provider module's fake server as the compatibility kit drives it. The module builds it from the blocks in
 * {@code io.debabelizer.testkit.fake} speaking the real protocol; the kit only scripts outcomes through these
 * methods. Closing it stops the server (and must not hang).
 */
public interface ProviderFake extends AutoCloseable {

    /** Makes the next request or live stream fail as {@code fault} describes (once). */
    void willFail(Fault fault);

    @Override
    void close();
}
