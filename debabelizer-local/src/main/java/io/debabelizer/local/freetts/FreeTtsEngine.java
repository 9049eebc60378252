package io.debabelizer.local.freetts;

import com.sun.speech.freetts.VoiceManager;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.local.tts.SynthesizedAudio;
import io.debabelizer.local.tts.SynthesizerEngine;
import io.debabelizer.tts.Voice;
import java.util.List;
import java.util.Map;

/**
 * FreeTTS with the kevin16 voice bundled in its jar: pure Java, so it works on any JVM. A FreeTTS voice is not
 * thread-safe, so calls are serialised.
 */
public final class FreeTtsEngine implements SynthesizerEngine {

    static final String PROVIDER = "freetts";
    static final String VOICE = "kevin16";
    private static final String VOICE_DIRECTORY = "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory";
    /** FreeTTS's normal speaking rate in words per minute. */
    private static final float NORMAL_RATE_WPM = 150f;

    private com.sun.speech.freetts.Voice voice;

    @Override
    public synchronized SynthesizedAudio synthesize(String text, String voiceId, double speed) {
        if (!VOICE.equals(voiceId)) {
            throw new InvalidInputException("unknown freetts voice '" + voiceId + "'", PROVIDER, null, null);
        }
        com.sun.speech.freetts.Voice v = voice();
        CapturingAudioPlayer player = new CapturingAudioPlayer();
        v.setAudioPlayer(player);
        v.setRate((float) (NORMAL_RATE_WPM * speed));
        if (!v.speak(text)) {
            throw new ProviderUnavailableException("freetts could not speak the text", PROVIDER, null, null);
        }
        return new SynthesizedAudio(player.samples(), player.sampleRate(), 1);
    }

    private com.sun.speech.freetts.Voice voice() {
        if (voice == null) {
            // FreeTTS finds voices through this property; set it only if the application did not.
            if (System.getProperty("freetts.voices") == null) {
                System.setProperty("freetts.voices", VOICE_DIRECTORY);
            }
            com.sun.speech.freetts.Voice v = VoiceManager.getInstance().getVoice(VOICE);
            if (v == null) {
                throw new ProviderUnavailableException("freetts voice " + VOICE + " not found on the class path",
                        PROVIDER, null, null);
            }
            v.allocate();
            voice = v;
        }
        return voice;
    }

    @Override
    public List<Voice> voices() {
        return List.of(new Voice(VOICE, "Kevin (16 kHz diphone)", List.of("en-US"), Voice.Gender.MALE,
                "FreeTTS cmu_us_kal diphone voice", PROVIDER, Map.of("sample_rate", "16000")));
    }

    @Override
    public String defaultVoice() {
        return VOICE;
    }

    @Override
    public int sampleRate(String voiceId) {
        return 16_000;
    }

    @Override
    public synchronized void close() {
        if (voice != null) {
            voice.deallocate();
            voice = null;
        }
    }
}
