package io.debabelizer.deepgram;

import java.util.IllformedLocaleException;
import java.util.Locale;

/**
 * Language codes both ways. Deepgram takes BCP-47 tags ({@code en}, {@code en-US}, {@code pt-BR}) plus {@code multi}
 * for Nova's multilingual mode, and reports detected languages as tags too; this only canonicalises the case and
 * separators so that {@code pt_br}, {@code PT-br} and {@code pt-BR} are one language for both sides.
 */
final class DeepgramLanguages {

    private DeepgramLanguages() {
    }

    /** The tag to send; null or blank stays null (meaning: detect or use the server default). */
    static String toDeepgram(String language) {
        if (language == null || language.isBlank()) {
            return null;
        }
        String l = language.trim();
        if (l.equalsIgnoreCase("multi")) {
            return "multi";
        }
        return canonical(l);
    }

    /** A Deepgram language code as BCP-47; null for null or blank. */
    static String fromDeepgram(String language) {
        if (language == null || language.isBlank()) {
            return null;
        }
        return canonical(language.trim());
    }

    private static String canonical(String tag) {
        String t = tag.replace('_', '-');
        try {
            String out = new Locale.Builder().setLanguageTag(t).build().toLanguageTag();
            return out.equals("und") ? t : out;
        } catch (IllformedLocaleException e) {
            return t; // not BCP-47: hand it over as given and let the server judge it
        }
    }

    /** Whether the caller asked for detection rather than a language. */
    static boolean isDetect(String language) {
        return language == null || language.isBlank() || language.equalsIgnoreCase("auto");
    }
}
