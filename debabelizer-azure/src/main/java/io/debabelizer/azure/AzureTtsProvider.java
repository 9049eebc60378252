package io.debabelizer.azure;

import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Wav;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.stream.HttpBodySynthesisStream;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.TtsProvider;
import io.debabelizer.tts.Voice;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Azure text-to-speech: SSML to {@code POST /cognitiveservices/v1} with the output format in
 * {@code X-Microsoft-OutputFormat} (whole, or streamed as the body arrives), voices from
 * {@code GET /cognitiveservices/voices/list}.
 */
final class AzureTtsProvider implements TtsProvider {

    static final String SYNTHESIZE = "/cognitiveservices/v1";
    static final String VOICES = "/cognitiveservices/voices/list";
    static final String OUTPUT_FORMAT_HEADER = "X-Microsoft-OutputFormat";

    private final AzureSettings settings;
    private final AzureHttp http;
    private final Set<SynthesisStream> open = ConcurrentHashMap.newKeySet();

    AzureTtsProvider(AzureSettings settings) {
        this.settings = settings;
        this.http = new AzureHttp(settings);
    }

    @Override
    public ProviderDescriptor descriptor() {
        return AzureProviderFactory.DESCRIPTOR;
    }

    private String voice(SynthesisRequest request) {
        return request.voice().orElse(settings.voice());
    }

    private HttpRequest.Builder synthesisRequest(SynthesisRequest request, OutputFormat format) {
        if (request.text().isBlank()) {
            throw new InvalidInputException("the text is empty", name(), null, null);
        }
        return HttpRequest.newBuilder(settings.endpoints().tts(SYNTHESIZE))
                .header("Content-Type", "application/ssml+xml")
                .header(OUTPUT_FORMAT_HEADER, format.name())
                .header("User-Agent", settings.userAgent())
                .POST(HttpRequest.BodyPublishers.ofString(Ssml.of(request, voice(request)), StandardCharsets.UTF_8));
    }

    @Override
    public Synthesis synthesize(SynthesisRequest request) {
        OutputFormat format = OutputFormat.forRequest(request.outputFormat().orElse(null));
        HttpResponse<byte[]> r = http.send(synthesisRequest(request, format));
        String requestId = AzureErrors.requestId(r.headers());
        byte[] audio = r.body();
        if (audio.length == 0) {
            throw new ProtocolException("Azure returned no audio", name(), requestId, null);
        }
        return new Synthesis(AudioData.of(format.format(), audio), durationSeconds(format.format(), audio, requestId),
                voice(request), name(), null, requestId, List.of(), request.text().length());
    }

    /** Seconds of audio, from the WAV header or the sample count; -1 for compressed formats. */
    private double durationSeconds(AudioFormat f, byte[] audio, String requestId) {
        if (f.container() == Container.WAV) {
            try {
                return Wav.read(audio).durationSeconds();
            } catch (DebabelizerException | IllegalArgumentException e) {
                throw new ProtocolException("Azure returned a WAV file that does not parse: " + e.getMessage(),
                        name(), requestId, e);
            }
        }
        return f.isUncompressed() ? (double) audio.length / f.bytesPerSecond() : -1;
    }

    @Override
    public SynthesisStream synthesizeStream(SynthesisRequest request) {
        OutputFormat format = OutputFormat.forRequest(request.outputFormat().orElse(null));
        long started = System.nanoTime();
        HttpResponse<InputStream> r = http.sendStreaming(synthesisRequest(request, format));
        return HttpBodySynthesisStream.builder(name(), format.format(), r.body())
                .requestId(AzureErrors.requestId(r.headers()))
                .stallTimeout(settings.requestTimeout())
                .requestStartNanos(started)
                .trackIn(open)
                .start();
    }

    @Override
    public List<Voice> voices() {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(settings.endpoints().tts(VOICES)).GET());
        return AzureVoices.parse(r.body(), AzureErrors.requestId(r.headers()));
    }

    @Override
    public void close() {
        for (SynthesisStream s : List.copyOf(open)) {
            s.cancel();
        }
    }

    @Override
    public String toString() {
        return "AzureTtsProvider[" + settings + "]";
    }
}
