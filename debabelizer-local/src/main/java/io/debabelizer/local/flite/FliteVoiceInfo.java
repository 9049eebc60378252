package io.debabelizer.local.flite;

import io.debabelizer.tts.Voice;
import java.util.List;
import java.util.Map;

/** The voices Debian's libflite1 compiles in, each in its own shared library. */
enum FliteVoiceInfo {
    KAL("kal", "Kal (diphone, 8 kHz)", Voice.Gender.MALE, 8000),
    KAL16("kal16", "Kal (diphone, 16 kHz)", Voice.Gender.MALE, 16000),
    AWB("awb", "AWB (Scottish English)", Voice.Gender.MALE, 16000),
    RMS("rms", "RMS", Voice.Gender.MALE, 16000),
    SLT("slt", "SLT", Voice.Gender.FEMALE, 16000);

    final String id;
    final String displayName;
    final Voice.Gender gender;
    final int sampleRate;

    FliteVoiceInfo(String id, String displayName, Voice.Gender gender, int sampleRate) {
        this.id = id;
        this.displayName = displayName;
        this.gender = gender;
        this.sampleRate = sampleRate;
    }

    List<String> libraryNames() {
        return List.of("libflite_cmu_us_" + id + ".so.1", "libflite_cmu_us_" + id + ".so");
    }

    String registerFunction() {
        return "register_cmu_us_" + id;
    }

    Voice toVoice(String provider) {
        return new Voice(id, displayName, List.of("en-US"), gender, "CMU Flite voice cmu_us_" + id, provider,
                Map.of("sample_rate", Integer.toString(sampleRate)));
    }

    static FliteVoiceInfo byId(String id) {
        for (FliteVoiceInfo v : values()) {
            if (v.id.equals(id)) {
                return v;
            }
        }
        return null;
    }
}
