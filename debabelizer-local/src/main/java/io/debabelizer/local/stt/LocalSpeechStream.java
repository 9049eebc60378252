package io.debabelizer.local.stt;

import io.debabelizer.DebabelizerException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.local.Pcm16;
import io.debabelizer.local.vad.VadEvent;
import io.debabelizer.local.vad.VadSelection;
import io.debabelizer.local.vad.VadSettings;
import io.debabelizer.local.vad.VoiceActivityDetector;
import io.debabelizer.spi.stream.BaseSpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.Word;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live transcription with a local engine. The sender thread (from {@link BaseSpeechStream}) converts each chunk to
 * 16 kHz mono and runs the stream's {@link VoiceActivityDetector}; speech segments are decoded on one worker virtual thread, which also
 * emits every event, so events keep their order and {@code send} never waits for a decoder. While a segment grows,
 * it is re-decoded after every {@link StreamSettings#interimInterval()} of new audio for an interim result (at most
 * one interim queued at a time); at its end it is decoded once more for the final result. Times are seconds from
 * the first byte sent.
 */
final class LocalSpeechStream extends BaseSpeechStream {

    private static final double INTERIM_STABILITY = 0.5;
    /** Audio kept while nobody speaks, enough for the VAD's backdated onsets. */
    private static final int SILENT_HISTORY_SAMPLES = Pcm16.ENGINE_RATE;

    private final SpeechRecognizerEngine engine;
    private final String language;
    private final StreamSettings settings;
    private final StreamingPcmConverter converter;
    private final VoiceActivityDetector vad;
    private final SampleTimeline timeline = new SampleTimeline();
    private final ExecutorService worker;
    private final AtomicBoolean interimQueued = new AtomicBoolean();
    private final AtomicInteger pendingFinals = new AtomicInteger();
    private final long interimSamples;
    private final long maxSegmentSamples;

    // state owned by the sender thread
    private long segmentStart = -1;
    private long lastSegmentEnd;
    private long lastInterimAt;
    private CompletableFuture<Void> lastFinal = CompletableFuture.completedFuture(null);

