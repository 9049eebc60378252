package io.debabelizer.testkit.loopback;

import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.config.Secret;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.http.HttpErrors;
import io.debabelizer.spi.stream.BaseSynthesisStream;
import io.debabelizer.testkit.fake.Json;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.TtsProvider;
import io.debabelizer.tts.Voice;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** Text-to-speech over the loopback protocol: whole files, chunked streams and the voice list over HTTP. */
final class LoopbackTtsProvider implements TtsProvider {

    private static final String DEFAULT_VOICE = "aria";

    private final ProviderDescriptor descriptor;
    private final Secret key;
    private final URI base;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final Set<SynthesisStream> open = ConcurrentHashMap.newKeySet();

    LoopbackTtsProvider(ProviderDescriptor descriptor, Secret key, URI base, HttpClient client,
                        Duration requestTimeout) {
        this.descriptor = descriptor;
        this.key = key;
        this.base = base;
        this.client = client;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return descriptor;
    }

    /** The format asked for, defaulting to 24 kHz WAV; only 16-bit mono PCM (bare or in WAV) is offered. */
    private AudioFormat format(SynthesisRequest request) {
        AudioFormat f = request.outputFormat().orElse(AudioFormat.wav16(24000, 1));
        boolean pcm16 = f.encoding() == Encoding.PCM_SIGNED && f.bitsPerSample() == 16 && !f.bigEndian()
                && (f.channels() == 1 || f.channels() == 0);
        if (!pcm16 || (f.container() != Container.WAV && f.container() != Container.RAW)) {
            throw new UnsupportedFormatException(name() + " synthesizes 16-bit mono PCM (WAV or raw) only, not " + f,
                    name(), null, null);
        }
        int rate = f.sampleRate() == 0 ? 24000 : f.sampleRate();
        return new AudioFormat(f.container(), Encoding.PCM_SIGNED, rate, 1, 16);
    }

    private HttpRequest speakRequest(String path, SynthesisRequest request, AudioFormat f) {
        if (request.text().isBlank()) {
            throw new InvalidInputException("the text is empty", name(), null, null);
        }
        String body = Json.write(Map.of("text", request.text(), "voice", request.voice().orElse(DEFAULT_VOICE),
                "format", f.container() == Container.WAV ? "wav" : "pcm", "sample_rate", f.sampleRate()));
        return HttpRequest.newBuilder(base.resolve(path)).timeout(requestTimeout)
                .header("Authorization", "Bearer " + key.reveal()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Override
    public Synthesis synthesize(SynthesisRequest request) {
        AudioFormat f = format(request);
        HttpResponse<byte[]> r = send(speakRequest(LoopbackProtocol.SPEAK, request, f),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
            throw LoopbackProtocol.httpError(name(), r.statusCode(), r.headers(), r.body(), key);
        }
        requireAudio(r);
        byte[] audio = r.body();
        boolean wav = f.container() == Container.WAV;
        if (wav && (audio.length < 44 || audio[0] != 'R' || audio[1] != 'I' || audio[2] != 'F' || audio[3] != 'F')) {
            throw new ProtocolException("asked for WAV but the audio has no RIFF header", name(), null, null);
        }
        double seconds = (audio.length - (wav ? 44 : 0)) / (double) f.bytesPerSecond();
        return new Synthesis(AudioData.of(f, audio), seconds, request.voice().orElse(DEFAULT_VOICE), name(), null,
                r.headers().firstValue(LoopbackProtocol.REQUEST_ID_HEADER).orElse(null), List.of(),
                request.text().length());
    }

    private void requireAudio(HttpResponse<?> r) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("audio/")) {
            throw new ProtocolException("expected audio, got Content-Type '" + type + "'", name(), null, null);
        }
    }

    @Override
    public SynthesisStream synthesizeStream(SynthesisRequest request) {
        AudioFormat f = format(request);
        HttpResponse<InputStream> r = send(speakRequest(LoopbackProtocol.SPEAK_STREAM, request, f),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() / 100 != 2) {
            byte[] body;
            try (InputStream in = r.body()) {
                body = in.readAllBytes();
            } catch (IOException e) {
                body = new byte[0];
            }
            throw LoopbackProtocol.httpError(name(), r.statusCode(), r.headers(), body, key);
        }
        try {
            requireAudio(r);
        } catch (ProtocolException e) {
            closeQuietly(r.body());
            throw e;
        }
        ChunkedSynthesis stream = new ChunkedSynthesis(f, r.body());
        open.add(stream);
        stream.completion().whenComplete((v, e) -> open.remove(stream));
        stream.startReading();
        return stream;
    }

    @Override
    public List<Voice> voices() {
        HttpRequest http = HttpRequest.newBuilder(base.resolve(LoopbackProtocol.VOICES)).timeout(requestTimeout)
                .header("Authorization", "Bearer " + key.reveal()).GET().build();
        HttpResponse<byte[]> r = send(http, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
            throw LoopbackProtocol.httpError(name(), r.statusCode(), r.headers(), r.body(), key);
        }
        JsonNode root = LoopbackProtocol.parse(name(), r.body());
        if (!root.path("voices").isArray()) {
            throw new ProtocolException("voice list has no 'voices' array", name(), null, null);
        }
        List<Voice> voices = new ArrayList<>();
        for (JsonNode v : root.path("voices")) {
            String id = v.path("id").asString(null);
            if (id == null) {
                throw new ProtocolException("voice without id: " + v, name(), null, null);
            }
            String lang = v.path("language").asString(null);
            voices.add(new Voice(id, v.path("name").asString(id), lang == null ? List.of() : List.of(lang),
                    Voice.Gender.parse(v.path("gender").asString(null)), null, name(), Map.of()));
        }
        return voices;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw HttpErrors.forTransportFailure(name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DebabelizerException("interrupted while waiting for " + name(), name(), null, e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to release beyond the connection
        }
    }

    @Override
    public void close() {
        for (SynthesisStream s : List.copyOf(open)) {
            s.cancel();
        }
    }

    /** Reads the chunked response on a virtual thread, handing each piece on with backpressure. */
    private final class ChunkedSynthesis extends BaseSynthesisStream {
        private final InputStream body;
        private volatile Thread reader;

        ChunkedSynthesis(AudioFormat format, InputStream body) {
            super(LoopbackTtsProvider.this.name(), format, 64);
            this.body = body;
        }

        void startReading() {
            reader = Thread.ofVirtual().name("debabelizer-" + provider() + "-tts-read").start(this::readLoop);
        }

        private void readLoop() {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = body.read(buf)) >= 0) {
                    if (n > 0) {
                        emitAudio(java.util.Arrays.copyOf(buf, n), List.of()).toCompletableFuture().join();
                    }
                    if (isDone()) {
                        return;
                    }
                }
                complete();
            } catch (IOException e) {
                if (!isDone()) {
                    fail(HttpErrors.forTransportFailure(provider(), e));
                }
            } finally {
                closeQuietly(body);
            }
        }

        @Override
        protected void abort() {
            closeQuietly(body);
            Thread t = reader;
            if (t != null && t != Thread.currentThread()) {
                t.interrupt();
            }
        }
    }
}
