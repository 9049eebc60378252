package io.debabelizer.azure;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where each Azure AI Speech API lives. From a region the hosts are Microsoft's ({@code {region}.stt.speech…},
 * {@code {region}.tts.speech…}, {@code {region}.api.cognitive…}, with {@code .azure.us} for {@code usgov*} and
 * {@code .azure.cn} for {@code china*} regions instead of {@code .microsoft.com}); from one endpoint URL (a custom
 * endpoint or an on-premises container) every API is under that base, and the WebSocket URL has the same host with
 * {@code wss}/{@code ws}.
 *
 * @param stt   base of short-audio recognition (REST) and, with a WebSocket scheme, of live recognition
 * @param tts   base of synthesis and the voice list
 * @param api   base of the token service and fast transcription
 */
record AzureEndpoints(URI stt, URI tts, URI api) {

    AzureEndpoints {
        Objects.requireNonNull(stt, "stt");
        Objects.requireNonNull(tts, "tts");
        Objects.requireNonNull(api, "api");
    }

    /** The public-cloud (or sovereign-cloud) hosts of a region such as {@code westeurope}. */
    static AzureEndpoints forRegion(String region) {
        String r = region.strip().toLowerCase(Locale.ROOT);
        if (!r.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("'" + region + "' is not an Azure region name (e.g. westeurope)");
        }
        String suffix = cloudSuffix(r);
        return new AzureEndpoints(URI.create("https://" + r + ".stt.speech." + suffix),
                URI.create("https://" + r + ".tts.speech." + suffix),
                URI.create("https://" + r + ".api.cognitive." + suffix));
    }

    /** Every API under one base URL ({@code https://…} or {@code http://…}; a trailing slash is ignored). */
    static AzureEndpoints forEndpoint(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("the endpoint must be an https:// or http:// URL, not " + endpoint);
        }
        URI base = URI.create(stripTrailingSlash(endpoint.toString()));
        return new AzureEndpoints(base, base, base);
    }

    /** {@code azure.us} for US Government regions, {@code azure.cn} for China regions, else {@code microsoft.com}. */
    static String cloudSuffix(String region) {
        if (region.startsWith("usgov")) {
            return "azure.us";
        }
        if (region.startsWith("china")) {
            return "azure.cn";
        }
        return "microsoft.com";
    }

    URI stt(String pathAndQuery) {
        return URI.create(stt + pathAndQuery);
    }

    URI tts(String pathAndQuery) {
        return URI.create(tts + pathAndQuery);
    }

    URI api(String pathAndQuery) {
        return URI.create(api + pathAndQuery);
    }

    /** The live-recognition URL: the STT base with https→wss, http→ws. */
    URI sttWebSocket(String pathAndQuery) {
        String s = stt.toString();
        String ws = s.startsWith("https:") ? "wss:" + s.substring("https:".length()) : "ws:" + s.substring("http:".length());
        return URI.create(ws + pathAndQuery);
    }

    private static String stripTrailingSlash(String s) {
        String out = s;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
