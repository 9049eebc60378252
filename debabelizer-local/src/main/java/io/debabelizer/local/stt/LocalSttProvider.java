package io.debabelizer.local.stt;

import io.debabelizer.local.Pcm16;
import io.debabelizer.local.vad.VadSelection;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Usage;
import java.time.Duration;
import java.util.Objects;

/**
 * A speech-to-text provider over a local {@link SpeechRecognizerEngine}: batch transcription of any audio the core
 * can decode (utterance by utterance, see {@link UtteranceSplitter}), and live streams segmented by a
 * voice-activity detector.
 */
public final class LocalSttProvider implements SttProvider {

    /** Speech without a pause longer than this is cut (recognisers are built for sentences, not monologues). */
    private static final Duration MAX_BATCH_UTTERANCE = Duration.ofSeconds(60);
    /**
     * A recording is cut only at pauses this long: enough to skip silence and bound the utterances, while the
     * short pauses inside a sentence stay in one utterance, where the language model sees the whole sentence.
     */
    private static final Duration BATCH_PAUSE = Duration.ofSeconds(2);

    private final ProviderDescriptor descriptor;
    private final SpeechRecognizerEngine engine;
    private final String language;
    private final StreamSettings streamSettings;
    private final VadSelection vadSelection;
    private final UtteranceSplitter splitter;

    /** A provider whose streams use the energy VAD. */
    public LocalSttProvider(ProviderDescriptor descriptor, SpeechRecognizerEngine engine, String language,
                            StreamSettings streamSettings) {
        this(descriptor, engine, language, streamSettings, VadSelection.energy());
    }

    /** A provider whose streams use the configured VAD; it owns {@code vadSelection} and closes it. */
    public LocalSttProvider(ProviderDescriptor descriptor, SpeechRecognizerEngine engine, String language,
                            StreamSettings streamSettings, VadSelection vadSelection) {
        this.descriptor = Objects.requireNonNull(descriptor);
        this.engine = Objects.requireNonNull(engine);
        this.language = language;
        this.streamSettings = Objects.requireNonNull(streamSettings);
        this.vadSelection = Objects.requireNonNull(vadSelection);
        this.splitter = new UtteranceSplitter(streamSettings.vad().withMinSilence(BATCH_PAUSE), MAX_BATCH_UTTERANCE);
    }

    @Override
    public ProviderDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Transcript transcribe(TranscriptionRequest request) {
        short[] samples = Pcm16.engineInput(request.audio(), name());
        double seconds = samples.length / (double) Pcm16.ENGINE_RATE;
        Recognition r = splitter.recognize(engine, samples);
        return new Transcript(r.text(), language, seconds, r.confidence(),
                request.wordTimestamps() ? r.words() : java.util.List.of(), name(), null, null, new Usage(seconds));
    }

    @Override
    public SpeechStream openStream(StreamRequest request) {
        return LocalSpeechStream.open(name(), request, engine, language, streamSettings, vadSelection);
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            vadSelection.close();
        }
    }
}
