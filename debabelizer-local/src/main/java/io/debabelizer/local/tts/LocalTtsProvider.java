package io.debabelizer.local.tts;

import io.debabelizer.InvalidInputException;
import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.local.Pcm16;
import io.debabelizer.local.WavBytes;
import io.debabelizer.spi.ProviderDescriptor;
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
        AudioData audio = encode(samples, pcm.sampleRate(), pcm.channels(), request.outputFormat().orElse(null));
        return new Synthesis(audio, pcm.durationSeconds(), voice, name(), null, null, List.of(), text.length());
    }

    @Override
    public SynthesisStream synthesizeStream(SynthesisRequest request) {
        String text = plainText(request);
        String voice = voiceFor(request);
        AudioFormat format = streamFormat(engine.sampleRate(voice), request.outputFormat().orElse(null));
        return LocalSynthesisStream.start(name(), format, engine, voice, request.speed(), request.volumeGainDb(),
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

    private AudioData encode(short[] samples, int rate, int channels, AudioFormat wanted) {
        AudioFormat produced = AudioFormat.pcm16(rate, channels);
        AudioData raw = AudioData.of(produced, Pcm16.toBytes(samples));
        if (wanted == null || wanted.container() == Container.WAV && matches(wanted, rate, channels)) {
            return AudioData.of(AudioFormat.wav16(rate, channels), WavBytes.of(raw.bytes(), rate, channels));
        }
        if (wanted.container() == Container.RAW && matches(wanted, rate, channels)) {
            return raw;
        }
        if ((wanted.container() == Container.RAW || wanted.container() == Container.WAV)
                && wanted.encoding() == Encoding.PCM_SIGNED && wanted.bitsPerSample() == 16) {
            AudioData converted = AudioConverter.toPcm16(raw, wanted.sampleRate(), wanted.channels());
            if (wanted.container() == Container.RAW) {
                return converted;
            }
            return AudioData.of(AudioFormat.wav16(wanted.sampleRate(), wanted.channels()),
                    WavBytes.of(converted.bytes(), wanted.sampleRate(), wanted.channels()));
        }
        throw new UnsupportedFormatException(name() + " produces 16-bit PCM (WAV or raw), not " + wanted, name(),
                null, null);
    }

    private AudioFormat streamFormat(int rate, AudioFormat wanted) {
        if (wanted == null || wanted.container() == Container.RAW && matches(wanted, rate, 1)) {
            return AudioFormat.pcm16(rate, 1);
        }
        throw new UnsupportedFormatException(name() + " streams raw 16-bit mono PCM at " + rate + " Hz, not "
                + wanted, name(), null, null);
    }

    private static boolean matches(AudioFormat wanted, int rate, int channels) {
        return (wanted.encoding() == Encoding.PCM_SIGNED || wanted.encoding() == Encoding.UNKNOWN)
                && (wanted.bitsPerSample() == 0 || wanted.bitsPerSample() == 16)
                && (wanted.sampleRate() == 0 || wanted.sampleRate() == rate)
                && (wanted.channels() == 0 || wanted.channels() == channels) && !wanted.bigEndian();
    }
}
