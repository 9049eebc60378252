/**
 * Offline providers, so Debabelizer works with no API key.
 *
 * <ul>
 *   <li>{@code pocketsphinx} (STT) and {@code flite} (TTS) call the Debian system libraries ({@code libpocketsphinx3}
 *       with {@code pocketsphinx-en-us}, {@code libflite1}) through the FFM API; each binding is one class of
 *       method handles ({@code PocketSphinxLibrary}, {@code FliteLibrary}) and reports "not installed" through its
 *       factory's availability when the library is missing. The JVM needs {@code --enable-native-access}.</li>
 *   <li>{@code sphinx4} (STT) and {@code freetts} (TTS) are pure Java: slower or rougher, but they run anywhere.</li>
 * </ul>
 *
 * <p>Engines plug into two generic providers: {@link io.debabelizer.local.stt.LocalSttProvider} (batch and live
 * streaming, segmented by the energy VAD in {@link io.debabelizer.local.vad}) over a
 * {@link io.debabelizer.local.stt.SpeechRecognizerEngine}, and {@link io.debabelizer.local.tts.LocalTtsProvider}
 * (WAV or raw PCM, sentence-by-sentence streaming) over a {@link io.debabelizer.local.tts.SynthesizerEngine}.
 */
package io.debabelizer.local;
