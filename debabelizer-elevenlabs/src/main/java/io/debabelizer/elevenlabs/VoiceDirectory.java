package io.debabelizer.elevenlabs;

import io.debabelizer.InvalidInputException;
import io.debabelizer.tts.Voice;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resolves a voice given by name to its id through the voice list, fetched once and cached (a name that is not in
 * the cached list refetches once, for voices added since). Ids (20 letters and digits) pass through untouched,
 * without a request.
 */
final class VoiceDirectory {

    private static final Pattern VOICE_ID = Pattern.compile("[A-Za-z0-9]{20}");

    private final Supplier<List<Voice>> fetch;
    private final AtomicReference<List<Voice>> cache = new AtomicReference<>();

    VoiceDirectory(Supplier<List<Voice>> fetch) {
        this.fetch = fetch;
    }

    /** Remembers a freshly fetched list (e.g. from {@code voices()}). */
    void remember(List<Voice> voices) {
        cache.set(List.copyOf(voices));
    }

    String resolve(String nameOrId) {
        String v = nameOrId.strip();
        if (VOICE_ID.matcher(v).matches()) {
            return v;
        }
        List<Voice> cached = cache.get();
        if (cached != null) {
            String id = find(cached, v);
            if (id != null) {
                return id;
            }
        }
        List<Voice> fresh = fetch.get();
        remember(fresh);
        String id = find(fresh, v);
        if (id == null) {
            String known = fresh.stream().limit(20).map(Voice::name).collect(Collectors.joining(", "));
            throw new InvalidInputException("no ElevenLabs voice named or with id '" + v + "' (voices: " + known
                    + (fresh.size() > 20 ? ", ..." : "") + ")", ElevenLabsSettings.PROVIDER, null, null);
        }
        return id;
    }

    /** Exact id, exact name ignoring case, or the name before " - " (e.g. "Rachel" for "Rachel - calm"). */
    private static String find(List<Voice> voices, String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        for (Voice voice : voices) {
            if (voice.id().equals(v) || voice.name().toLowerCase(Locale.ROOT).equals(lower)) {
                return voice.id();
            }
        }
        for (Voice voice : voices) {
            String name = voice.name().toLowerCase(Locale.ROOT);
            int dash = name.indexOf(" - ");
            if (dash > 0 && name.substring(0, dash).strip().equals(lower)) {
                return voice.id();
            }
        }
        return null;
    }
}
