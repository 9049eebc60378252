package io.debabelizer.benchmarks.tts;

import io.debabelizer.audio.AudioFormat;
import io.debabelizer.elevenlabs.ElevenLabsProviderFactory;
import io.debabelizer.openai.OpenAiProviderFactory;
import io.debabelizer.spi.ProviderConfig;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.testkit.fake.FakeHttpServer;
import io.debabelizer.testkit.fake.FakeResponse;
import io.debabelizer.testkit.fake.FakeWebSocketServer;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.WsConnection;
import io.debabelizer.testkit.fake.WsMessage;
import io.debabelizer.tts.AudioChunk;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.TextToSpeechStream;
import io.debabelizer.tts.TtsProvider;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Time to first audio through our OpenAI and ElevenLabs TTS streams versus bare JDK clients sending the same
 * request to the same loopback fake in the same run, alternating rounds. The fake answers every request at once
 * with a first audio chunk, then more chunks; each client measures from just before it issues the request to the
 * moment the first audio bytes are in the caller's hands, then reads the rest so that the next request starts
 * clean. The difference is what our stream adds on the first-audio path: request building (JSON, URL, headers),
 * the status check, the reader thread and its hand-off through the chunk buffer (and, on the WebSocket, JSON and
 * base64 decoding of the audio message and alignment).
 *
 * <ul>
 *   <li>OpenAI: {@code POST /v1/audio/speech}, {@code response_format=pcm}, streamed (chunked) response;</li>
 *   <li>ElevenLabs REST: {@code POST /v1/text-to-speech/{voice}/stream?output_format=pcm_24000};</li>
 *   <li>ElevenLabs text-in: the {@code stream-input} WebSocket, from opening the socket to the first audio
 *       message (handshake, init message and one flushed sentence included).</li>
 * </ul>
 *
 * <pre>
 * java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
 *     io.debabelizer.benchmarks.tts.TtsFirstAudio [HTTP samples per round] [rounds] [WebSocket samples per round]
 * </pre>
 */
public final class TtsFirstAudio {

    private static final String KEY = "benchmark-key";
    private static final String VOICE_ID = "21m00Tcm4TlvDq8ikWAM";
    private static final String TEXT = "Hello there. ";
    private static final String ELEVEN_MODEL = "eleven_flash_v2_5";
    private static final int CHUNK = 4800; // 100 ms of 24 kHz 16-bit mono
    private static final int MORE_CHUNKS = 4;
    private static final byte[] AUDIO = new byte[CHUNK];

    private static final String OPENAI_PATH = "/v1/audio/speech";
    private static final String OPENAI_BODY = "{\"model\":\"gpt-4o-mini-tts\",\"input\":\"" + TEXT.strip()
            + "\",\"voice\":\"alloy\",\"response_format\":\"pcm\"}";
    private static final String ELEVEN_PATH = "/v1/text-to-speech/" + VOICE_ID + "/stream";
    private static final String ELEVEN_QUERY = "?output_format=pcm_24000";
    private static final String ELEVEN_BODY = "{\"text\":\"" + TEXT.strip() + "\",\"model_id\":\"" + ELEVEN_MODEL
            + "\"}";
    private static final String WS_PATH = "/v1/text-to-speech/" + VOICE_ID + "/stream-input";
    private static final String WS_QUERY = "?model_id=" + ELEVEN_MODEL + "&output_format=pcm_24000";
    private static final String WS_INIT = "{\"text\":\" \"}";
    private static final String WS_PIECE = "{\"text\":\"" + TEXT + "\",\"flush\":true}";
    private static final String WS_END = "{\"text\":\"\"}";
    private static final String WS_AUDIO = "{\"audio\":\"" + Base64.getEncoder().encodeToString(AUDIO)
            + "\",\"isFinal\":null,\"normalizedAlignment\":{\"chars\":[\"H\",\"i\",\" \"],"
            + "\"charStartTimesMs\":[0,30,60],\"charDurationsMs\":[30,30,40]}}";

    /** What the WebSocket fake received on each connection (upgrade path and query, then the text messages). */
    private static final List<List<String>> wsTranscripts = new CopyOnWriteArrayList<>();

