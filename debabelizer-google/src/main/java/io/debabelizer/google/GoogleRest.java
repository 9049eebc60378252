package io.debabelizer.google;

import io.debabelizer.spi.http.HttpErrors;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One JSON exchange with a Google REST API: authentication headers (API key or bearer token, plus the quota project),
 * the request timeout, typed transport errors, {@code google.rpc.Status} error bodies, a parsed JSON object back.
 */
final class GoogleRest {

    private final GoogleSettings settings;

    GoogleRest(GoogleSettings settings) {
        this.settings = settings;
    }

    JsonNode post(URI uri, Object body) {
        byte[] json = GoogleJson.MAPPER.writeValueAsBytes(body);
        return exchange(builder(uri).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
    }

    JsonNode get(URI uri) {
        return exchange(builder(uri).GET());
    }

    private HttpRequest.Builder builder(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout());
        for (Map.Entry<String, String> h : settings.auth().headers().entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        if (settings.quotaProject() != null) {
            b.header("x-goog-user-project", settings.quotaProject());
        }
        return b;
    }

    private JsonNode exchange(HttpRequest.Builder request) {
        HttpResponse<byte[]> response = HttpErrors.send(settings.httpClient(), request.build(),
                HttpResponse.BodyHandlers.ofByteArray(), GoogleSettings.PROVIDER);
        if (response.statusCode() / 100 != 2) {
            throw GoogleErrors.forResponse(response.statusCode(), response.headers(), response.body(),
                    settings.secrets());
        }
        return GoogleJson.parse(response.body(), null);
    }
}
