package io.debabelizer.google;

import io.debabelizer.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a service-account JSON key file the JWT grant needs. Errors name the file and the missing field,
 * never the key material.
 *
 * @param clientEmail  the account, the JWT's {@code iss}
 * @param privateKeyId the key's id, the JWT header's {@code kid}
 * @param privateKey   RSA key from the PKCS#8 PEM in {@code private_key}
 * @param tokenUri     where to exchange the JWT for an access token
 */
record ServiceAccountKey(String clientEmail, String privateKeyId, PrivateKey privateKey, URI tokenUri) {

    static final URI DEFAULT_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");

    static ServiceAccountKey read(Path file) {
        JsonNode n;
        try {
            n = GoogleJson.MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the service-account key file " + file + ": "
                    + e.getMessage(), GoogleSettings.PROVIDER, null, null);
        } catch (JacksonException e) {
            throw new ConfigurationException("the service-account key file " + file + " is not JSON",
                    GoogleSettings.PROVIDER, null, null);
        }
        String type = n.path("type").asString("");
        if (!type.equals("service_account")) {
            throw new ConfigurationException("the key file " + file + " has type '" + type + "', not "
                    + "'service_account'", GoogleSettings.PROVIDER, null, null);
        }
        String email = required(n, "client_email", file);
        PrivateKey key = parsePkcs8Pem(required(n, "private_key", file), file);
        String tokenUri = n.path("token_uri").asString(null);
        return new ServiceAccountKey(email, n.path("private_key_id").asString(null), key,
                tokenUri == null || tokenUri.isBlank() ? DEFAULT_TOKEN_URI : URI.create(tokenUri));
    }

    private static String required(JsonNode n, String field, Path file) {
        String v = n.path(field).asString(null);
        if (v == null || v.isBlank()) {
            throw new ConfigurationException("the service-account key file " + file + " has no " + field,
                    GoogleSettings.PROVIDER, null, null);
        }
        return v;
    }

    static PrivateKey parsePkcs8Pem(String pem, Path file) {
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new ConfigurationException("the private_key in " + file + " is not a PKCS#8 PEM RSA key",
                    GoogleSettings.PROVIDER, null, null);
        }
    }

    @Override
    public String toString() {
        return "ServiceAccountKey[" + clientEmail + ", token_uri=" + tokenUri + "]";
    }
}
