package io.debabelizer.cli.format;

import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderStatus;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders {@code debabelizer providers}: a table for people, a stable JSON array for programs. */
public final class ProvidersWriter {

    private ProvidersWriter() {
    }

    public static String render(List<ProviderStatus> providers, ListFormat format) {
        return switch (format) {
            case TEXT -> text(providers);
            case JSON -> Json.pretty(json(providers)) + "\n";
        };
    }

    static String text(List<ProviderStatus> providers) {
        if (providers.isEmpty()) {
            return "no providers found: add a provider module (e.g. debabelizer-deepgram) to the class path\n";
        }
        Table table = new Table("NAME", "CAPABILITIES", "LOCAL", "PRICE", "LATENCY", "QUALITY", "STATUS");
        for (ProviderStatus p : providers) {
            ProviderDescriptor d = p.descriptor();
            table.row(d.name(), capabilities(d), d.local() ? "yes" : "no", priceText(d),
                    d.typicalLatencyMs() + " ms", d.quality().name().toLowerCase(Locale.ROOT),
                    p.available() ? "available" : "unavailable: " + p.availability().reason());
        }
        return table.render();
    }

    private static String capabilities(ProviderDescriptor d) {
        return d.capabilities().stream().sorted().map(Capability::id).collect(Collectors.joining(","));
    }

    private static String priceText(ProviderDescriptor d) {
        StringBuilder sb = new StringBuilder();
        if (Double.isFinite(d.sttPricePerMinute())) {
            sb.append(String.format(Locale.ROOT, "$%.4f/min", d.sttPricePerMinute()));
        }
        if (Double.isFinite(d.ttsPricePerMillionChars())) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(String.format(Locale.ROOT, "$%.2f/1M chars", d.ttsPricePerMillionChars()));
        }
        return sb.isEmpty() ? "-" : sb.toString();
    }

    /**
     * An array of {@code name, display_name, capabilities[], available, reason, local, price{stt_per_minute,
     * tts_per_million_chars}, latency_ms, quality, languages[], word_timestamps, diarization}.
     */
    public static ArrayNode json(List<ProviderStatus> providers) {
        ArrayNode array = Json.array();
        for (ProviderStatus p : providers) {
            ProviderDescriptor d = p.descriptor();
            ObjectNode o = array.addObject();
            o.put("name", d.name());
            o.put("display_name", d.displayName());
            ArrayNode caps = o.putArray("capabilities");
            d.capabilities().stream().sorted().forEach(c -> caps.add(c.id()));
            o.put("available", p.available());
            o.put("reason", p.availability().reason());
            o.put("local", d.local());
            ObjectNode price = o.putObject("price");
            Json.putNumber(price, "stt_per_minute", d.sttPricePerMinute());
            Json.putNumber(price, "tts_per_million_chars", d.ttsPricePerMillionChars());
            o.put("latency_ms", d.typicalLatencyMs());
            o.put("quality", d.quality().name().toLowerCase(Locale.ROOT));
            ArrayNode languages = o.putArray("languages");
            d.languages().stream().sorted().forEach(languages::add);
            o.put("word_timestamps", d.wordTimestamps());
            o.put("diarization", d.diarization());
        }
        return array;
    }
}