    private LocalSpeechStream(String provider, StreamRequest request, SpeechRecognizerEngine engine, String language,
                              StreamSettings settings, VadSelection vadSelection) {
        super(provider, request);
        this.engine = engine;
        this.language = language;
        this.settings = settings;
        this.converter = new StreamingPcmConverter(request.format(), provider);
        VadSettings vadSettings = request.endpointing().map(settings.vad()::withMinSilence).orElse(settings.vad());
        // First, so that a VAD configuration error fails openStream before any thread exists.
        this.vad = vadSelection.open(vadSettings, Pcm16.ENGINE_RATE);
        this.interimSamples = settings.interimInterval().toMillis() * Pcm16.ENGINE_RATE / 1000;
        this.maxSegmentSamples = settings.maxSegment().toMillis() * Pcm16.ENGINE_RATE / 1000;
        this.worker = Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("debabelizer-" + provider + "-decode-" + sessionId()).factory());
    }

    static LocalSpeechStream open(String provider, StreamRequest request, SpeechRecognizerEngine engine,
                                  String language, StreamSettings settings, VadSelection vadSelection) {
        LocalSpeechStream stream = new LocalSpeechStream(provider, request, engine, language, settings, vadSelection);
        stream.start();
        return stream;
    }

    // ---- sender thread ------------------------------------------------------------------------------------

    @Override
    protected CompletionStage<?> transmitAudio(byte[] chunk) {
        process(converter.convert(chunk));
        // Only when the engine has fallen several segments behind does the sender wait (and so, once the send
        // buffer is full, the application): bounded memory, nothing dropped.
        return pendingFinals.get() >= settings.maxPendingFinals() ? lastFinal : CompletableFuture.completedFuture(null);
    }

    @Override
    protected CompletionStage<?> transmitFinalize() {
        closeSegment(timeline.end(), false);
        vad.resetToSilence();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    protected CompletionStage<?> transmitEndOfInput() {
        process(converter.flush());
        closeSegment(timeline.end(), true);
        vad.close();
        submit(() -> {
            complete();
            worker.shutdown();
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    protected void abort() {
        vad.close();
        worker.shutdownNow();
    }

    private void process(short[] samples) {
        if (samples.length == 0) {
            return;
        }
        timeline.append(samples);
        for (VadEvent e : vad.accept(samples, 0, samples.length)) {
            if (e.kind() == VadEvent.Kind.SPEECH_START) {
                openSegment(e.sample());
            } else {
                closeSegment(e.sample(), true);
            }
        }
        long now = timeline.end();
        if (segmentStart < 0) {
            timeline.discardBefore(now - SILENT_HISTORY_SAMPLES);
        } else if (now - segmentStart >= maxSegmentSamples) {
            closeSegment(now, false); // long monologue: settle what we have, go on in a new segment
            openSegment(now);
        } else if (request().interimResults() && now - lastInterimAt >= interimSamples) {
            scheduleInterim(now);
        }
    }

    private void openSegment(long at) {
        segmentStart = Math.max(Math.max(at, lastSegmentEnd), timeline.start());
        lastInterimAt = segmentStart;
        double start = seconds(segmentStart);
        submit(() -> emitAndWait(new StreamEvent.SpeechStarted(start)));
    }

    private void closeSegment(long end, boolean speechFinal) {
        if (segmentStart < 0) {
            return;
        }
        long from = segmentStart;
        long to = Math.max(from, Math.min(end, timeline.end()));
        short[] audio = timeline.copy(from, to);
        segmentStart = -1;
        lastSegmentEnd = to;
        timeline.discardBefore(to);
        pendingFinals.incrementAndGet();
        lastFinal = submit(() -> {
            try {
                emitFinal(audio, seconds(from), seconds(to), speechFinal);
            } finally {
                pendingFinals.decrementAndGet();
            }
        });
    }

    private void scheduleInterim(long now) {
        if (!interimQueued.compareAndSet(false, true)) {
            return; // the previous interim is still decoding; the next one will include this audio
        }
        // Even if the segment ends before this runs, the interim is still decoded and comes before its final:
        // at most one interim is queued at a time, so audio sent faster than real time wastes little.
        lastInterimAt = now;
        long from = segmentStart;
        short[] audio = timeline.copy(from, now);
        submit(() -> {
            try {
                Recognition r = engine.recognize(audio);
                if (!r.text().isEmpty()) {
                    double start = seconds(from);
                    emitAndWait(new StreamEvent.Interim(r.text(), r.wordsShifted(start), start, seconds(now),
                            INTERIM_STABILITY));
                }
            } finally {
                interimQueued.set(false);
            }
        });
    }

    // ---- worker thread ------------------------------------------------------------------------------------

    private void emitFinal(short[] audio, double start, double end, boolean speechFinal) {
        Recognition r = audio.length == 0 ? Recognition.EMPTY : engine.recognize(audio);
        List<Word> words = r.wordsShifted(start);
        emitAndWait(new StreamEvent.Final(r.text(), words, start, end, r.confidence(), speechFinal, language));
        emitAndWait(new StreamEvent.UtteranceEnd(words.isEmpty() ? -1 : words.getLast().end()));
    }

    /** Waits until the event is buffered, so a slow consumer slows decoding rather than growing memory. */
    private void emitAndWait(StreamEvent event) {
        emit(event).toCompletableFuture().join();
    }

    private CompletableFuture<Void> submit(Runnable task) {
        try {
            return CompletableFuture.runAsync(() -> {
                if (isTerminal()) {
                    return;
                }
                try {
                    task.run();
                } catch (DebabelizerException e) {
                    fail(e);
                } catch (RuntimeException e) {
                    fail(new ProviderUnavailableException("local decoding failed: " + e, provider(), null, e));
                }
            }, worker);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null); // stream already over
        }
    }

    private static double seconds(long samples) {
        return samples / (double) Pcm16.ENGINE_RATE;
    }
}
