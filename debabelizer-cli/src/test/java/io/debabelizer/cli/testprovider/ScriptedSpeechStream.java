package io.debabelizer.cli.testprovider;

import io.debabelizer.spi.stream.BaseSpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Streams the script back as the audio passes it: a word is "heard" once the audio sent covers its end; heard words
 * come as an interim result, and as a final result when a sentence ends (or input ends).
 */
final class ScriptedSpeechStream extends BaseSpeechStream {

    private final List<Word> pending = new ArrayList<>();
    private long bytes;
    private int nextWord;
    private boolean speechStarted;

    ScriptedSpeechStream(StreamRequest request) {
        super(ScriptedProviderFactory.NAME, request);
        requireUncompressed(request, ScriptedProviderFactory.NAME);
    }

    void open() {
        start();
    }

    @Override
    protected synchronized CompletionStage<?> transmitAudio(byte[] chunk) {
        bytes += chunk.length;
        double heardUntil = secondsForBytes(bytes);
        if (!speechStarted && heardUntil >= Script.WORDS.getFirst().start()) {
            speechStarted = true;
            emit(new StreamEvent.SpeechStarted(Script.WORDS.getFirst().start()));
        }
        boolean changed = false;
        while (nextWord < Script.WORDS.size() && Script.WORDS.get(nextWord).end() <= heardUntil) {
            Word w = Script.WORDS.get(nextWord++);
            pending.add(w);
            changed = true;
            if (w.punctuated().endsWith(".")) {
                emitInterim();
                emitFinal(true);
                changed = false;
            }
        }
        if (changed) {
            emitInterim();
        }
        return CompletableFuture.completedFuture(null);
    }

    private void emitInterim() {
        emit(new StreamEvent.Interim(Script.join(pending), pending, pending.getFirst().start(),
                pending.getLast().end(), 0.8));
    }

    private void emitFinal(boolean speechFinal) {
        List<Word> words = List.copyOf(pending);
        pending.clear();
        emit(new StreamEvent.Final(Script.join(words), words, words.getFirst().start(), words.getLast().end(), 0.9,
                speechFinal, "en"));
        if (speechFinal) {
            emit(new StreamEvent.UtteranceEnd(words.getLast().end()));
        }
    }

    @Override
    protected CompletionStage<?> transmitFinalize() {
        synchronized (this) {
            if (!pending.isEmpty()) {
                emitFinal(false);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    protected synchronized CompletionStage<?> transmitEndOfInput() {
        if (!pending.isEmpty()) {
            emitFinal(true);
        }
        complete();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    protected void abort() {
        // nothing to close: no connection
    }
}
