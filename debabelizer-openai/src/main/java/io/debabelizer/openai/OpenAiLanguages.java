package io.debabelizer.openai;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** BCP-47 tags to the ISO-639-1 codes OpenAI takes, and the English language names verbose_json reports back. */
final class OpenAiLanguages {

    private static final Map<String, String> BY_ENGLISH_NAME = new HashMap<>();

    static {
        for (String code : Locale.getISOLanguages()) {
            String name = Locale.of(code).getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT);
            BY_ENGLISH_NAME.putIfAbsent(name, code);
        }
        // Whisper's spellings that differ from the JDK's names.
        BY_ENGLISH_NAME.put("castilian", "es");
        BY_ENGLISH_NAME.put("valencian", "ca");
        BY_ENGLISH_NAME.put("flemish", "nl");
        BY_ENGLISH_NAME.put("haitian creole", "ht");
        BY_ENGLISH_NAME.put("letzeburgesch", "lb");
        BY_ENGLISH_NAME.put("pushto", "ps");
        BY_ENGLISH_NAME.put("panjabi", "pa");
        BY_ENGLISH_NAME.put("moldavian", "ro");
        BY_ENGLISH_NAME.put("moldovan", "ro");
        BY_ENGLISH_NAME.put("sinhalese", "si");
        BY_ENGLISH_NAME.put("mandarin", "zh");
        BY_ENGLISH_NAME.put("cantonese", "yue");
    }

    private OpenAiLanguages() {
    }

    /** Whether a requested language means "detect it" (no {@code language} field sent). */
    static boolean isDetect(String bcp47) {
        return bcp47 == null || bcp47.isBlank() || bcp47.equalsIgnoreCase("auto")
                || bcp47.equalsIgnoreCase("multi");
    }

    /** {@code en-US} → {@code en}; a three-letter code with a two-letter twin becomes that twin. */
    static String toIso639_1(String bcp47) {
        String primary = bcp47.trim().replace('_', '-').split("-", 2)[0].toLowerCase(Locale.ROOT);
        if (primary.length() == 3) {
            for (String two : Locale.getISOLanguages()) {
                if (Locale.of(two).getISO3Language().equals(primary)) {
                    return two;
                }
            }
        }
        return primary;
    }

    /** verbose_json's {@code language} ("english", or a code from compatible servers) as BCP-47, or null. */
    static String fromResponse(String language) {
        if (language == null || language.isBlank()) {
            return null;
        }
        String l = language.trim().toLowerCase(Locale.ROOT);
        if (l.length() <= 3 || l.contains("-")) {
            return l; // already a code
        }
        return BY_ENGLISH_NAME.get(l);
    }
}
