package io.debabelizer.soniox;

import io.debabelizer.InvalidInputException;
import java.util.IllformedLocaleException;
import java.util.Locale;

/**
 * Language codes between the common API (BCP-47: {@code en-US}, {@code pt-BR}, {@code zh-Hant-TW}) and Soniox
 * (ISO 639-1 language hints and token languages: {@code en}, {@code pt}, {@code zh}).
 */
final class SonioxLanguages {

    private SonioxLanguages() {
    }

    /** The Soniox hint for a BCP-47 tag: its primary language subtag, lower case ({@code pt-BR} gives {@code pt}). */
    static String toHint(String bcp47, String provider) {
        String tag = bcp47 == null ? "" : bcp47.strip().replace('_', '-');
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            String language = locale.getLanguage();
            if (language.isEmpty()) {
                throw new IllformedLocaleException("no language subtag");
            }
            return language;
        } catch (IllformedLocaleException e) {
            throw new InvalidInputException("'" + bcp47 + "' is not a BCP-47 language tag (e.g. en-US, pt-BR)",
                    provider, null, e);
        }
    }

    /** A language Soniox reported, as BCP-47 (ISO 639-1 codes already are); null stays null. */
    static String toBcp47(String sonioxLanguage) {
        if (sonioxLanguage == null || sonioxLanguage.isBlank()) {
            return null;
        }
        return Locale.forLanguageTag(sonioxLanguage.strip().replace('_', '-')).toLanguageTag();
    }
}