    private TtsFirstAudio() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int wsSamples = args.length > 2 ? Integer.parseInt(args[2]) : samples / 2;
        try (FakeHttpServer http = FakeHttpServer.start();
             FakeWebSocketServer ws = FakeWebSocketServer.start().withoutRecording();
             HttpClient client = HttpClient.newHttpClient()) {
            http.route("POST", OPENAI_PATH, req -> audioResponse());
            http.route("POST", ELEVEN_PATH, req -> audioResponse());
            ws.route(WS_PATH, TtsFirstAudio::streamInput);
            String httpBase = http.baseUri().toString();
            TtsProvider openai = new OpenAiProviderFactory().createTts(context("openai", httpBase + "/v1", client));
            TtsProvider eleven = new ElevenLabsProviderFactory().createTts(context("elevenlabs", httpBase, client));
            TtsProvider elevenWs = new ElevenLabsProviderFactory().createTts(
                    context("elevenlabs", "http://127.0.0.1:" + ws.port(), client));
            SynthesisRequest openaiRequest = SynthesisRequest.builder(TEXT.strip()).model("gpt-4o-mini-tts")
                    .voice("alloy").outputFormat(AudioFormat.pcm16(24000, 1)).build();
            SynthesisRequest elevenRequest = SynthesisRequest.builder(TEXT.strip()).model(ELEVEN_MODEL)
                    .voice(VOICE_ID).outputFormat(AudioFormat.pcm16(24000, 1)).build();
            SynthesisRequest elevenTextRequest = elevenRequest.toBuilder().text(TEXT).build();

            HttpRequest rawOpenAi = HttpRequest.newBuilder(URI.create(httpBase + OPENAI_PATH))
                    .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(OPENAI_BODY)).build();
            HttpRequest rawEleven = HttpRequest.newBuilder(URI.create(httpBase + ELEVEN_PATH + ELEVEN_QUERY))
                    .header("xi-api-key", KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ELEVEN_BODY)).build();
            URI rawWs = URI.create("ws://127.0.0.1:" + ws.port() + WS_PATH + WS_QUERY);

            // Warm-up round for each client, then check that both sent the same request.
            Series ignored = new Series();
            viaStream(openai, openaiRequest, samples, ignored);
            viaRawHttp(client, rawOpenAi, samples);
            viaStream(eleven, elevenRequest, samples, ignored);
            viaRawHttp(client, rawEleven, samples);
            viaTextStream(elevenWs, elevenTextRequest, wsSamples, ignored);
            viaRawWebSocket(client, rawWs, wsSamples);
            checkSameHttpRequests(http.requests(), samples);
            checkSameWebSocketTranscripts(wsSamples);
            http.reset();

            System.out.printf("%d HTTP and %d WebSocket samples per client per round, %d rounds after a warm-up round;"
                    + " %d-byte first chunk + %d more%n", samples, wsSamples, rounds, CHUNK, MORE_CHUNKS);
            long[] gcBefore = {gcCount(), gcMillis()};
            Series[] s = {new Series(), new Series(), new Series(), new Series(), new Series(), new Series()};
            Series[] own = {new Series(), new Series(), new Series()};
            for (int r = 0; r < rounds; r++) {
                s[0].add(viaRawHttp(client, rawOpenAi, samples));
                s[1].add(viaStream(openai, openaiRequest, samples, own[0]));
                s[2].add(viaRawHttp(client, rawEleven, samples));
                s[3].add(viaStream(eleven, elevenRequest, samples, own[1]));
                s[4].add(viaRawWebSocket(client, rawWs, wsSamples));
                s[5].add(viaTextStream(elevenWs, elevenTextRequest, wsSamples, own[2]));
                http.reset();
                wsTranscripts.clear();
            }
            System.out.printf("garbage collections during the measured rounds: %d, %d ms in all%n",
                    gcCount() - gcBefore[0], gcMillis() - gcBefore[1]);
            report("OpenAI /v1/audio/speech", "raw JDK HttpClient", s[0], "debabelizer synthesizeStream", s[1], own[0]);
            report("ElevenLabs /stream", "raw JDK HttpClient", s[2], "debabelizer synthesizeStream", s[3], own[1]);
            report("ElevenLabs stream-input", "raw JDK WebSocket", s[4], "debabelizer openTextStream", s[5],
                    own[2]);
            openai.close();
            eleven.close();
            elevenWs.close();
        }
    }

    /** The first audio chunk at once, then the rest without pauses, as a chunked body. */
    private static FakeResponse audioResponse() {
        return FakeResponse.streamed(200, "application/octet-stream", body -> {
            body.write(AUDIO);
            for (int i = 0; i < MORE_CHUNKS; i++) {
                body.write(AUDIO);
            }
        }).withHeader("x-request-id", "bench").withHeader("request-id", "bench");
    }

    /** stream-input: the init message, then audio for every piece at once, {@code isFinal} after the empty text. */
    private static void streamInput(WsConnection conn) throws Exception {
        List<String> transcript = new ArrayList<>();
        transcript.add(conn.request().path() + " " + conn.request().query());
        wsTranscripts.add(transcript);
        boolean initSeen = false;
        while (true) {
            WsMessage m = conn.receive(Duration.ofSeconds(30));
            if (m == null || m instanceof WsMessage.Close) {
                return;
            }
            String text = m.asText();
            transcript.add(text);
            if (!initSeen) {
                initSeen = true;
            } else if (text.equals(WS_END)) {
                conn.sendText("{\"isFinal\":true}");
                conn.close(1000, "");
                return;
            } else {
                for (int i = 0; i <= MORE_CHUNKS; i++) {
                    conn.sendText(WS_AUDIO);
                }
            }
        }
    }

    private static long[] viaStream(TtsProvider provider, SynthesisRequest request, int n, Series reported)
            throws Exception {
        long[] nanos = new long[n];
        long[] own = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            try (SynthesisStream stream = provider.synthesizeStream(request)) {
                AudioChunk c = firstAudio(stream);
                nanos[i] = System.nanoTime() - t0;
                own[i] = reportedNanos(stream);
                drain(stream, c);
            }
        }
        reported.add(own);
        return nanos;
    }

    /** The stream's own {@code timeToFirstAudio()}, the figure an application would log. */
    private static long reportedNanos(SynthesisStream stream) {
        return stream.timeToFirstAudio().orElseThrow(() -> new IllegalStateException("no time to first audio"))
                .toNanos();
    }

    private static long[] viaTextStream(TtsProvider provider, SynthesisRequest request, int n, Series reported)
            throws Exception {
        long[] nanos = new long[n];
        long[] own = new long[n];
        reported.add(own);
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            try (TextToSpeechStream stream = provider.openTextStream(request)) {
                AudioChunk c = firstAudio(stream);
                nanos[i] = System.nanoTime() - t0;
                own[i] = reportedNanos(stream);
                stream.endInput();
                drain(stream, c);
                stream.completion().get(30, TimeUnit.SECONDS);
            }
        }
        return nanos;
    }

    private static AudioChunk firstAudio(SynthesisStream stream) throws InterruptedException {
        AudioChunk c;
        do {
            c = stream.nextChunk();
        } while (c.data().length == 0 && !c.last());
        if (c.data().length == 0) {
            throw new IllegalStateException("the stream ended without audio");
        }
        return c;
    }

    private static void drain(SynthesisStream stream, AudioChunk c) throws InterruptedException {
        while (!c.last()) {
            c = stream.nextChunk();
        }
    }

    private static long[] viaRawHttp(HttpClient client, HttpRequest request, int n) throws Exception {
        long[] nanos = new long[n];
        byte[] buf = new byte[8192];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + r.statusCode());
                }
                int got;
                while ((got = in.read(buf)) == 0) {
                    // wait for the first bytes
                }
                nanos[i] = System.nanoTime() - t0;
                if (got < 0) {
                    throw new IllegalStateException("the response ended without audio");
                }
                while (in.read(buf) >= 0) {
                    // the rest of the audio
                }
            }
        }
        return nanos;
    }

    private static long[] viaRawWebSocket(HttpClient client, URI uri, int n) throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
            long t0 = System.nanoTime();
            WebSocket ws = client.newWebSocketBuilder().header("xi-api-key", KEY)
                    .buildAsync(uri, new Collector(messages)).get(30, TimeUnit.SECONDS);
            // One send at a time is all the JDK allows; chained, so that nothing waits between the two.
            CompletableFuture<WebSocket> sent = ws.sendText(WS_INIT, true)
                    .thenCompose(w -> w.sendText(WS_PIECE, true)).toCompletableFuture();
            String first = messages.poll(30, TimeUnit.SECONDS);
            nanos[i] = System.nanoTime() - t0;
            if (first == null || !first.startsWith("{\"audio\"")) {
                throw new IllegalStateException("no audio message: " + first);
            }
            sent.join();
            ws.sendText(WS_END, true).join();
            String m;
            do {
                m = messages.poll(30, TimeUnit.SECONDS);
            } while (m != null && !m.contains("\"isFinal\":true"));
            // The fake closes after isFinal; the JDK answers its close frame by itself.
            ws.abort();
        }
        return nanos;
    }

    /** Collects whole text messages (the JDK calls a listener for one message at a time). */
    private static final class Collector implements WebSocket.Listener {
        private final LinkedBlockingQueue<String> messages;
        private final StringBuilder text = new StringBuilder();

        Collector(LinkedBlockingQueue<String> messages) {
            this.messages = messages;
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            w.request(1);
            return null;
        }
    }

    /** Our request and the raw one must be the same on the wire: path, query, key header and JSON body. */
    private static void checkSameHttpRequests(List<RecordedRequest> requests, int samples) {
        // Order of the warm-up: ours (OpenAI), raw (OpenAI), ours (ElevenLabs), raw (ElevenLabs).
        for (int block = 0; block < 4; block += 2) {
            RecordedRequest ours = requests.get(block * samples);
            RecordedRequest raw = requests.get((block + 1) * samples);
            String o = ours.method() + " " + ours.path() + " " + ours.query() + " " + key(ours) + " "
                    + new String(ours.body(), StandardCharsets.UTF_8);
            String w = raw.method() + " " + raw.path() + " " + raw.query() + " " + key(raw) + " "
                    + new String(raw.body(), StandardCharsets.UTF_8);
            if (!o.equals(w)) {
                throw new IllegalStateException("different requests:\n ours " + o + "\n raw  " + w);
            }
            System.out.println("same request: " + o);
        }
    }

    private static String key(RecordedRequest r) {
        return r.header("Authorization").or(() -> r.header("xi-api-key")).orElse("(no key)");
    }

    private static void checkSameWebSocketTranscripts(int samples) {
        List<String> ours = wsTranscripts.get(0);
        List<String> raw = wsTranscripts.get(samples);
        if (!ours.equals(raw)) {
            throw new IllegalStateException("different stream-input exchanges:\n ours " + ours + "\n raw  " + raw);
        }
        System.out.println("same stream-input exchange: " + ours);
        wsTranscripts.clear();
    }

    private static final class Series {
        private final List<long[]> parts = new ArrayList<>();

        void add(long[] nanos) {
            parts.add(nanos);
        }

        long[] all() {
            return parts.stream().flatMapToLong(Arrays::stream).toArray();
        }

        /** The median over rounds of each round's p99: one pause (GC, a busy core) moves one round, not the figure. */
        double medianRoundP99() {
            double[] p99s = parts.stream().mapToDouble(r -> pct(r, 99)).sorted().toArray();
            return p99s.length == 0 ? Double.NaN : p99s[p99s.length / 2];
        }
    }

    private static void report(String what, String rawName, Series raw, String oursName, Series ours,
                               Series reported) {
        long[] b = raw.all();
        long[] o = ours.all();
        System.out.printf("%s (%d samples each)%n", what, b.length);
        System.out.printf("  %-30s %s%n", rawName, percentiles(b));
        System.out.printf("  %-30s %s%n", oursName, percentiles(o));
        System.out.printf("  %-30s p50 %8.1f µs   p90 %8.1f µs   p99 %8.1f µs%n", "added (difference)",
                pct(o, 50) - pct(b, 50), pct(o, 90) - pct(b, 90), pct(o, 99) - pct(b, 99));
        System.out.printf("  %-30s raw %8.1f µs   ours %8.1f µs   added %8.1f µs%n", "median of per-round p99s",
                raw.medianRoundP99(), ours.medianRoundP99(), ours.medianRoundP99() - raw.medianRoundP99());
        System.out.printf("  %-30s %s%n", "stream's timeToFirstAudio()", percentiles(reported.all()));
    }

    private static String percentiles(long[] nanos) {
        return String.format("p50 %8.1f µs   p90 %8.1f µs   p99 %8.1f µs", pct(nanos, 50), pct(nanos, 90),
                pct(nanos, 99));
    }

    private static double pct(long[] nanos, double p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int i = (int) Math.min(s.length - 1, Math.ceil(p / 100.0 * s.length) - 1);
        return s[Math.max(0, i)] / 1000.0;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static ProviderContext context(String provider, String baseUrl, HttpClient client) {
        return new ProviderContext(new Config(provider, Map.of("api_key", KEY, "base_url", baseUrl)), client,
                Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    private record Config(String provider, Map<String, String> values) implements ProviderConfig {
        @Override
        public String sourceOf(String key) {
            return "benchmark";
        }
    }
}
