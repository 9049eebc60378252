package io.debabelizer.config;

import io.debabelizer.spi.ProviderConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration: every source merged into one immutable value. Built by {@link ConfigLoader} from
 * the environment and files, or by {@link #builder()} in code.
 *
 * <p>TODO(config work item): implement. Signatures are the contract other modules code against.
 */
public final class DebabelizerConfig {

    public static Builder builder() {
        throw new UnsupportedOperationException("TODO");
    }

    /** An empty configuration: no preferences, no keys, defaults everywhere. */
    public static DebabelizerConfig empty() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Preferred STT provider ({@code DEBABELIZER_STT_PROVIDER} / {@code stt_provider}). */
    public Optional<String> sttProvider() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Preferred TTS provider ({@code DEBABELIZER_TTS_PROVIDER} / {@code tts_provider}). */
    public Optional<String> ttsProvider() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Whether auto-selection is on ({@code DEBABELIZER_AUTO_SELECT} / {@code auto_select}). */
    public boolean autoSelect() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Strategy for auto-selection ({@code DEBABELIZER_OPTIMIZE_FOR} / {@code optimize_for}). */
    public OptimizeFor optimizeFor() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Idle timeout after which live sessions are closed. */
    public Duration sessionIdleTimeout() {
        throw new UnsupportedOperationException("TODO");
    }

    public Duration requestTimeout() {
        throw new UnsupportedOperationException("TODO");
    }

    public Duration connectTimeout() {
        throw new UnsupportedOperationException("TODO");
    }

    /** One provider's section (empty section if nothing is configured for it). */
    public ProviderConfig provider(String name) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Every setting with secrets redacted and the source of each value, for printing. */
    public Map<String, Object> toRedactedMap() {
        throw new UnsupportedOperationException("TODO");
    }

    public static final class Builder {
        public Builder sttProvider(String name) {
            throw new UnsupportedOperationException("TODO");
        }

        public Builder ttsProvider(String name) {
            throw new UnsupportedOperationException("TODO");
        }

        public Builder autoSelect(boolean on) {
            throw new UnsupportedOperationException("TODO");
        }

        public Builder optimizeFor(OptimizeFor strategy) {
            throw new UnsupportedOperationException("TODO");
        }

        public Builder sessionIdleTimeout(Duration timeout) {
            throw new UnsupportedOperationException("TODO");
        }

        /** Sets {@code providers.<provider>.<key>}. */
        public Builder providerSetting(String provider, String key, String value) {
            throw new UnsupportedOperationException("TODO");
        }

        public DebabelizerConfig build() {
            throw new UnsupportedOperationException("TODO");
        }
    }
}
