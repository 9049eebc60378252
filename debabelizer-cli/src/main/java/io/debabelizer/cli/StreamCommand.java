package io.debabelizer.cli;

import io.debabelizer.StreamClosedException;
import io.debabelizer.VoiceProcessor;
import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.cli.format.ListFormat;
import io.debabelizer.cli.stream.ChunkFeeder;
import io.debabelizer.cli.stream.Pacer;
import io.debabelizer.cli.stream.StreamPrinter;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "stream", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Transcribe an audio file fed as live audio, printing results as they come.",
            "The file is converted to 16 kHz mono PCM and sent in small chunks, in real time unless --fast."})
final class StreamCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(StreamCommand.class);
    private static final int SAMPLE_RATE = 16_000;
    /** Progress lines when no terminal shows the live status: one every this many seconds of audio. */
    private static final double PROGRESS_EVERY_SECONDS = 5.0;

    @ParentCommand
    private DebabelizerCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The audio file.")
    Path file;

    @Option(names = "--provider", paramLabel = "NAME", description = "Provider to use.")
    String provider;

    @Option(names = "--language", paramLabel = "TAG", description = "BCP-47 language, e.g. en-US.")
    String language;

    @Option(names = "--model", paramLabel = "MODEL", description = "Provider model.")
    String model;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (final results, one per line) or json (every event as one JSON object per line).")
    ListFormat format;

    @Option(names = "--fast", description = "Send as fast as the provider takes it instead of in real time.")
    boolean fast;

    @Option(names = "--chunk-ms", paramLabel = "MS", defaultValue = "20", description = "Chunk length (default: ${DEFAULT-VALUE} ms).")
    int chunkMillis;

    @Option(names = "--interim", description = "Print interim results as 'interim:' lines (on a terminal they are always shown in place).")
    boolean interim;

    @Option(names = "--timestamps", description = "Prefix final results with [start-end] seconds.")
    boolean timestamps;

    @Option(names = "--no-punctuate", description = "Ask for unpunctuated text.")
    boolean noPunctuate;

    @Option(names = "--diarize", description = "Label speakers.")
    boolean diarize;

    @Override
    public Integer call() throws Exception {
        if (chunkMillis < 1 || chunkMillis > 10_000) {
            throw new ParameterException(spec.commandLine(), "--chunk-ms must be between 1 and 10000, not " + chunkMillis);
        }
        AudioData pcm = AudioConverter.toPcm16(Inputs.audio(file), SAMPLE_RATE, 1);
        AudioFormat format16k = AudioFormat.pcm16(SAMPLE_RATE, 1);
        byte[] samples = pcm.bytes();
        double totalSeconds = (double) samples.length / format16k.bytesPerSecond();
        StreamRequest request = StreamRequest.builder(format16k)
                .provider(provider).language(language).model(model)
                .punctuate(!noPunctuate).diarize(diarize).interimResults(true).wordTimestamps(true)
                .build();
        Progress progress = root.progress();
        StreamPrinter printer = new StreamPrinter(progress,
                new StreamPrinter.Options(format == ListFormat.JSON, timestamps, interim));
        ChunkFeeder feeder = new ChunkFeeder(format16k.bytesPerSecond(), format16k.frameSize(), chunkMillis,
                fast ? Pacer.fast() : Pacer.realTime());

        try (VoiceProcessor processor = root.processor()) {
            SpeechStream stream = processor.stream(request);
            log.debug("stream {} opened with {}: {}", stream.sessionId(), stream.provider(), request);
            progress.info(String.format(Locale.ROOT, "streaming %s (%.1f s) to %s%s…", Inputs.name(file),
                    totalSeconds, stream.provider(), fast ? " as fast as it takes it" : " in real time"));
            Thread reader = Thread.ofVirtual().name("debabelizer-cli-events").start(() -> drain(stream, printer));
            AtomicBoolean cancelled = new AtomicBoolean();
            // Ctrl-C: cancel the stream, let the reader print what it has, then the JVM exits.
            Thread onInterrupt = new Thread(() -> {
                cancelled.set(true);
                stream.cancel();
                join(reader, Duration.ofSeconds(2));
                progress.clearStatus();
            }, "debabelizer-cli-cancel");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            try {
                feed(stream, feeder, samples, totalSeconds, printer, progress);
                reader.join();
            } finally {
                removeHook(onInterrupt);
                stream.cancel(); // no-op when it already closed; stops it when we leave early
            }
            return outcome(printer, cancelled.get(), progress);
        }
    }

    private void feed(SpeechStream stream, ChunkFeeder feeder, byte[] samples, double totalSeconds,
                      StreamPrinter printer, Progress progress) throws InterruptedException {
        double[] nextReport = {PROGRESS_EVERY_SECONDS};
        try {
            feeder.feed(samples, stream::send, seconds -> {
                printer.sent(seconds, totalSeconds);
                if (!progress.terminal() && seconds >= nextReport[0]) {
                    progress.info(String.format(Locale.ROOT, "sent %.1f of %.1f s", seconds, totalSeconds));
                    nextReport[0] += PROGRESS_EVERY_SECONDS;
                }
            });
            stream.endInput();
        } catch (StreamClosedException e) {
            // The stream ended before the audio did (an error, or cancellation): the reader reports why.
            log.debug("stream closed while sending: {}", e.getMessage());
        }
    }

    private static void drain(SpeechStream stream, StreamPrinter printer) {
        try {
            while (printer.accept(stream.nextEvent())) {
                // keep reading until Closed
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Integer outcome(StreamPrinter printer, boolean cancelled, Progress progress) {
        StreamEvent.Closed closed = printer.closed();
        if (printer.fatalError() != null) {
            throw printer.fatalError();
        }
        if (cancelled || closed != null && closed.reason() == StreamEvent.CloseReason.CANCELLED) {
            return ExitCode.INTERRUPTED;
        }
        if (closed != null && closed.reason() != StreamEvent.CloseReason.COMPLETED) {
            throw new Failure.CliException("stream ended early: " + closed.reason().name().toLowerCase(Locale.ROOT),
                    null);
        }
        progress.info(String.format(Locale.ROOT, "done: %.1f s of audio, %d final result%s",
                closed == null ? 0 : closed.audioSeconds(), printer.finals(), printer.finals() == 1 ? "" : "s"));
        return ExitCode.OK;
    }

    private static void join(Thread thread, Duration timeout) {
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (Ctrl-C): the hook is running.
        }
    }
}
