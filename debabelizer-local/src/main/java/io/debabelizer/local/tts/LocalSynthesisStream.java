package io.debabelizer.local.tts;

import io.debabelizer.DebabelizerException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.local.Pcm16;
import io.debabelizer.spi.stream.BaseSynthesisStream;
import java.util.List;

/**
 * Streaming synthesis for a local engine: one virtual thread synthesises sentence after sentence and hands each
 * one's audio over as soon as it is ready, so playback can begin after the first sentence. The chunk buffer is
 * small, so a reader that falls behind pauses synthesis instead of letting audio pile up.
 */
final class LocalSynthesisStream extends BaseSynthesisStream {

    private static final int BUFFERED_SENTENCES = 4;

    private volatile Thread producer;

    private LocalSynthesisStream(String provider, AudioFormat format) {
        super(provider, format, BUFFERED_SENTENCES);
    }

    static LocalSynthesisStream start(String provider, AudioFormat format, SynthesizerEngine engine, String voice,
                                      double speed, double gainDb, List<String> sentences) {
        LocalSynthesisStream stream = new LocalSynthesisStream(provider, format);
        stream.producer = Thread.ofVirtual().name("debabelizer-" + provider + "-tts-stream").start(() ->
                stream.produce(engine, voice, speed, gainDb, sentences));
        return stream;
    }

    private void produce(SynthesizerEngine engine, String voice, double speed, double gainDb,
                         List<String> sentences) {
        try {
            for (String sentence : sentences) {
                if (isDone()) {
                    return;
                }
                SynthesizedAudio pcm = engine.synthesize(sentence, voice, speed);
                byte[] bytes = Pcm16.toBytes(Gain.apply(pcm.samples(), gainDb));
                emitAudio(bytes, List.of()).toCompletableFuture().join();
            }
            complete();
        } catch (DebabelizerException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new ProviderUnavailableException("local synthesis failed: " + e, provider(), null, e));
        }
    }

    @Override
    protected void abort() {
        Thread t = producer;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }
}
