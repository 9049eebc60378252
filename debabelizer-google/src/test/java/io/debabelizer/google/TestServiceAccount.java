package io.debabelizer.google;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import io.debabelizer.testkit.fake.Json;

/** A service account made up for a test: a fresh RSA key pair and its JSON key file in a temporary directory. */
record TestServiceAccount(String clientEmail, KeyPair keys, Path keyFile) {

    static TestServiceAccount create(Path dir, URI tokenUri) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair keys = g.generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            String email = "speech-test@debabelizer-test.iam.gserviceaccount.com";
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", "service_account");
            json.put("project_id", "debabelizer-test");
            json.put("private_key_id", "0123456789abcdef");
            json.put("private_key", pem);
            json.put("client_email", email);
            json.put("token_uri", tokenUri.toString());
            Path file = dir.resolve("service-account.json");
            Files.writeString(file, Json.write(json));
            return new TestServiceAccount(email, keys, file);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    GoogleFake.ServiceAccount publicPart() {
        return new GoogleFake.ServiceAccount(clientEmail, keys.getPublic());
    }
}
