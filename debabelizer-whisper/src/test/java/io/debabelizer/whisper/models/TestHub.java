package io.debabelizer.whisper.models;

import java.io.IOException;
import java.net.URI;

/** Gives tests outside this package a loopback model hub serving one file. */
public final class TestHub implements AutoCloseable {

    private final ModelHubServer server;

    public TestHub(byte[] content, String fileName) throws IOException {
        server = new ModelHubServer();
        server.serve(fileName, content);
    }

    public URI baseUrl() {
        return server.baseUrl();
    }

    @Override
    public void close() {
        server.close();
    }
}
