package io.debabelizer.google;

import com.google.cloud.speech.v1.StreamingRecognitionConfig;
import com.google.cloud.speech.v1.StreamingRecognizeRequest;
import com.google.cloud.speech.v1.StreamingRecognizeResponse;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Encoding;
import io.debabelizer.spi.stream.BaseSpeechStream;
import io.debabelizer.stt.StreamRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live transcription over gRPC {@code StreamingRecognize}, made of as many calls as it takes. Google ends a call
 * after about 305 s, on {@code finalizeUtterance()} (the only way to settle results is to half-close) and on
 * transient failures; each time the stream opens a new call, replays the audio no final result has covered yet
 * (the replay buffer of {@link BaseSpeechStream}) and shifts the new call's times by the stream time where that
 * replay starts, so words stay monotone and continuous and no audio is lost.
 *
 * <p>A call is replaced once it has carried {@code google.stream_restart_after} of audio (and at least half of that
 * was new, so a stream without finals still moves on). When Google closes one with {@code UNAVAILABLE} or
 * {@code OUT_OF_RANGE} (its stream limit, or no audio for a while), a new call replays the unfinalized audio after a
 * backoff, at most {@value #RESTART_ATTEMPTS} times in a row without a final result in between; when every byte sent
 * is already finalized (an application that went quiet), the next audio opens it instead. A call Google ends normally without being asked
 * (outside single-utterance mode) is followed by a new one on the next audio as well.
 */
final class GoogleSpeechStream extends BaseSpeechStream {

    private static final Logger log = LoggerFactory.getLogger(GoogleSpeechStream.class);

    /** Google recommends audio messages under 25 KB. */
    static final int MAX_AUDIO_MESSAGE = 16_000;
    static final int RESTART_ATTEMPTS = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private final GoogleSettings settings;
    private final GrpcChannel channel;
    private final StreamingRecognizeRequest configMessage;
    private final int bytesPerSecond;
    private final int frameSize;
    private final long restartAfterBytes;
    private final boolean singleUtterance;
    private final StreamingResults results;
    private final Executor restarter;

    /** Guards the calls and the counters below; events are emitted under it so a replaced call's are dropped. */
    private final Object callLock = new Object();
    private SpeechCall current;
    /** Stream offset of the next new audio byte: everything before went to some call. */
    private long transmitted;
    private int failedRestarts;
    private boolean endRequested;
    /** After a failed call, the next one opens no earlier than this ({@link System#nanoTime()}). */
    private long reopenAfterNanos = System.nanoTime();

    GoogleSpeechStream(StreamRequest request, GoogleSettings settings, GrpcChannel channel,
                       Consumer<GoogleSpeechStream> onEnd) {
        super(GoogleSettings.PROVIDER, request);
        AudioFormat f = request.format();
        String encoding = encoding(f);
        this.settings = settings;
        this.channel = channel;
        this.bytesPerSecond = f.bytesPerSecond();
        this.frameSize = f.frameSize();
        this.restartAfterBytes = settings.restartAfter().toMillis() * bytesPerSecond / 1000;
        this.singleUtterance = RecognitionOptions.bool(request.providerOptions().get("single_utterance"));
        var recognition = RecognitionOptions.of(request, settings).toProto(encoding, f.sampleRate()).toBuilder();
        if (f.channels() > 1) {
            recognition.setAudioChannelCount(f.channels());
        }
        this.configMessage = StreamingRecognizeRequest.newBuilder().setStreamingConfig(
                StreamingRecognitionConfig.newBuilder()
                        .setConfig(recognition)
                        .setInterimResults(request.interimResults())
                        .setSingleUtterance(singleUtterance)
                        .setEnableVoiceActivityEvents(true))
                .build();
        this.results = new StreamingResults(request.interimResults());
        this.restarter = task -> Thread.ofVirtual().name("debabelizer-google-restart-" + sessionId()).start(task);
        completion().whenComplete((c, e) -> onEnd.accept(this));
    }

    /** Google takes raw 16-bit little-endian PCM or µ-law on a stream; other input must be converted first. */
    private static String encoding(AudioFormat f) {
        if (f.isUncompressed() && !f.bigEndian() && f.sampleRate() >= SpeechEncoding.MIN_RATE
                && f.sampleRate() <= SpeechEncoding.MAX_RATE) {
            if (f.encoding() == Encoding.PCM_SIGNED && f.bitsPerSample() == 16) {
                return "LINEAR16";
            }
            if (f.encoding() == Encoding.MULAW) {
                return "MULAW";
            }
        }
        throw new InvalidInputException("live streaming to Google needs raw 16-bit little-endian PCM or µ-law at "
                + "8-48 kHz, got " + f, GoogleSettings.PROVIDER, null, null);
    }

    /**
     * Opens the first call and waits for Google to accept it (response headers) or refuse it, within the connect
     * timeout. A server that keeps its headers until the first result is accepted once the transport is connected.
     */
    void open() {
        SpeechCall first;
        synchronized (callLock) {
            first = openCall();
        }
        Duration timeout = settings.connectTimeout();
        try {
            Status status = first.accepted().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!status.isOk()) {
                throw GoogleErrors.forGrpc(status, first.trailers(), null, settings.secrets());
            }
        } catch (TimeoutException e) {
            if (!channel.isConnected()) {
                throw new ProviderTimeoutException("no answer from " + channel.target() + " within " + timeout,
                        provider(), null, null);
            }
            log.debug("stream {}: no response headers within {}; going on, the transport is connected",
                    sessionId(), timeout);
        } catch (ExecutionException e) {
            throw new ProviderUnavailableException("opening the stream failed: " + e.getCause(), provider(), null,
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DebabelizerException("interrupted while opening a stream", provider(), null, e);
        }
        start();
    }

    /** Google's request id of the latest call, once a response carried it. */
    String requestId() {
        return results.requestId();
    }

    // ---- outbound (the sender thread) -----------------------------------------------------------------------

    @Override
    protected CompletionStage<?> transmitAudio(byte[] chunk) {
        if (!waitForReopen()) {
            return CompletableFuture.completedFuture(null); // interrupted: the stream is ending
        }
        synchronized (callLock) {
            if (current == null) {
                openCall();
            } else if (current.audioBytes() >= restartAfterBytes && current.newAudioBytes() * 2 >= restartAfterBytes) {
                log.debug("stream {}: restarting after {} s of audio on one call", sessionId(),
                        current.audioBytes() / (double) bytesPerSecond);
                replaceCall("restarting before Google's stream time limit");
            }
            SpeechCall call = current;
            for (int off = 0; off < chunk.length; off += MAX_AUDIO_MESSAGE) {
                call.sendAudio(chunk, off, Math.min(MAX_AUDIO_MESSAGE, chunk.length - off), true);
            }
            transmitted += chunk.length;
            return call.whenReady();
        }
    }

    /** Half-closing is how Google is made to settle everything so far; the next audio goes on a new call. */
    @Override
    protected CompletionStage<?> transmitFinalize() {
        synchronized (callLock) {
            if (current == null) {
                return CompletableFuture.completedFuture(null);
            }
            SpeechCall call = current;
            call.halfClose();
            return call.closed().handle((s, e) -> null);
        }
    }

    @Override
    protected CompletionStage<?> transmitEndOfInput() {
        synchronized (callLock) {
            endRequested = true;
            if (current == null) {
                if (transmitted <= replayStartByte()) {
                    complete(); // every byte sent is covered by a final result
                    return CompletableFuture.completedFuture(null);
                }
                openCall(); // half-closed by openCall, after the replay
            } else {
                current.halfClose();
            }
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    protected void abort() {
        synchronized (callLock) {
            if (current != null) {
                current.cancel("the stream ended");
                current = null;
            }
        }
    }

    // ---- calls ----------------------------------------------------------------------------------------------

    /** Opens a call that starts at the replay start: config first, then the unfinalized audio already sent. */
    private SpeechCall openCall() {
        long start = replayStartByte();
        byte[] replay = replayAudio(start);
        SpeechCall call = new SpeechCall(channel.newCall(SpeechMethods.STREAMING_RECOGNIZE),
                start / (double) bytesPerSecond, this::onResponse, this::onClose);
        current = call;
        call.start(configMessage);
        for (int off = 0; off < replay.length; off += MAX_AUDIO_MESSAGE) {
            call.sendAudio(replay, off, Math.min(MAX_AUDIO_MESSAGE, replay.length - off), false);
        }
        if (endRequested) {
            call.halfClose();
        }
        return call;
    }

    private void replaceCall(String why) {
        SpeechCall old = current;
        current = null; // from here on, whatever the old call still says is dropped
        old.cancel(why);
        openCall();
    }

    /** Where the unfinalized audio starts, as a frame-aligned byte offset no later than what was transmitted. */
    private long replayStartByte() {
        long start = Math.round(unfinalizedAudioStart() * bytesPerSecond);
        return Math.min(transmitted, start - start % frameSize);
    }

    /**
     * The transmitted audio from {@code start} on. The replay buffer also holds audio still queued for the sender,
     * which goes out as new audio, so it is cut at {@link #transmitted}.
     */
    private byte[] replayAudio(long start) {
        byte[] unfinalized;
        long bufferStart;
        do { // the application may append (and the window trim) between the two reads: read until they agree
            bufferStart = Math.round(unfinalizedAudioStart() * bytesPerSecond);
            unfinalized = unfinalizedAudio();
        } while (bufferStart != Math.round(unfinalizedAudioStart() * bytesPerSecond));
        int from = (int) Math.max(0, start - bufferStart);
        int to = (int) Math.min(unfinalized.length, Math.max(from, transmitted - bufferStart));
        return java.util.Arrays.copyOfRange(unfinalized, from, to);
    }

    // ---- inbound (gRPC callbacks) ---------------------------------------------------------------------------

    private CompletionStage<Void> onResponse(SpeechCall call, StreamingRecognizeResponse response) {
        synchronized (callLock) {
            if (call != current || isTerminal()) {
                return CompletableFuture.completedFuture(null);
            }
            StreamingResults.Outcome outcome = results.map(response, call.offsetSeconds());
            if (outcome.error() != null) {
                fail(outcome.error());
                return CompletableFuture.completedFuture(null);
            }
            CompletionStage<Void> last = CompletableFuture.completedFuture(null);
            for (var event : outcome.events()) {
                if (event instanceof io.debabelizer.stt.StreamEvent.Final) {
                    failedRestarts = 0; // progress: restarts are counted between finals
                }
                last = emit(event);
            }
            return last;
        }
    }

    private void onClose(SpeechCall call, Status status, Metadata trailers) {
        synchronized (callLock) {
            if (call != current || isTerminal()) {
                return; // replaced or cancelled by us
            }
            current = null;
            if (status.isOk()) {
                if (call.isHalfClosed() && endRequested || singleUtterance) {
                    complete();
                } else if (!call.isHalfClosed()) {
                    log.debug("stream {}: Google ended a call unasked; going on with a new one", sessionId());
                    if (transmitted > replayStartByte()) {
                        scheduleRestart(Duration.ZERO); // results are owed for audio already sent
                    }
                }
                // else a finalize: the next audio (or the end of input) opens the next call
                return;
            }
            DebabelizerException error = GoogleErrors.forGrpc(status, trailers, results.requestId(),
                    settings.secrets());
            boolean restartable = status.getCode() == Status.Code.UNAVAILABLE
                    || status.getCode() == Status.Code.OUT_OF_RANGE;
            if (restartable && failedRestarts < RESTART_ATTEMPTS) {
                failedRestarts++;
                log.debug("stream {}: call ended with {}; restart {} of {}", sessionId(), status.getCode(),
                        failedRestarts, RESTART_ATTEMPTS);
                Duration backoff = FIRST_BACKOFF.multipliedBy(1L << (failedRestarts - 1));
                reopenAfterNanos = System.nanoTime() + backoff.toNanos(); // the sender waits it out too
                if (endRequested || transmitted > replayStartByte()) {
                    scheduleRestart(backoff); // results are owed for audio already sent: replay it then
                }
            } else {
                fail(error);
            }
        }
    }

    /**
     * Waits out the backoff after a failed call before the next audio opens a new one. The wait happens outside the
     * lock, so cancelling is never held up; the application's further audio queues meanwhile (backpressure).
     */
    private boolean waitForReopen() {
        long wait;
        synchronized (callLock) {
            wait = current == null ? reopenAfterNanos - System.nanoTime() : 0;
        }
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Opens the next call after {@code delay}, unless the sender opened one first or the stream ended. */
    private void scheduleRestart(Duration delay) {
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, restarter).execute(() -> {
            synchronized (callLock) {
                if (!isTerminal() && current == null) {
                    openCall();
                }
            }
        });
    }
}
