package io.debabelizer.spi;

import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.spi.stream.InMemorySpeechStream;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.TtsProvider;
import io.debabelizer.tts.Voice;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A provider factory for tests: a descriptor, an availability rule, and STT/TTS sides that answer from memory and
 * record what they were asked.
 */
public final class FakeProvider implements ProviderFactory {

    private final ProviderDescriptor descriptor;
    private final Function<ProviderConfig, Availability> availability;
    public final AtomicInteger sttCreated = new AtomicInteger();
    public final AtomicInteger ttsCreated = new AtomicInteger();
    public final AtomicInteger closed = new AtomicInteger();
    public final List<ProviderContext> contexts = new CopyOnWriteArrayList<>();
    public final List<TranscriptionRequest> transcribed = new CopyOnWriteArrayList<>();
    public final List<SynthesisRequest> synthesized = new CopyOnWriteArrayList<>();
    public final List<InMemorySpeechStream> streams = new CopyOnWriteArrayList<>();

    public FakeProvider(ProviderDescriptor descriptor, Function<ProviderConfig, Availability> availability) {
        this.descriptor = descriptor;
        this.availability = availability;
    }

    /** A cloud provider available once {@code providers.<name>.api_key} is set. */
    public static FakeProvider cloud(ProviderDescriptor.Builder descriptor) {
        ProviderDescriptor d = descriptor.local(false)
                .configKeys(ConfigKey.secret("api_key", "API key"), ConfigKey.of("base_url", "endpoint")).build();
        String var = d.name().toUpperCase(Locale.ROOT).replace('-', '_') + "_API_KEY";
        return new FakeProvider(d, c -> c.string("api_key").isPresent() ? Availability.ok()
                : Availability.unavailable(var + " not set"));
    }

    /** A local engine, always available. */
    public static FakeProvider local(ProviderDescriptor.Builder descriptor) {
        return new FakeProvider(descriptor.local(true).quality(QualityTier.BASIC).build(), c -> Availability.ok());
    }

    public static FakeProvider available(ProviderDescriptor descriptor) {
        return new FakeProvider(descriptor, c -> Availability.ok());
    }

    @Override
    public ProviderDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        return availability.apply(config);
    }

    @Override
    public SttProvider createStt(ProviderContext context) {
        sttCreated.incrementAndGet();
        contexts.add(context);
        return new SttProvider() {
            @Override
            public ProviderDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public Transcript transcribe(TranscriptionRequest request) {
                transcribed.add(request);
                return new Transcript("hello from " + descriptor.name(), request.language().orElse("en"), 1.0, 0.9,
                        List.of(), descriptor.name(), null, null, null);
            }

            @Override
            public SpeechStream openStream(StreamRequest request) {
                InMemorySpeechStream s = new InMemorySpeechStream(descriptor.name(), request);
                streams.add(s);
                return s;
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    @Override
    public TtsProvider createTts(ProviderContext context) {
        ttsCreated.incrementAndGet();
        contexts.add(context);
        return new TtsProvider() {
            @Override
            public ProviderDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public Synthesis synthesize(SynthesisRequest request) {
                synthesized.add(request);
                return new Synthesis(AudioData.of(AudioFormat.pcm16(16_000, 1), new byte[320]), 0.01,
                        request.voice().orElse("v1"), descriptor.name(), null, null, List.of(),
                        request.text().length());
            }

            @Override
            public List<Voice> voices() {
                return List.of(new Voice("v1", "Voice One", List.of("en"), Voice.Gender.FEMALE, null,
                        descriptor.name(), Map.of()));
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    @Override
    public String toString() {
        return "FakeProvider[" + descriptor.name() + "]";
    }
}
