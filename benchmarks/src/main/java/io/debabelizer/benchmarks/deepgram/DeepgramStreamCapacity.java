package io.debabelizer.benchmarks.deepgram;

import io.debabelizer.audio.AudioFormat;
import io.debabelizer.benchmarks.common.Percentiles;
import io.debabelizer.deepgram.DeepgramProviderFactory;
import io.debabelizer.spi.ProviderContext;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.testkit.fake.FakeWebSocketServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * How many concurrent live Deepgram streams one JVM sustains in real time. For each step N of a ramp, N streams are
 * opened through our Deepgram provider (one shared {@link HttpClient}, as an application has) to a loopback fake that
 * answers like Deepgram ({@link DeepgramFakeService}: interims every 200 ms, finals every second); each stream is fed
 * 20 ms chunks (640 bytes of 16 kHz PCM) by a virtual thread of its own at absolute deadlines {@code t0 + phase +
 * k × 20 ms} (phases spread over the 20 ms so the streams do not all send at the same instant), and its events are
 * taken by a listener ({@link SpeechStream#onEvent}).
 *
 * <p>Measured per step: send lateness (the time {@code send} returned minus the chunk's deadline), event latency
 * (the time a result reaches the application minus the time the application sent the last chunk the result covers),
 * CPU of this JVM, of the server and of the whole machine, and heap per stream (used heap after {@code System.gc()}
 * with the N streams open at the end of the step, minus the same before they were opened, divided by N; the harness'
 * own bookkeeping is allocated before the baseline). A step is sustained when no stream failed, every stream's last
 * final covers all its audio, the send lateness p99 is at most 100 ms, and the event latency does not grow (the
 * median of the last quarter of the step is at most 50 ms above that of the first). The ramp stops at the first step
 * that is not sustained.
 *
 * <p>By default the fake runs in a second JVM that this harness starts (same class path) and stops, so its CPU is
 * accounted apart; {@code --same-jvm} runs it here instead. {@code --raw} runs the same ramp with bare JDK
 * WebSockets instead of our streams (same shared client, the feeder sends each chunk itself and waits for the send,
 * and the listener finds a result's stream time with {@code indexOf}, no JSON parser): the transport's own limit on
 * this machine, for comparison.
 *
 * <pre>
 * java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
 *     io.debabelizer.benchmarks.deepgram.DeepgramStreamCapacity [seconds per step] [N,N,...] [--same-jvm] [--raw]
 * </pre>
 */
public final class DeepgramStreamCapacity {

    private static final int CHUNK = 640;
    private static final long PERIOD = TimeUnit.MILLISECONDS.toNanos(20);
    private static final double CHUNK_SECONDS = 0.02;
    private static final long MAX_LATENESS_P99 = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_LATENCY_GROWTH = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int OPEN_CONCURRENCY = 32;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private DeepgramStreamCapacity() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        boolean sameJvm = false;
        boolean rawClient = false;
        for (String a : args) {
            if (a.equals("--same-jvm")) {
                sameJvm = true;
            } else if (a.equals("--raw")) {
                rawClient = true;
            } else {
                positional.add(a);
            }
        }
        int seconds = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 30;
        int[] steps = Arrays.stream((positional.size() > 1 ? positional.get(1) : "25,50,100,200,400,800,1600")
                .split(",")).mapToInt(Integer::parseInt).toArray();
        if (seconds < 4 || seconds > 120 || steps.length > 12 || Arrays.stream(steps).anyMatch(n -> n < 1 || n > 5000)) {
            throw new IllegalArgumentException("seconds per step 4..120, at most 12 steps of 1..5000 streams");
        }
        int chunks = seconds * 50;

        FakeWebSocketServer inProcess = null;
        Process serverProcess = null;
        int port;
        if (sameJvm) {
            inProcess = DeepgramFakeService.start();
            port = inProcess.port();
        } else {
            serverProcess = startServerJvm(steps.length * (seconds + 60L) + 120);
            Process p = serverProcess;
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
            port = readPort(serverProcess);
        }
        System.out.printf("Deepgram live stream capacity, %s: %d s per step, 20 ms chunks of 16 kHz PCM in real "
                + "time, server %s; %d cores, %s, load average %s%n",
                rawClient ? "bare JDK WebSockets" : "debabelizer SpeechStreams", seconds,
                sameJvm ? "in this JVM" : "in a second JVM (pid " + serverProcess.pid() + ")",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), loadAverage());
        System.out.printf("%6s %7s | %-22s | %-17s %7s | %6s %6s %6s %6s | %8s %8s %8s %5s | %s%n", "N", "open s",
                "send lateness ms p50/p99/max", "event ms p50/p99", "growth", "cli%", "srv%", "all%", "other%",
                "heap/str", "cli RSS", "srv RSS", "thr", "verdict");
        int sustained = 0;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            SttProvider provider = new DeepgramProviderFactory().createStt(new ProviderContext(
                    BenchmarkConfig.loopback(port), client, Duration.ofSeconds(30), Duration.ofSeconds(30)));
            StreamRequest request = StreamRequest.builder(AudioFormat.pcm16(16000, 1)).punctuate(false).build();
            URI rawUri = URI.create("ws://127.0.0.1:" + port + "/v1/listen" + RAW_QUERY);
            Opener opener = rawClient ? d -> RawSocket.open(client, rawUri, d) : d -> OurStream.open(provider, request, d);
            for (int n : steps) {
                StepResult r = runStep(opener, n, chunks, serverProcess);
                System.out.println(r.line());
                if (!r.problems().isEmpty()) {
                    System.out.println("       not sustained: " + String.join("; ", r.problems()));
                    break;
                }
                sustained = n;
            }
            provider.close();
        } finally {
            if (inProcess != null) {
                inProcess.close();
            }
            if (serverProcess != null) {
                serverProcess.getOutputStream().close(); // the server exits when its stdin closes
                if (!serverProcess.waitFor(10, TimeUnit.SECONDS)) {
                    serverProcess.destroyForcibly();
                }
            }
        }
        System.out.printf("largest N sustained: %d concurrent live streams%n", sustained);
    }

    // ---- one step -------------------------------------------------------------------------------------------

    private record StepResult(String line, List<String> problems) {
    }

    private static StepResult runStep(Opener opener, int n, int chunks, Process server) throws Exception {
        Driver[] drivers = new Driver[n];
        for (int i = 0; i < n; i++) {
            drivers[i] = new Driver(chunks);
        }
        List<String> problems = new ArrayList<>();
        long heapBefore = usedHeapAfterGc();

        long openStart = System.nanoTime();
        Semaphore opening = new Semaphore(OPEN_CONCURRENCY);
        ConcurrentLinkedQueue<String> openErrors = new ConcurrentLinkedQueue<>();
        List<Thread> openers = new ArrayList<>();
        for (Driver d : drivers) {
            opening.acquire();
            openers.add(Thread.ofVirtual().start(() -> {
                try {
                    d.stream = opener.open(d);
                } catch (Exception e) {
                    openErrors.add(e.toString());
                } finally {
                    opening.release();
                }
            }));
        }
        for (Thread t : openers) {
            t.join();
        }
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        if (!openErrors.isEmpty()) {
            problems.add(openErrors.size() + " streams failed to open, e.g. " + openErrors.peek());
        }

        Cpu before = Cpu.now(server);
        long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Driver d = drivers[i];
            if (d.stream != null) {
                d.t0 = t0 + PERIOD * i / n;
                senders.add(Thread.ofVirtual().name("feed-" + i).start(d::feed));
            }
        }
        for (Thread t : senders) {
            t.join();
        }
        Cpu after = Cpu.now(server);
        Thread.sleep(300); // results for the last chunks
        for (Driver d : drivers) {
            d.measuring = false;
        }
        long heapOpen = usedHeapAfterGc();
        long clientRss = rssKb(Path.of("/proc/self/status"));
        long serverRss = server == null ? 0 : rssKb(Path.of("/proc/" + server.pid() + "/status"));

        for (Driver d : drivers) {
            if (d.stream != null) {
                d.stream.endInput();
            }
        }
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        int failed = 0;
        int incomplete = 0;
        String example = null;
        for (Driver d : drivers) {
            if (d.stream == null) {
                continue;
            }
            String ended = d.stream.awaitEnd(Duration.ofSeconds(30));
            if (ended != null || d.error != null) {
                failed++;
                example = example != null ? example : d.error != null ? d.error : ended;
            } else if (d.sendError != null) {
                failed++;
                example = example != null ? example : d.sendError;
            } else if (Math.abs(d.awaitLastFinalEnd() - chunks * CHUNK_SECONDS) > 1e-3) {
                incomplete++;
                example = example != null ? example
                        : "last final ends at " + d.lastFinalEnd + " s of " + chunks * CHUNK_SECONDS + " s sent";
            }
        }
        if (failed > 0) {
            problems.add(failed + " streams failed, e.g. " + example);
        }
        if (incomplete > 0) {
            problems.add(incomplete + " streams' results do not cover all audio, e.g. " + example);
        }

        long[] lateness = Arrays.stream(drivers).flatMapToLong(d -> Arrays.stream(d.lateness, 0, d.sent)).toArray();
        long[] latency = Arrays.stream(drivers).flatMapToLong(d -> Arrays.stream(d.latency, 0, d.events.get()))
                .toArray();
        double window = chunks * PERIOD / 4.0;
        long[] early = Arrays.stream(drivers).flatMapToLong(d -> d.latenciesArrivedBetween(
                TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(1) + (long) window)).toArray();
        long[] late = Arrays.stream(drivers).flatMapToLong(d -> d.latenciesArrivedBetween(
                (long) (chunks * PERIOD - window), Long.MAX_VALUE)).toArray();
        double growth = Percentiles.nanos(late, 50) - Percentiles.nanos(early, 50);
        if (Percentiles.nanos(lateness, 99) > MAX_LATENESS_P99) {
            problems.add(String.format("send lateness p99 %.1f ms > 100 ms", Percentiles.millis(lateness, 99)));
        }
        if (growth > MAX_LATENCY_GROWTH) {
            problems.add(String.format("event latency grew by %.1f ms over the step", growth / 1e6));
        }
        if (latency.length == 0) {
            problems.add("no results arrived");
        }
        double wall = after.wallNanos - before.wallNanos;
        double cli = 100.0 * (after.clientNanos - before.clientNanos) / wall;
        double srv = server == null ? Double.NaN : 100.0 * (after.serverNanos - before.serverNanos) / wall;
        double all = 100.0 * (after.busyTicks - before.busyTicks) / (double) (after.totalTicks - before.totalTicks)
                * Runtime.getRuntime().availableProcessors();
        double other = all - cli - (server == null ? 0 : srv);
        long heapPerStream = (heapOpen - heapBefore) / Math.max(1, n);
        String line = String.format("%6d %7.1f | %6.2f / %6.2f / %7.1f | %7.2f / %7.2f %7.1f | %6.0f %6.0f %6.0f %6.0f"
                        + " | %5d KB %5d MB %5d MB %5d | %s", n, openSeconds, Percentiles.millis(lateness, 50),
                Percentiles.millis(lateness, 99), Percentiles.millis(lateness, 100), Percentiles.millis(latency, 50),
                Percentiles.millis(latency, 99), growth / 1e6, cli, srv, all, other, heapPerStream / 1024,
                clientRss / 1024, serverRss / 1024, threads, problems.isEmpty() ? "sustained" : "FALLS BEHIND");
        for (Driver d : drivers) {
            d.stream = null;
        }
        usedHeapAfterGc();
        return new StepResult(line, problems);
    }

    /** One stream: feeds chunks at their deadlines and records what its events say. */
    private static final class Driver {
        final long[] lateness;
        final long[] sentAt;
        final long[] latency;
        final long[] arrival;
        final AtomicInteger events = new AtomicInteger();
        final byte[] chunk = new byte[CHUNK];
        volatile Connection stream;
        volatile boolean measuring = true;
        volatile String error;
        volatile String sendError;
        volatile double lastFinalEnd;
        long t0;
        int sent;

        Driver(int chunks) {
            lateness = new long[chunks];
            sentAt = new long[chunks];
            latency = new long[chunks / 5 + 16]; // interims every 10 chunks, finals every 50, with room to spare
            arrival = new long[latency.length];
        }

        void feed() {
            try {
                for (int k = 0; k < sentAt.length; k++) {
                    long deadline = t0 + k * PERIOD;
                    for (long wait = deadline - System.nanoTime(); wait > 0; wait = deadline - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    sentAt[k] = System.nanoTime();
                    stream.send(chunk);
                    lateness[k] = System.nanoTime() - deadline;
                    sent = k + 1;
                }
            } catch (RuntimeException e) {
                sendError = e.toString();
            }
        }

        /** A result covering stream time up to {@code end} reached the application. */
        void result(double end, boolean isFinal) {
            long now = System.nanoTime();
            record(end, now);
            if (isFinal) {
                synchronized (this) {
                    lastFinalEnd = end;
                    notifyAll();
                }
            }
        }

        void failed(String problem) {
            if (error == null) {
                error = problem;
            }
        }

        private void record(double end, long now) {
            int k = (int) Math.round(end / CHUNK_SECONDS) - 1;
            if (!measuring || k < 0 || k >= sentAt.length || sentAt[k] == 0) {
                return;
            }
            int i = events.get();
            if (i < latency.length) {
                latency[i] = now - sentAt[k];
                arrival[i] = now - t0;
                events.set(i + 1);
            }
        }

        /** The last final's end, waiting briefly for the listener thread to see it. */
        synchronized double awaitLastFinalEnd() throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (Math.abs(lastFinalEnd - sent * CHUNK_SECONDS) > 1e-3 && System.nanoTime() < until) {
                wait(100);
            }
            return lastFinalEnd;
        }

        java.util.stream.LongStream latenciesArrivedBetween(long from, long to) {
            int count = events.get();
            return java.util.stream.IntStream.range(0, count).filter(i -> arrival[i] >= from && arrival[i] < to)
                    .mapToLong(i -> latency[i]);
        }
    }

    // ---- what a driver feeds -------------------------------------------------------------------------------

    private static final String RAW_QUERY = "?model=nova-3&encoding=linear16&sample_rate=16000&channels=1"
            + "&interim_results=true&punctuate=false&vad_events=true";

    @FunctionalInterface
    private interface Opener {
        Connection open(Driver driver) throws Exception;
    }

    /** One live stream as the driver sees it. */
    private interface Connection {
        void send(byte[] chunk);

        void endInput();

        /** Waits for the end after {@link #endInput}: null when it ended normally, else what went wrong. */
        String awaitEnd(Duration timeout) throws InterruptedException;
    }

    /** Through our Deepgram provider: what an application does. */
    private record OurStream(SpeechStream stream) implements Connection {
        static OurStream open(SttProvider provider, StreamRequest request, Driver d) {
            SpeechStream s = provider.openStream(request);
            s.onEvent(e -> {
                switch (e) {
                    case StreamEvent.Interim i -> d.result(i.end(), false);
                    case StreamEvent.Final f -> d.result(f.end(), true);
                    case StreamEvent.Error err -> d.failed(err.error().toString());
                    default -> {
                        // SpeechStarted, UtteranceEnd, Closed
                    }
                }
            });
            return new OurStream(s);
        }

        @Override
        public void send(byte[] chunk) {
            stream.send(chunk);
        }

        @Override
        public void endInput() {
            stream.endInput();
        }

        @Override
        public String awaitEnd(Duration timeout) throws InterruptedException {
            try {
                StreamEvent.Closed c = stream.completion().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return c.reason() == StreamEvent.CloseReason.COMPLETED ? null : "closed " + c.reason();
            } catch (java.util.concurrent.TimeoutException e) {
                stream.cancel(StreamEvent.CloseReason.CANCELLED);
                return "no end within " + timeout;
            } catch (java.util.concurrent.ExecutionException e) {
                return e.getCause().toString();
            }
        }
    }

    /** A bare JDK WebSocket: the least a client can do with the same protocol. */
    private static final class RawSocket implements Connection, WebSocket.Listener {
        private final Driver driver;
        private final StringBuilder text = new StringBuilder();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private WebSocket ws;

        private RawSocket(Driver driver) {
            this.driver = driver;
        }

        static RawSocket open(HttpClient client, URI uri, Driver d) throws Exception {
            RawSocket r = new RawSocket(d);
            r.ws = client.newWebSocketBuilder().header("Authorization", "Token " + BenchmarkConfig.KEY)
                    .buildAsync(uri, r).get(30, TimeUnit.SECONDS);
            return r;
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                if (text.indexOf("\"type\":\"Results\"") >= 0) {
                    double end = number("\"start\":") + number("\"duration\":");
                    driver.result(end, text.indexOf("\"is_final\":true") >= 0);
                }
                text.setLength(0);
            }
            w.request(1);
            return null;
        }

        /** The first number after {@code key}: the message's own start and duration come before its words'. */
        private double number(String key) {
            int from = text.indexOf(key) + key.length();
            int to = from;
            while (to < text.length() && "0123456789.-".indexOf(text.charAt(to)) >= 0) {
                to++;
            }
            return Double.parseDouble(text.substring(from, to));
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
            driver.failed(error.toString());
            closed.complete(-1);
        }

        @Override
        public void send(byte[] chunk) {
            ws.sendBinary(ByteBuffer.wrap(chunk), true).join();
        }

        @Override
        public void endInput() {
            ws.sendText("{\"type\":\"CloseStream\"}", true).join();
        }

        @Override
        public String awaitEnd(Duration timeout) throws InterruptedException {
            try {
                int code = closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                ws.abort();
                return code == 1000 ? null : "closed with " + code;
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                ws.abort();
                return "no end within " + timeout;
            }
        }
    }

    // ---- measuring the machine ------------------------------------------------------------------------------

    private record Cpu(long wallNanos, long clientNanos, long serverNanos, long busyTicks, long totalTicks) {
        static Cpu now(Process server) throws IOException {
            long client = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long srv = server == null ? 0
                    : server.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new Cpu(System.nanoTime(), client, srv, total - idle, total);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static long rssKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return 0;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static Process startServerJvm(long maxSeconds) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"),
                "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DeepgramFakeService.class.getName(), Long.toString(maxSeconds));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    private static int readPort(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            server.destroyForcibly();
            throw new IllegalStateException("the fake Deepgram server did not start: " + line);
        }
        return Integer.parseInt(line.substring(5).trim());
    }
}
