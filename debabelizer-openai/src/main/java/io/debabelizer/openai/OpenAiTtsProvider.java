package io.debabelizer.openai;

import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.spi.stream.HttpBodySynthesisStream;
import io.debabelizer.tts.AudioChunk;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.TtsProvider;
import io.debabelizer.tts.Voice;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAI speech: {@code POST /audio/speech}, whole or streamed to the caller as it arrives. The response's content
 * type is not relied on (the spec says {@code application/octet-stream}); the format is the one asked for.
 * Provider options: {@code instructions} (gpt-4o-mini-tts only), and any other body field passed as it is.
 */
final class OpenAiTtsProvider implements TtsProvider {

    static final String SPEECH = "/audio/speech";
    static final int MAX_INPUT_CHARS = 4096;

    private final OpenAiSettings settings;
    private final Set<SynthesisStream> open = ConcurrentHashMap.newKeySet();

    OpenAiTtsProvider(OpenAiSettings settings) {
        this.settings = settings;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return OpenAiProviderFactory.DESCRIPTOR;
    }

    String model(SynthesisRequest request) {
        return request.model().orElse(settings.ttsModel());
    }

    String voice(SynthesisRequest request) {
        return request.voice().orElse(settings.voice());
    }

    /** The JSON body, after checking what OpenAI would refuse. */
    Map<String, Object> body(SynthesisRequest request, SpeechFormat format) {
        if (request.isSsml()) {
            throw invalid("OpenAI speech does not take SSML; send plain text (voice style goes in 'instructions')");
        }
        if (request.text().isBlank()) {
            throw invalid("the text is empty");
        }
        if (request.text().length() > MAX_INPUT_CHARS) {
            throw invalid("the text has " + request.text().length() + " characters; OpenAI speech takes at most "
                    + MAX_INPUT_CHARS + " per request");
        }
        if (request.speed() < 0.25 || request.speed() > 4.0) {
            throw invalid("speed must be between 0.25 and 4.0, got " + request.speed());
        }
        String model = model(request);
        String voice = voice(request);
        boolean tts1 = model.equals("tts-1") || model.equals("tts-1-hd");
        if (!OpenAiVoices.supports(model, voice)) {
            throw invalid("voice '" + voice + "' needs gpt-4o-mini-tts; " + model + " speaks "
                    + String.join(", ", OpenAiVoices.TTS1.stream().sorted().toList()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("input", request.text());
        // Custom voices are objects with an id; built-in ones (and other servers' names) are plain strings.
        body.put("voice", voice.startsWith("voice_") ? Map.of("id", voice) : voice);
        body.put("response_format", format.responseFormat());
        if (request.speed() != 1.0) {
            body.put("speed", request.speed());
        }
        for (Map.Entry<String, Object> o : request.providerOptions().entrySet()) {
            body.put(o.getKey(), o.getValue());
        }
        if (body.containsKey("instructions")) {
            if (tts1) {
                throw invalid("'instructions' is not supported by " + model + "; use gpt-4o-mini-tts");
            }
            if (String.valueOf(body.get("instructions")).length() > MAX_INPUT_CHARS) {
                throw invalid("'instructions' may have at most " + MAX_INPUT_CHARS + " characters");
            }
        }
        return body;
    }

    private InvalidInputException invalid(String message) {
        return new InvalidInputException(message, name(), null, null);
    }

    @Override
    public SynthesisStream synthesizeStream(SynthesisRequest request) {
        SpeechFormat format = SpeechFormat.forRequest(request.outputFormat().orElse(null));
        return open(request, format);
    }

    private HttpBodySynthesisStream open(SynthesisRequest request, SpeechFormat format) {
        HttpRequest http = settings.request(SPEECH).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(OpenAiJson.write(body(request, format)))).build();
        long started = System.nanoTime();
        HttpResponse<InputStream> r = send(http);
        String requestId = r.headers().firstValue(OpenAiErrors.REQUEST_ID_HEADER).orElse(null);
        if (r.statusCode() / 100 != 2) {
            throw OpenAiErrors.forResponse(r.statusCode(), r.headers(), HttpErrors.errorBody(r), settings.apiKey());
        }
        return HttpBodySynthesisStream.builder(OpenAiSettings.PROVIDER, format.format(), r.body())
                .requestId(requestId)
                .stallTimeout(settings.requestTimeout())
                .requestStartNanos(started)
                .trackIn(open)
                .start();
    }

    @Override
    public Synthesis synthesize(SynthesisRequest request) {
        SpeechFormat format = SpeechFormat.forRequest(request.outputFormat().orElse(null));
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        String requestId;
        try (HttpBodySynthesisStream stream = open(request, format)) {
            requestId = stream.requestId().orElse(null);
            AudioChunk c;
            do {
                c = stream.nextChunk();
                audio.writeBytes(c.data());
            } while (!c.last());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DebabelizerException("interrupted while waiting for OpenAI", name(), null, e);
        }
        byte[] bytes = audio.toByteArray();
        if (bytes.length == 0) {
            throw new ProtocolException("OpenAI returned no audio", name(), requestId, null);
        }
        AudioFormat f = format.format();
        double seconds = -1;
        if (f.container() == Container.WAV) {
            if (bytes.length < 44 || bytes[0] != 'R' || bytes[1] != 'I' || bytes[2] != 'F' || bytes[3] != 'F') {
                throw new ProtocolException("asked for WAV but the audio has no RIFF header", name(), requestId,
                        null);
            }
            // Streamed WAV headers may carry placeholder sizes; the samples are what follows the 44-byte header.
            seconds = (double) (bytes.length - 44) / f.bytesPerSecond();
        } else if (f.isUncompressed()) {
            seconds = (double) bytes.length / f.bytesPerSecond();
        }
        return new Synthesis(AudioData.of(f, bytes), seconds, voice(request), name(), model(request), requestId,
                List.of(), request.text().length());
    }

    /** The documented built-in voices; OpenAI has no endpoint that lists them. */
    @Override
    public List<Voice> voices() {
        return OpenAiVoices.list();
    }

    private HttpResponse<InputStream> send(HttpRequest request) {
        return HttpErrors.send(settings.httpClient(), request, HttpResponse.BodyHandlers.ofInputStream(), name());
    }

    @Override
    public void close() {
        for (SynthesisStream s : List.copyOf(open)) {
            s.cancel();
        }
    }

    @Override
    public String toString() {
        return "OpenAiTtsProvider[" + settings + "]";
    }
}
