package io.debabelizer.azure;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Azure speech wants full locales ({@code en-US}); the common API also allows bare languages ({@code en}), which
 * map to the locale Azure's documentation lists first for that language.
 */
final class AzureLocales {

    private static final Map<String, String> DEFAULT_LOCALE = Map.ofEntries(
            Map.entry("ar", "ar-SA"), Map.entry("ca", "ca-ES"), Map.entry("cs", "cs-CZ"), Map.entry("da", "da-DK"),
            Map.entry("de", "de-DE"), Map.entry("el", "el-GR"), Map.entry("en", "en-US"), Map.entry("es", "es-ES"),
            Map.entry("fi", "fi-FI"), Map.entry("fr", "fr-FR"), Map.entry("he", "he-IL"), Map.entry("hi", "hi-IN"),
            Map.entry("hu", "hu-HU"), Map.entry("id", "id-ID"), Map.entry("it", "it-IT"), Map.entry("ja", "ja-JP"),
            Map.entry("ko", "ko-KR"), Map.entry("nb", "nb-NO"), Map.entry("no", "nb-NO"), Map.entry("nl", "nl-NL"),
            Map.entry("pl", "pl-PL"), Map.entry("pt", "pt-BR"), Map.entry("ro", "ro-RO"), Map.entry("ru", "ru-RU"),
            Map.entry("sk", "sk-SK"), Map.entry("sv", "sv-SE"), Map.entry("th", "th-TH"), Map.entry("tr", "tr-TR"),
            Map.entry("uk", "uk-UA"), Map.entry("vi", "vi-VN"), Map.entry("zh", "zh-CN"));

    /** The languages the descriptor declares. */
    static final java.util.Set<String> LANGUAGES = DEFAULT_LOCALE.keySet();

    private AzureLocales() {
    }

    /** Whether a request language asks for detection (none, {@code auto} or {@code detect}). */
    static boolean isDetect(String language) {
        return language == null || language.isBlank() || language.equalsIgnoreCase("auto")
                || language.equalsIgnoreCase("detect");
    }

    /** {@code en} → {@code en-US}; a full locale ({@code en-GB}, {@code zh-Hans-CN}) is kept. */
    static String toLocale(String language) {
        String l = language.strip().replace('_', '-');
        if (l.contains("-")) {
            return l;
        }
        return DEFAULT_LOCALE.getOrDefault(l.toLowerCase(Locale.ROOT), l);
    }

    static List<String> toLocales(List<String> languages) {
        return languages.stream().map(AzureLocales::toLocale).toList();
    }
}
