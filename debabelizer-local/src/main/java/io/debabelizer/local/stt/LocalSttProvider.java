package io.debabelizer.local.stt;

import io.debabelizer.local.Pcm16;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Usage;
import java.util.Objects;

/**
 * A speech-to-text provider over a local {@link SpeechRecognizerEngine}: batch transcription of any audio the core
 * can decode, and live streams segmented by a voice-activity detector.
 */
public final class LocalSttProvider implements SttProvider {

    private final ProviderDescriptor descriptor;
    private final SpeechRecognizerEngine engine;
    private final String language;
    private final StreamSettings streamSettings;

    public LocalSttProvider(ProviderDescriptor descriptor, SpeechRecognizerEngine engine, String language,
                            StreamSettings streamSettings) {
        this.descriptor = Objects.requireNonNull(descriptor);
        this.engine = Objects.requireNonNull(engine);
        this.language = language;
        this.streamSettings = Objects.requireNonNull(streamSettings);
    }

    @Override
    public ProviderDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Transcript transcribe(TranscriptionRequest request) {
        short[] samples = Pcm16.engineInput(request.audio(), name());
        double seconds = samples.length / (double) Pcm16.ENGINE_RATE;
        Recognition r = engine.recognize(samples);
        return new Transcript(r.text(), language, seconds, r.confidence(),
                request.wordTimestamps() ? r.words() : java.util.List.of(), name(), null, null, new Usage(seconds));
    }

    @Override
    public SpeechStream openStream(StreamRequest request) {
        return LocalSpeechStream.open(name(), request, engine, language, streamSettings);
    }

    @Override
    public void close() {
        engine.close();
    }
}
