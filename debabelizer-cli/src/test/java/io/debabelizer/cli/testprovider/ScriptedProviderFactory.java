package io.debabelizer.cli.testprovider;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.spi.Availability;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ConfigKey;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderFactory;
import io.debabelizer.spi.QualityTier;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Usage;
import io.debabelizer.stt.Word;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.TtsProvider;
import io.debabelizer.tts.Voice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory provider for the CLI's end-to-end tests: it "recognises" a fixed script whatever the audio, streams
 * it back as interim and final results as the audio passes each word, and "speaks" silence of a plausible length.
 */
public final class ScriptedProviderFactory implements ProviderFactory {

    static final String NAME = "scripted";
    private static final int TTS_RATE = 16_000;

    static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(NAME)
            .displayName("Scripted (test)")
            .capabilities(Capability.STT, Capability.STT_STREAMING, Capability.TTS)
            .languages(Set.of("en", "de"))
            .inputContainers(Set.of(Container.RAW, Container.WAV))
            .wordTimestamps(true)
            .sttPricePerMinute(0.0043)
            .ttsPricePerMillionChars(15.0)
            .typicalLatencyMs(300)
            .quality(QualityTier.STANDARD)
            .configKeys(ConfigKey.secret("api_key", "API key (the scripted provider ignores it)"))
            .build();

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
                double duration = durationOf(request.audio());
                List<Word> words = Script.within(duration);
                if (!request.diarize()) {
                    words = words.stream().map(w -> new Word(w.word(), w.punctuated(), w.start(), w.end(),
                            w.confidence(), null)).toList();
                }
                return new Transcript(Script.join(words), request.language().orElse("en"), duration, 0.9, words,
                        NAME, request.model().orElse("script-1"), "scripted-req-1", new Usage(Math.max(0, duration)));
            }

            @Override
            public SpeechStream openStream(StreamRequest request) {
                ScriptedSpeechStream stream = new ScriptedSpeechStream(request);
                stream.open();
                return stream;
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
                double seconds = Math.max(0.2, request.text().length() * 0.06 / request.speed());
                int samples = (int) (seconds * TTS_RATE);
                AudioFormat wanted = request.outputFormat().orElse(AudioFormat.wav16(TTS_RATE, 1));
                AudioData audio = switch (wanted.container()) {
                    case WAV -> AudioData.of(AudioFormat.wav16(TTS_RATE, 1), wav(new byte[samples * 2]));
                    case RAW -> wanted.encoding() == Encoding.MULAW
                            ? AudioData.of(AudioFormat.mulaw(8000), filled(samples / 2, (byte) 0xFF))
                            : AudioData.of(AudioFormat.pcm16(TTS_RATE, 1), new byte[samples * 2]);
                    default -> throw new UnsupportedFormatException("scripted speaks only wav, pcm and mulaw, not "
                            + wanted, NAME, null, null);
                };
                return new Synthesis(audio, seconds, request.voice().orElse("alice"), NAME, "script-tts", null,
                        List.of(), request.text().length());
            }

            @Override
            public List<Voice> voices() {
                return List.of(
                        new Voice("alice", "Alice", List.of("en-US"), Voice.Gender.FEMALE, "calm", NAME, Map.of()),
                        new Voice("bruno", "Bruno", List.of("de-DE"), Voice.Gender.MALE, null, NAME, Map.of()),
                        new Voice("chloe", "Chloe", List.of("en-GB"), Voice.Gender.FEMALE, null, NAME,
                                Map.of("style", "news")));
            }
        };
    }

    private static double durationOf(AudioData audio) {
        AudioFormat f = audio.format();
        if (f.container() == Container.WAV && f.bytesPerSecond() > 0) {
            return Math.max(0, audio.size() - 44) / (double) f.bytesPerSecond();
        }
        return audio.durationSeconds();
    }

    private static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, value);
        return b;
    }

    /** A canonical 44-byte-header WAV around 16-bit mono PCM. */
    static byte[] wav(byte[] pcm) {
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + pcm.length)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(TTS_RATE).putInt(TTS_RATE * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
        return b.array();
    }
}
