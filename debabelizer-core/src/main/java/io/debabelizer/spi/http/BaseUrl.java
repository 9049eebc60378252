package io.debabelizer.spi.http;

import io.debabelizer.ConfigurationException;
import io.debabelizer.spi.ProviderConfig;
import java.net.URI;
import java.util.Locale;

/**
 * A provider's REST base URL from its configuration (for self-hosted servers, regional endpoints, proxies and test
 * fakes) and the WebSocket base derived from it, the way every provider module reads them: no trailing slash, so
 * {@code base + "/v1/..."} is always one slash; https pairs with wss and http with ws, same host, port and path
 * prefix.
 *
 * @param http the REST base, e.g. {@code https://api.example.com} or {@code http://127.0.0.1:8080/prefix}
 * @param ws   its WebSocket twin, e.g. {@code wss://api.example.com}
 */
public record BaseUrl(URI http, URI ws) {

    /**
     * Reads {@code key} from the provider's configuration, or takes {@code defaultUrl}.
     *
     * @throws ConfigurationException naming the key and its source when the URL is malformed or neither http(s)
     *                                nor ws(s)
     */
    public static BaseUrl from(ProviderConfig config, String key, URI defaultUrl) {
        URI configured = config.uri(key).orElse(defaultUrl);
        URI http = withoutTrailingSlash(configured);
        String scheme = http.getScheme() == null ? "" : http.getScheme().toLowerCase(Locale.ROOT);
        String httpScheme;
        String wsScheme;
        switch (scheme) {
            case "https", "wss" -> {
                httpScheme = "https";
                wsScheme = "wss";
            }
            case "http", "ws" -> {
                httpScheme = "http";
                wsScheme = "ws";
            }
            default -> throw config.invalid(key, "scheme must be https or http, not '" + scheme + "'");
        }
        String rest = http.toString().substring(scheme.length());
        return new BaseUrl(URI.create(httpScheme + rest), URI.create(wsScheme + rest));
    }

    /** {@code http + pathAndQuery}; the path starts with a slash. */
    public URI http(String pathAndQuery) {
        return URI.create(http + pathAndQuery);
    }

    /** {@code ws + pathAndQuery}; the path starts with a slash. */
    public URI ws(String pathAndQuery) {
        return URI.create(ws + pathAndQuery);
    }

    static URI withoutTrailingSlash(URI u) {
        String s = u.toString();
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return end == s.length() ? u : URI.create(s.substring(0, end));
    }
}
