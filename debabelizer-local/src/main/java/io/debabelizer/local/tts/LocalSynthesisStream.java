package io.debabelizer.local.tts;

import io.debabelizer.DebabelizerException;
import io.debabelizer.ProviderUnavailableException;
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

    private final OutputEncoder encoder;

    private LocalSynthesisStream(String provider, OutputEncoder encoder) {
        super(provider, encoder.format(), BUFFERED_SENTENCES);
        this.encoder = encoder;
    }

    static LocalSynthesisStream start(String provider, OutputEncoder encoder, SynthesizerEngine engine, String voice,
                                      double speed, double gainDb, List<String> sentences) {
        LocalSynthesisStream stream = new LocalSynthesisStream(provider, encoder);
        stream.producer = Thread.ofVirtual().name("debabelizer-" + provider + "-tts-stream").start(() ->
                stream.produce(engine, voice, speed, gainDb, sentences));
        return stream;
    }

    private void produce(SynthesizerEngine engine, String voice, double speed, double gainDb,
                         List<String> sentences) {
        try {
            byte[] header = encoder.streamHeader();
            boolean first = true;
            for (String sentence : sentences) {
                if (isDone()) {
                    return;
                }
                SynthesizedAudio pcm = engine.synthesize(sentence, voice, speed);
                byte[] body = encoder.body(Gain.apply(pcm.samples(), gainDb));
                if (first && header.length > 0) {
                    body = concat(header, body);
                }
                first = false;
                emitAudio(body, List.of()).toCompletableFuture().join();
            }
            complete();
        } catch (DebabelizerException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new ProviderUnavailableException("local synthesis failed: " + e, provider(), null, e));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    protected void abort() {
        Thread t = producer;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }
}
