package io.debabelizer.tts;

/**
 * Text-in, audio-out streaming: push text as it is produced (e.g. LLM tokens) and read audio as soon as the
 * provider generates it.
 */
public interface TextToSpeechStream extends SynthesisStream {

    /** Queues a piece of text; it may be spoken before later pieces arrive. */
    void sendText(String text);

    /** Asks the provider to speak everything sent so far now (e.g. at the end of a sentence). */
    void flush();

    /** No more text will come; audio for what was sent is finished, then the stream ends. */
    void endInput();
}
