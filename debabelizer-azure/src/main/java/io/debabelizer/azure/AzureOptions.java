package io.debabelizer.azure;

import io.debabelizer.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The provider options Azure requests understand (given in a request's {@code providerOptions}):
 * <ul>
 *   <li>{@code api}: {@code short} or {@code fast}, to choose the batch API instead of deciding by duration</li>
 *   <li>{@code profanity}: {@code masked}, {@code removed} or {@code raw} (fast transcription also {@code tags})</li>
 *   <li>{@code candidate_languages}: locales to detect among when the request names no language</li>
 *   <li>{@code phrases}: a phrase list that biases recognition towards these words</li>
 *   <li>{@code max_speakers}: the speaker limit for diarization (fast transcription, 2–35)</li>
 *   <li>{@code style}, {@code style_degree}, {@code role}: synthesis speaking style ({@code mstts:express-as})</li>
 * </ul>
 */
final class AzureOptions {

    private AzureOptions() {
    }

    static String string(Map<String, Object> options, String name) {
        Object v = options.get(name);
        return v == null ? null : String.valueOf(v).strip();
    }

    /** A list given as a collection or as one comma-separated string. */
    static List<String> list(Map<String, Object> options, String name) {
        Object v = options.get(name);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            c.forEach(e -> out.add(String.valueOf(e).strip()));
        } else {
            for (String s : String.valueOf(v).split(",")) {
                out.add(s.strip());
            }
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    static Integer integer(Map<String, Object> options, String name) {
        Object v = options.get(name);
        if (v == null) {
            return null;
        }
        try {
            return v instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("option " + name + " must be an integer, not '" + v + "'",
                    AzureSettings.PROVIDER, null, null);
        }
    }

    /** The profanity mode: the request's option, else the configured one. */
    static String profanity(Map<String, Object> options, AzureSettings settings, boolean allowTags) {
        String mode = string(options, "profanity");
        if (mode == null) {
            return settings.profanity();
        }
        mode = mode.toLowerCase(Locale.ROOT);
        if (!AzureSettings.PROFANITY_MODES.contains(mode) && !(allowTags && mode.equals("tags"))) {
            throw new InvalidInputException("option profanity must be masked, removed or raw"
                    + (allowTags ? " (or tags)" : "") + ", not '" + mode + "'", AzureSettings.PROVIDER, null, null);
        }
        return mode;
    }

    /** Candidate locales for language detection: the request's option, else the configured ones. */
    static List<String> candidateLanguages(Map<String, Object> options, AzureSettings settings) {
        List<String> fromRequest = list(options, "candidate_languages");
        return AzureLocales.toLocales(fromRequest.isEmpty() ? settings.candidateLanguages() : fromRequest);
    }
}
