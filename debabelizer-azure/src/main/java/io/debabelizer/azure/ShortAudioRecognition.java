package io.debabelizer.azure;

import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.audio.Wav;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.stt.Usage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The REST API for short audio ({@code POST /speech/recognition/conversation/cognitiveservices/v1}, up to 60 s):
 * WAV with 16 kHz 16-bit mono PCM, one language, the detailed format for the lexical, ITN and display forms and
 * word times (100 ns ticks). Other input is converted first.
 */
final class ShortAudioRecognition {

    static final String PATH = "/speech/recognition/conversation/cognitiveservices/v1";
    static final int SAMPLE_RATE = 16_000;
    static final String CONTENT_TYPE = "audio/wav; codecs=audio/pcm; samplerate=16000";

    private final AzureSettings settings;
    private final AzureHttp http;

    ShortAudioRecognition(AzureSettings settings, AzureHttp http) {
        this.settings = settings;
        this.http = http;
    }

    Transcript transcribe(TranscriptionRequest request) {
        String locale = request.language().filter(l -> !AzureLocales.isDetect(l)).map(AzureLocales::toLocale)
                .orElseThrow(() -> new InvalidInputException("the short-audio API needs a language; name one or use "
                        + "fast transcription (option api=fast) to detect it", AzureSettings.PROVIDER, null, null));
        Query q = new Query().set("language", locale).set("format", "detailed")
                .set("profanity", AzureOptions.profanity(request.providerOptions(), settings, false))
                .set("wordLevelTimestamps", request.wordTimestamps() ? "true" : null)
                .set("cid", request.model().orElse(null));
        byte[] wav = wav16kMono(request.audio());
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(settings.endpoints().stt(PATH + q))
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(wav)));
        String requestId = AzureErrors.requestId(r.headers());
        return map(AzureJson.parse(r.body(), requestId), locale, requestId, request.model().orElse(null),
                Wav.read(wav).durationSeconds());
    }

    /** The recording as 16 kHz 16-bit mono PCM WAV: sent as it is when it already is one, else converted. */
    static byte[] wav16kMono(AudioData audio) {
        AudioFormat f = audio.format();
        boolean ready = f.container() == Container.WAV && f.encoding() == Encoding.PCM_SIGNED
                && f.bitsPerSample() == 16 && !f.bigEndian() && f.sampleRate() == SAMPLE_RATE && f.channels() == 1;
        return ready ? audio.bytes() : Wav.write(AudioConverter.toPcm16(audio, SAMPLE_RATE, 1));
    }

    /**
     * Maps a detailed-format response. {@code NoMatch} and the silence/babble timeouts are an empty transcript
     * (nothing was said); {@code Error} and other failures are typed errors.
     */
    static Transcript map(JsonNode root, String locale, String requestId, String model, double seconds) {
        RecognizedPhrase p = RecognizedPhrase.parse(root, 0, requestId);
        if (RecognizedPhrase.isNothingRecognised(p.status())) {
            return new Transcript("", locale, seconds, Double.NaN, List.of(), AzureSettings.PROVIDER, model,
                    requestId, new Usage(seconds));
        }
        if (!p.isSuccess()) {
            throw AzureErrors.forRecognitionStatus(p.status(), requestId);
        }
        return new Transcript(p.display(), p.language() == null ? locale : p.language(), seconds, p.confidence(),
                p.words(), AzureSettings.PROVIDER, model, requestId, new Usage(seconds));
    }
}
