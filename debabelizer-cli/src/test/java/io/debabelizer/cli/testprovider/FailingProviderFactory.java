package io.debabelizer.cli.testprovider;

import io.debabelizer.AuthenticationException;
import io.debabelizer.spi.Availability;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.TtsProvider;
import io.debabelizer.tts.Voice;
import java.util.List;

/** A provider that is configured but whose every call is rejected, as with a revoked API key. */
public final class FailingProviderFactory implements ProviderFactory {

    static final String NAME = "failing";

    private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(NAME)
            .displayName("Failing (test)")
            .capabilities(Capability.STT, Capability.STT_STREAMING, Capability.TTS)
            .configKeys(ConfigKey.secret("api_key", "API key"))
            .build();

    private static AuthenticationException rejected() {
        return new AuthenticationException("invalid API key (HTTP 401)", NAME, "failing-req-42", null);
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        return Availability.ok();
    }

    @Override
    public SttProvider createStt(ProviderContext context) {
        return new SttProvider() {
            @Override
            public ProviderDescriptor descriptor() {
                return DESCRIPTOR;
            }

            @Override
            public Transcript transcribe(TranscriptionRequest request) {
                throw rejected();
            }

            @Override
            public SpeechStream openStream(StreamRequest request) {
                throw rejected();
            }
        };
    }

    @Override
    public TtsProvider createTts(ProviderContext context) {
        return new TtsProvider() {
            @Override
            public ProviderDescriptor descriptor() {
                return DESCRIPTOR;
            }

            @Override
            public Synthesis synthesize(SynthesisRequest request) {
                throw rejected();
            }

            @Override
            public List<Voice> voices() {
                throw rejected();
            }
        };
    }
}
