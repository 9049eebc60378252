package io.debabelizer.local.tts;

import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.tts.SentenceSplitter;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.TtsProvider;
import io.debabelizer.tts.Voice;
import java.util.List;
import java.util.Objects;

/**
 * A text-to-speech provider over a local {@link SynthesizerEngine}. Batch synthesis returns a WAV by default (or raw
 * 16-bit PCM when asked); streaming synthesis speaks sentence by sentence.
 */
public final class LocalTtsProvider implements TtsProvider {

    private final ProviderDescriptor descriptor;
    private final SynthesizerEngine engine;
    private final String defaultVoice;

    public LocalTtsProvider(ProviderDescriptor descriptor, SynthesizerEngine engine, String defaultVoice) {
        this.descriptor = Objects.requireNonNull(descriptor);
        this.engine = Objects.requireNonNull(engine);
        this.defaultVoice = defaultVoice == null ? engine.defaultVoice() : defaultVoice;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Synthesis synthesize(SynthesisRequest request) {
        String text = plainText(request);
        String voice = voiceFor(request);
        SynthesizedAudio pcm = engine.synthesize(text, voice, request.speed());
        short[] samples = Gain.apply(pcm.samples(), request.volumeGainDb());
        AudioData audio = OutputEncoder.of(request.outputFormat().orElse(null), pcm.sampleRate(), pcm.channels(), name())
                .file(samples);
        return new Synthesis(audio, pcm.durationSeconds(), voice, name(), null, null, List.of(), text.length());
    }

    @Override
    public SynthesisStream synthesizeStream(SynthesisRequest request) {
        String text = plainText(request);
        String voice = voiceFor(request);
        AudioFormat wanted = request.outputFormat().orElse(AudioFormat.pcm16(engine.sampleRate(voice), 1));
        OutputEncoder encoder = OutputEncoder.of(wanted, engine.sampleRate(voice), 1, name());
        return LocalSynthesisStream.start(name(), encoder, engine, voice, request.speed(), request.volumeGainDb(),
                SentenceSplitter.split(text));
    }

    @Override
    public List<Voice> voices() {
        return engine.voices();
    }

    @Override
    public void close() {
        engine.close();
    }

    private String plainText(SynthesisRequest request) {
        String text = request.isSsml() ? Ssml.toPlainText(request.text()) : request.text();
        text = text.strip();
        if (text.isEmpty() || text.chars().noneMatch(Character::isLetterOrDigit)) {
            throw new InvalidInputException("nothing to speak: the text is empty", name(), null, null);
        }
        return text;
    }

    private String voiceFor(SynthesisRequest request) {
        String voice = request.voice().orElse(defaultVoice);
        if (engine.voices().stream().noneMatch(v -> v.id().equals(voice))) {
            throw new InvalidInputException("unknown voice '" + voice + "'; " + name() + " offers "
                    + engine.voices().stream().map(Voice::id).toList(), name(), null, null);
        }
        return voice;
    }
}
