package io.debabelizer.local.tts;

import java.util.regex.Pattern;

/** Local engines speak plain text: SSML is reduced to its text (breaks become pauses, entities decoded). */
final class Ssml {

    private static final Pattern BREAK = Pattern.compile("<break\\b[^>]*/?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private Ssml() {
    }

    static String toPlainText(String ssml) {
        String text = BREAK.matcher(ssml).replaceAll(", ");
        text = TAG.matcher(text).replaceAll(" ");
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&").replaceAll("\\s+", " ").strip();
    }
}
