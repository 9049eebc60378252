package io.debabelizer.azure;

import io.debabelizer.DebabelizerException;
import io.debabelizer.spi.http.HttpErrors;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Sends Azure REST requests: adds authentication and the timeout, and turns a non-2xx answer into the typed
 * exception its status means. A 401 also drops a cached token, so the next request fetches a fresh one.
 */
final class AzureHttp {

    private final AzureSettings settings;

    AzureHttp(AzureSettings settings) {
        this.settings = settings;
    }

    /** Sends and reads the whole body; throws for a non-2xx status. */
    HttpResponse<byte[]> send(HttpRequest.Builder request) {
        HttpResponse<byte[]> r = HttpErrors.send(settings.httpClient(), prepare(request),
                HttpResponse.BodyHandlers.ofByteArray(), AzureSettings.PROVIDER);
        if (r.statusCode() / 100 != 2) {
            throw failure(r.statusCode(), r, r.body());
        }
        return r;
    }

    /** Sends and hands the body over as it arrives; throws (after reading the error body) for a non-2xx status. */
    HttpResponse<InputStream> sendStreaming(HttpRequest.Builder request) {
        HttpResponse<InputStream> r = HttpErrors.send(settings.httpClient(), prepare(request),
                HttpResponse.BodyHandlers.ofInputStream(), AzureSettings.PROVIDER);
        if (r.statusCode() / 100 != 2) {
            throw failure(r.statusCode(), r, HttpErrors.errorBody(r));
        }
        return r;
    }

    private HttpRequest prepare(HttpRequest.Builder request) {
        return settings.credentials().authorize(request.timeout(settings.requestTimeout())).build();
    }

    private DebabelizerException failure(int status, HttpResponse<?> r, byte[] body) {
        if (status == 401) {
            settings.credentials().rejected();
        }
        return AzureErrors.forResponse(status, r.headers(), body, settings.credentials().secret());
    }
}
