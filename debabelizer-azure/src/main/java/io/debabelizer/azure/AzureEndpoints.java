package io.debabelizer.azure;

import io.debabelizer.spi.http.BaseUrl;
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
 * @param stt short-audio recognition (REST) and live recognition (its WebSocket twin)
 * @param tts base of synthesis and the voice list
 * @param api base of the token service and fast transcription
 */
record AzureEndpoints(BaseUrl stt, URI tts, URI api) {

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
        String sttHost = r + ".stt.speech." + suffix;
        return new AzureEndpoints(new BaseUrl(URI.create("https://" + sttHost), URI.create("wss://" + sttHost)),
                URI.create("https://" + r + ".tts.speech." + suffix),
                URI.create("https://" + r + ".api.cognitive." + suffix));
    }

    /** Every API under one base URL (a custom endpoint or a container). */
    static AzureEndpoints forEndpoint(BaseUrl base) {
        return new AzureEndpoints(base, base.http(), base.http());
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
        return stt.http(pathAndQuery);
    }

    URI tts(String pathAndQuery) {
        return URI.create(tts + pathAndQuery);
    }

    URI api(String pathAndQuery) {
        return URI.create(api + pathAndQuery);
    }

    /** The live-recognition URL: the STT base with https→wss, http→ws. */
    URI sttWebSocket(String pathAndQuery) {
        return stt.ws(pathAndQuery);
    }
}
