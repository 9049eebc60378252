package io.debabelizer.stt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a batch transcription.
 *
 * @param text            the whole transcript, punctuated when asked and offered
 * @param language        BCP-47 language detected or used, or {@code null} if unknown
 * @param durationSeconds audio duration in seconds, or -1 if unknown
 * @param confidence      0..1 overall confidence, or {@code NaN}
 * @param words           words with times (empty when the provider gives none)
 * @param provider        the provider that produced it
 * @param model           the model used, or {@code null}
 * @param requestId       the provider's request id, or {@code null}
 * @param usage           what was billed
 */
public record Transcript(String text, String language, double durationSeconds, double confidence, List<Word> words,
                         String provider, String model, String requestId, Usage usage) {

    public Transcript {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(provider, "provider");
        words = List.copyOf(words);
        usage = usage == null ? Usage.NONE : usage;
    }

    public Optional<String> languageDetected() {
        return Optional.ofNullable(language);
    }

    public Optional<String> requestIdOptional() {
        return Optional.ofNullable(requestId);
    }
}
