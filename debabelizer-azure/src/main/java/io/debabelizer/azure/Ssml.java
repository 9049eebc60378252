package io.debabelizer.azure;

import io.debabelizer.InvalidInputException;
import io.debabelizer.tts.SynthesisRequest;
import java.util.Map;

/**
 * The SSML document Azure synthesises: built from a plain-text request (voice, language, speaking style with its
 * degree and role through {@code mstts:express-as}, prosody for rate, pitch and volume), or the request's own SSML
 * passed through unchanged.
 */
final class Ssml {

    static final String MSTTS_NS = "https://www.w3.org/2001/mstts";

    private Ssml() {
    }

    /**
     * The document for a request. {@code voice} is the voice to use (the request's or the default); its locale
     * (the first two parts of a name like {@code en-US-JennyNeural}) is the document language unless the request
     * names one.
     */
    static String of(SynthesisRequest request, String voice) {
        if (request.isSsml()) {
            return request.text();
        }
        Map<String, Object> options = request.providerOptions();
        String language = request.language().map(AzureLocales::toLocale).orElse(localeOf(voice));
        String style = AzureOptions.string(options, "style");
        String role = AzureOptions.string(options, "role");
        String degree = AzureOptions.string(options, "style_degree");
        String body = escape(request.text());
        String prosody = prosody(request);
        if (prosody != null) {
            body = "<prosody " + prosody + ">" + body + "</prosody>";
        }
        if (style != null || role != null) {
            body = "<mstts:express-as" + attr("style", style) + attr("styledegree", styleDegree(degree))
                    + attr("role", role) + ">" + body + "</mstts:express-as>";
        }
        return "<speak version=\"1.0\" xmlns=\"http://www.w3.org/2001/10/synthesis\" xmlns:mstts=\"" + MSTTS_NS
                + "\" xml:lang=\"" + escape(language) + "\"><voice name=\"" + escape(voice) + "\">" + body
                + "</voice></speak>";
    }

    /** {@code rate}, {@code pitch} and {@code volume} attributes for what differs from normal, or null. */
    static String prosody(SynthesisRequest request) {
        StringBuilder sb = new StringBuilder();
        if (request.speed() != 1.0) {
            sb.append(attr("rate", percent((request.speed() - 1.0) * 100)));
        }
        if (request.pitch() != 0.0) {
            sb.append(attr("pitch", signed(request.pitch()) + "st"));
        }
        if (request.volumeGainDb() != 0.0) {
            sb.append(attr("volume", signed(request.volumeGainDb()) + "dB"));
        }
        return sb.isEmpty() ? null : sb.substring(1);
    }

    /** Azure accepts a style degree from 0.01 to 2. */
    private static String styleDegree(String degree) {
        if (degree == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(degree);
            if (d >= 0.01 && d <= 2) {
                return degree;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("style_degree must be a number from 0.01 to 2, not '" + degree + "'",
                AzureSettings.PROVIDER, null, null);
    }

    private static String percent(double value) {
        return signed(value) + "%";
    }

    private static String signed(double value) {
        String n = java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
        return value >= 0 ? "+" + n : n;
    }

    private static String attr(String name, String value) {
        return value == null ? "" : " " + name + "=\"" + escape(value) + "\"";
    }

    /** {@code en-US} from {@code en-US-JennyNeural}; {@code en-US} when the name has no locale. */
    static String localeOf(String voice) {
        String[] parts = voice.split("-");
        return parts.length >= 3 ? parts[0] + "-" + parts[1] : "en-US";
    }

    /** XML-escapes text and attribute values; control characters XML 1.0 does not allow are dropped. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
